// nginx mode through the real fluent-bit on the rendered config (the tier above the Ruby
// receiver's model). Two parts:
// - the datagrams real nginx sent for the awkward requests of catalogue.ts, replayed into
//   fluent-bit as nginx's user: every day file must hold, byte for byte, the lines the test
//   derives from those datagrams (rig/fluent-bit-output.ts), for every data-path value set;
// - restarts and crashes under load (real nginx → socket → fluent-bit), printing lines lost
//   and written twice, and requiring every written line to be whole.
//
// Like fluent-bit-envoy.test.ts, the one kind of test allowed to pass without running: no
// package registry reachable here ships fluent-bit, so without a binary (FLUENT_BIT_BIN,
// fluent-bit on PATH, /opt/fluent-bit/bin/fluent-bit) each test prints that it did not run.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { EXAMPLES } from "../../resources/examples.ts";
import { values as valuesSchema } from "../../values-schema/index.ts";
import { findFluentBit } from "./rig/fluent-bit.ts";
import { fluentBitRecord, nodeFile, templateLine } from "./rig/fluent-bit-output.ts";
import { FluentBitReceiver, replayAsNginx } from "./rig/fluent-bit-receiver.ts";
import { startLoad } from "./rig/load.ts";
import { notNginxDatagrams } from "./rig/not-nginx.ts";
import { Rig } from "./rig/rig.ts";
import { waitFor } from "./rig/wait.ts";
import { runCatalogue } from "./run-catalogue.ts";
import { VALUE_SETS } from "./value-sets.ts";

const NOT_RUN = "fluent-bit nginx-mode test did not run: no fluent-bit binary (set FLUENT_BIT_BIN or put fluent-bit on PATH); no registry here ships it";
const LOAD_CLIENTS = 32;

function binaryOrSay(): string | undefined {
  const binary = findFluentBit();
  if (!binary) console.log(NOT_RUN);
  return binary;
}

/** Every file under dir with its whole content. */
function filesUnder(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (path: string): void => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) walk(child);
      else files.set(child, readFileSync(child, "utf8"));
    }
  };
  walk(dir);
  return files;
}

/**
 * Examples whose pods mount Secrets (forwarding's CA, nginx's certificates) need the test to
 * make them: forward-fluent-bit.test.ts and tls.test.ts run those with generated ones. This
 * rig starts the pod without Secrets, and fluent-bit refuses a missing ca_file.
 */
const mountsSecrets = (values: { accessLog?: { forward?: { tls?: { caSecret?: unknown } } }; nginx?: { tls?: { enabled?: boolean } } }) =>
  values.accessLog?.forward?.tls?.caSecret !== undefined || values.nginx?.tls?.enabled === true;

/** The data path's value sets and every example values file that runs nginx in a chart-rendered Deployment. */
const BYTE_FOR_BYTE = [
  ...VALUE_SETS,
  ...EXAMPLES.filter((example) => example.values.accessLog?.source !== "envoy" && example.values.gateway?.mode !== "istioOperator" && !mountsSecrets(example.values))
    .map((example) => ({ name: `example ${example.name}`, values: example.values as Record<string, unknown> })),
];

describe("nginx mode through the real fluent-bit: the catalogue's datagrams, byte for byte", () => {
  it.each(BYTE_FOR_BYTE)("$name", async ({ values }) => {
    const binary = binaryOrSay();
    if (!binary) return;
    const run = await runCatalogue(values);
    let receiver: FluentBitReceiver | undefined;
    try {
      const { rig } = run;
      const sent = run.logged.flatMap((logged) => logged.datagrams.map((datagram, index) => ({ datagram, parsed: logged.parsed[index]! })));
      const expected = new Map<string, string>();
      for (const { parsed } of sent) {
        const record = fluentBitRecord(rig.pipeline, parsed);
        const file = nodeFile(rig.pod, rig.pipeline, record);
        expected.set(file, `${expected.get(file) ?? ""}${templateLine(rig.pipeline, record)}\n`);
      }
      receiver = await FluentBitReceiver.start(rig, binary, rig.pod.maxDgramQlen);
      replayAsNginx(rig, sent.map(({ datagram }) => datagram));
      await receiver.settle();
      const graceSeconds = valuesSchema.parse(rig.values).fluentBit.graceSeconds;
      await receiver.terminate(graceSeconds);
      expect(sent.length).toBe(run.logged.length);
      expect(filesUnder(rig.pod.output.hostPath), receiver.output).toEqual(expected);
    } finally {
      await receiver?.stop();
      run.rig.dispose();
    }
  });
});

/** The uri field of a written line, LTSV or JSON, to match it with the request that made it. */
function uriOf(line: string): string {
  if (line.startsWith("{")) return String((JSON.parse(line) as { uri?: unknown }).uri);
  const field = line.split("\t").find((part) => part.startsWith("uri:"));
  if (!field) throw new Error(`a written line without uri: ${line}`);
  return field.slice("uri:".length);
}

interface Figures {
  /** The uri of every written line, in file order. */
  readonly uris: readonly string[];
  readonly answered: number;
  readonly written: number;
  readonly lost: number;
  readonly duplicated: number;
  readonly "nginx syslog warnings": number;
}

/**
 * Load on nginx while fluent-bit reads the socket; after a second, `disrupt` replaces the
 * fluent-bit process; a second later nginx stops gracefully (the pod's order), then the last
 * fluent-bit drains and stops. Counts answered requests against written lines.
 */
async function underLoad(
  binary: string,
  disrupt: (rig: Rig, current: FluentBitReceiver, graceSeconds: number) => Promise<FluentBitReceiver>,
  values: Record<string, unknown> = {},
): Promise<Figures> {
  const rig = await Rig.create(values);
  const receivers: FluentBitReceiver[] = [];
  try {
    rig.envoy.record = false;
    const graceSeconds = valuesSchema.parse(rig.values).fluentBit.graceSeconds;
    await rig.envoy.start();
    receivers.push(await FluentBitReceiver.start(rig, binary, rig.pod.maxDgramQlen));
    await rig.startNginx();
    const load = startLoad(rig.listenPort, LOAD_CLIENTS, "load");
    await sleep(1_000);
    receivers.push(await disrupt(rig, receivers.at(-1)!, graceSeconds));
    await sleep(1_000);
    await rig.nginx!.quit();
    await load.stop();
    const last = receivers.at(-1)!;
    await last.settle();
    await last.terminate(graceSeconds);
    await rig.envoy.stop();
    const uris = last.writtenLines().map(({ line }) => uriOf(line));
    const unique = new Set(uris);
    return {
      uris,
      answered: load.responded.size,
      written: uris.length,
      lost: [...load.responded].filter((uri) => !unique.has(uri)).length,
      duplicated: uris.length - unique.size,
      "nginx syslog warnings": rig.nginx!.syslogErrors().length,
    };
  } finally {
    for (const receiver of receivers) await receiver.stop();
    rig.dispose();
  }
}

function report(scenario: string, { uris: _uris, ...figures }: Figures): void {
  console.log(`[fluent-bit] ${scenario}: ${Object.entries(figures).map(([key, value]) => `${key} ${value}`).join(", ")}`);
}

/** Every written line names a request the load sent: nothing half-written or invented. */
function malformed(figures: Figures): string[] {
  return figures.uris.filter((uri) => !/^\/load\/[0-9]+$/.test(uri));
}

// Measurements with the chart's defaults (fluent-bit 5.1.1), printed for the README and the
// issue. Why each figure is what it is, from fluent-bit's source:
// - a SIGTERM'd fluent-bit keeps reading the socket for up to Grace (src/flb_engine.c,
//   flb_engine_stop_ingestion pauses only inputs with a pause callback, and plugins/in_syslog
//   has none), then closes it: what is queued then, and every send until the new process
//   binds (syslog_server.c unlinks and binds anew), is lost;
// - with filesystem chunks (forwarding on), every chunk left unfinished on any route is
//   replayed by the next process and routed again by its tag alone
//   (plugins/in_storage_backlog/sb.c, sb_append_chunk_to_segregated_backlogs), so the day
//   files get again what they had written but forward had not delivered: with the receiver
//   down, the whole backlog (measured: about 12,000 of 21,000 lines); memory chunks, the
//   default with forwarding off, are never replayed: none written twice, which the tests require;
// - a crash loses what was read but not flushed (at most about one Flush interval).
// The issue's loss target (at most one line per nginx worker) needs a socket that outlives
// fluent-bit's process, which in_syslog cannot take over: the figures are reported.
const restart = async (rig: Rig, current: FluentBitReceiver, graceSeconds: number, binary: string) => {
  await current.terminate(graceSeconds);
  return FluentBitReceiver.start(rig, binary, rig.pod.maxDgramQlen);
};
const crash = async (rig: Rig, current: FluentBitReceiver, binary: string) => {
  await current.stop();
  return FluentBitReceiver.start(rig, binary, rig.pod.maxDgramQlen);
};

describe("nginx mode through the real fluent-bit: restarts under load (defaults)", () => {
  it("loses no line and writes none twice when the pod stops in the chart's order (nginx gracefully, then fluent-bit)", async () => {
    const binary = binaryOrSay();
    if (!binary) return;
    const figures = await underLoad(binary, async (_rig, current) => current);
    report("pod stop in the chart's order under load", figures);
    expect(figures.answered).toBeGreaterThan(1_000);
    expect(malformed(figures)).toEqual([]);
    expect([figures.lost, figures.duplicated]).toEqual([0, 0]);
  });

  it("writes no line twice when fluent-bit restarts (SIGTERM, then a start), and measures the lines lost", async () => {
    const binary = binaryOrSay();
    if (!binary) return;
    const figures = await underLoad(binary, (rig, current, graceSeconds) => restart(rig, current, graceSeconds, binary));
    report("restart (SIGTERM, immediate start) under load", figures);
    expect(figures.answered).toBeGreaterThan(1_000);
    expect(malformed(figures)).toEqual([]);
    expect(figures.duplicated).toBe(0);
  });

  it("writes no line twice when fluent-bit crashes (SIGKILL, then a start), and measures the lines lost", async () => {
    const binary = binaryOrSay();
    if (!binary) return;
    const figures = await underLoad(binary, (rig, current) => crash(rig, current, binary));
    report("crash (SIGKILL, immediate start) under load", figures);
    expect(figures.answered).toBeGreaterThan(1_000);
    expect(malformed(figures)).toEqual([]);
    expect(figures.duplicated).toBe(0);
  });

  it("measures a restart with forwarding on (filesystem chunks, replayed by the next process)", async () => {
    const binary = binaryOrSay();
    if (!binary) return;
    // A receiver that never answers: the forward output retries; the day files are measured.
    const values = { accessLog: { forward: { enabled: true, host: "127.0.0.1", port: 9 } } };
    const figures = await underLoad(binary, (rig, current, graceSeconds) => restart(rig, current, graceSeconds, binary), values);
    report("restart with forwarding on (filesystem chunks) under load", figures);
    expect(figures.answered).toBeGreaterThan(1_000);
    expect(malformed(figures)).toEqual([]);
  });
});

/** A rig on the defaults and the fluent-bit processes `body` starts in it, all stopped and removed afterwards. */
async function inRig(binary: string, body: (rig: Rig, startFluentBit: () => Promise<FluentBitReceiver>) => Promise<void>): Promise<void> {
  const rig = await Rig.create({});
  const receivers: FluentBitReceiver[] = [];
  try {
    rig.envoy.record = false;
    await body(rig, async () => {
      const receiver = await FluentBitReceiver.start(rig, binary, rig.pod.maxDgramQlen);
      receivers.push(receiver);
      return receiver;
    });
  } finally {
    for (const receiver of receivers) await receiver.stop();
    rig.dispose();
  }
}

/** One real datagram from the rendered nginx: the first request's line. */
async function oneNginxDatagram(rig: Rig): Promise<Buffer> {
  await rig.startInChartOrder();
  const load = startLoad(rig.listenPort, 1, "good");
  await waitFor(() => rig.datagrams().length > 0, 10_000, "a datagram from nginx");
  await load.stop();
  await rig.stopInChartOrder();
  return rig.datagrams()[0]!.bytes;
}

describe("nginx mode through the real fluent-bit: what is not nginx's line", () => {
  it("drops and counts every datagram that is not the JSON line this nginx writes, and files nothing for it", async () => {
    const binary = binaryOrSay();
    if (!binary) return;
    await inRig(binary, async (rig, startFluentBit) => {
      const good = (await oneNginxDatagram(rig)).toString("latin1");
      const bad = notNginxDatagrams(good).map(({ text }) => text);
      const receiver = await startFluentBit();
      const warningsBefore = (await receiver.metrics()).get('fluentbit_logger_logs_total{message_type="warn"}')!;
      replayAsNginx(rig, [...bad, good].map((text) => ({ bytes: Buffer.from(text, "latin1"), truncated: false })));
      await receiver.settle();
      const metrics = await receiver.metrics();
      const lines = receiver.writtenLines();
      await receiver.terminate(valuesSchema.parse(rig.values).fluentBit.graceSeconds);
      // Only nginx's own line is filed, in its day's file; nothing under undated/.
      expect(lines.map(({ line }) => uriOf(line))).toEqual(["/good/0"]);
      expect(lines.every(({ file }) => !file.includes("/undated/"))).toBe(true);
      // Counted where an operator alerts: one warning per dropped datagram (in_syslog's
      // "error parsing log message"), and only the good one taken in.
      expect(metrics.get('fluentbit_logger_logs_total{message_type="warn"}')! - warningsBefore).toBe(bad.length);
      expect(metrics.get('fluentbit_input_records_total{name="access_log"}')).toBe(1);
    });
  });
});

describe("nginx mode through the real fluent-bit: lines nginx could not hand over are counted", () => {
  it("counts in accesslog_nginx_lines_not_handed_over_total exactly the lines lost while fluent-bit did not read", async () => {
    const binary = binaryOrSay();
    if (!binary) return;
    await inRig(binary, async (rig, startFluentBit) => {
      await rig.envoy.start();
      const receiver = await startFluentBit();
      await rig.startNginx();
      receiver.pause();
      // One client, so the burst stays under what nginx can queue on the error socket while
      // nobody reads it: each worker's socket send buffer (net.core.wmem_default, 208 KiB)
      // holds about 160 warnings; a longer full stall undercounts (measured: 167 of 429).
      const load = startLoad(rig.listenPort, 1, "load");
      await waitFor(() => rig.nginx!.stderr.split("send() to syslog failed").length > 50, 30_000, "nginx to warn for 50 lines");
      await load.stop();
      receiver.resume();
      await rig.nginx!.quit();
      await receiver.settle();
      const counter = (await receiver.metrics("exporter")).get("accesslog_nginx_lines_not_handed_over_total");
      const written = new Set(receiver.writtenLines().map(({ line }) => uriOf(line)));
      await receiver.terminate(valuesSchema.parse(rig.values).fluentBit.graceSeconds);
      await rig.envoy.stop();
      const lost = [...load.responded].filter((uri) => !written.has(uri)).length;
      const warnings = rig.nginx!.stderr.split("\n").filter((line) => line.includes("send() to syslog failed")).length;
      console.log(`[fluent-bit] fluent-bit stopped reading under load: lost ${lost}, nginx warnings ${warnings}, counter ${counter}`);
      expect(lost).toBeGreaterThan(50);
      expect([counter, warnings]).toEqual([lost, lost]);
    });
  });
});
