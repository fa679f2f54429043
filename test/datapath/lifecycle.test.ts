// Start and stop order on the same rig as requests.test.ts, counting lines lost: requests
// that got a response but whose datagram never reached the receiver. Zero is required for
// the order the chart enforces (receiver up before nginx, nginx stopped before receiver);
// the other orders are measured and printed.
import { describe, expect, it } from "vitest";
import { sendBatch } from "./rig/batch.ts";
import { startLoad } from "./rig/load.ts";
import { loggedUris, lost } from "./rig/logged.ts";
import { DATA_PATH_HELM, withRig, type Rig } from "./rig/rig.ts";
import { waitFor } from "./rig/wait.ts";

const BATCH = 20;
const LOAD_CLIENTS = 32;

function report(scenario: string, figures: Record<string, number | string>): void {
  console.log(`[data path] ${scenario}: ${Object.entries(figures).map(([key, value]) => `${key} ${value}`).join(", ")}`);
}

describe(`lifecycle, ${DATA_PATH_HELM.label} defaults`, () => {
  it("loses every line sent before the receiver binds, none after", () =>
    withRig({}, async (rig) => {
      await rig.envoy.start();
      await rig.startNginx();
      const before = await sendBatch(rig, "before-socket", BATCH);
      await rig.startReceiver();
      const after = await sendBatch(rig, "after-socket", BATCH);
      await rig.stopInChartOrder();
      const { uris } = loggedUris(rig);
      const figures = { "lost before the socket": `${lost(before, uris)}/${before.length}`, "lost after": `${lost(after, uris)}/${after.length}` };
      report("nginx started before the receiver", { ...figures, "nginx syslog warnings": rig.nginx!.syslogErrors().length });
      expect([before.length, after.length]).toEqual([BATCH, BATCH]);
      expect(lost(before, uris)).toBe(BATCH);
      expect(lost(after, uris)).toBe(0);
    }));

  it("loses lines across a receiver restart (the socket is recreated)", () =>
    withRig({}, async (rig) => {
      await rig.startInChartOrder();
      const warm = await sendBatch(rig, "warm", BATCH);
      await rig.receiver!.settle();
      await rig.receiver!.stop();
      await rig.startReceiver();
      const afterQuickRestart = await sendBatch(rig, "after-quick-restart", BATCH);
      await rig.receiver!.settle();
      await rig.receiver!.stop();
      const whileDown = await sendBatch(rig, "while-down", BATCH);
      await rig.startReceiver();
      const afterDowntime = await sendBatch(rig, "after-downtime", BATCH);
      await rig.stopInChartOrder();
      const { uris } = loggedUris(rig);
      report("receiver restart", {
        "lost before": `${lost(warm, uris)}/${warm.length}`,
        "lost right after an immediate restart": `${lost(afterQuickRestart, uris)}/${afterQuickRestart.length}`,
        "lost while down": `${lost(whileDown, uris)}/${whileDown.length}`,
        "lost after it came back": `${lost(afterDowntime, uris)}/${afterDowntime.length}`,
        "nginx syslog warnings": rig.nginx!.syslogErrors().length,
      });
      expect(lost(warm, uris)).toBe(0);
      // nginx keeps a connected socket per worker: each loses its first line to the new socket.
      expect(lost(afterQuickRestart, uris)).toBeLessThanOrEqual(rig.pod.nginx.workers);
      expect(lost(whileDown, uris)).toBe(whileDown.length);
    }));

  it("loses no line of an answered request when nginx stops gracefully (SIGQUIT) under load before the receiver", () =>
    withRig({}, async (rig) => {
      const figures = await gracefulStopUnderLoad(rig);
      report(`graceful stop under load, chart order, max_dgram_qlen ${rig.pod.maxDgramQlen}`, figures);
      expect(figures.answered).toBeGreaterThanOrEqual(ANSWERED_BEFORE_STOP);
      expect(figures.unparsed).toBe(0);
      expect(figures.lost).toBe(0);
    }));

  it("measures the same stop with the kernel's default queue (kernelQueue.method none)", () =>
    withRig({ kernelQueue: { method: "none" } }, async (rig) => {
      expect(rig.pod.maxDgramQlen).toBeUndefined();
      const figures = await gracefulStopUnderLoad(rig);
      report("graceful stop under load, chart order, max_dgram_qlen 10 (kernel default)", figures);
      expect(figures.unparsed).toBe(0);
    }));

  it("loses lines when the receiver stops before nginx under load (the order the chart prevents)", () =>
    withRig({}, async (rig) => {
      await rig.startInChartOrder();
      const load = startLoad(rig.listenPort, LOAD_CLIENTS, "load");
      // Counts, not pauses: under load before the receiver stops, and still answering after.
      await waitFor(() => load.responded.size >= BATCH * 10, 60_000, "requests answered under load");
      await rig.receiver!.stop();
      const answeredBeforeStop = load.responded.size;
      await waitFor(() => load.responded.size >= answeredBeforeStop + BATCH * 10, 60_000, "requests answered after the receiver stopped");
      await rig.nginx!.quit();
      await load.stop();
      await rig.envoy.stop();
      const { uris } = loggedUris(rig);
      const lostLines = lost(load.responded, uris);
      report("receiver stopped before nginx under load", { answered: load.responded.size, lost: lostLines, "nginx syslog warnings": rig.nginx!.syslogErrors().length });
      expect(lostLines).toBeGreaterThan(0);
    }));
});

/** Requests answered under load before nginx is stopped: enough for the stop to meet a full queue. */
const ANSWERED_BEFORE_STOP = 1_000;

/**
 * Keep-alive load until ANSWERED_BEFORE_STOP requests were answered (a count, so a slow
 * machine waits longer instead of failing), then SIGQUIT to nginx while the load goes on,
 * then the receiver stops.
 */
async function gracefulStopUnderLoad(rig: Rig) {
  await rig.startInChartOrder();
  const load = startLoad(rig.listenPort, LOAD_CLIENTS, "load");
  const started = Date.now();
  // The limit only ends a rig that stopped answering; it is not a speed requirement.
  await waitFor(() => load.responded.size >= ANSWERED_BEFORE_STOP, 60_000, `${ANSWERED_BEFORE_STOP} answered requests`);
  await rig.nginx!.quit();
  const seconds = (Date.now() - started) / 1000;
  await load.stop();
  await rig.stopInChartOrder();
  const { uris, unparsed } = loggedUris(rig);
  return {
    answered: load.responded.size,
    "requests/s": Math.round(load.responded.size / seconds),
    datagrams: rig.datagrams().length,
    lost: lost(load.responded, uris),
    unparsed,
    "requests without a response": load.failures(),
    "nginx syslog warnings": rig.nginx!.syslogErrors().length,
  };
}
