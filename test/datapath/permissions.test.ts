// The socket's permissions exercised for real: nginx's master and workers run as the pod's
// nginx user with only the fsGroup added, the receiver as fluent-bit's user, and the socket
// is the rendered Unix_Perm with the fsGroup. With fluent-bit's default 0644 instead, the
// worker cannot send: that is what Unix_Perm in the chart is for.
import { statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sendBatch } from "./rig/batch.ts";
import { Receiver } from "./rig/receiver.ts";
import { childrenOf, credentials } from "./rig/proc.ts";
import { DATA_PATH_HELM, Rig } from "./rig/rig.ts";

describe(`socket permissions, ${DATA_PATH_HELM.label} defaults`, () => {
  it("runs nginx's master and workers as the pod's nginx user, and the socket as Unix_Perm with the fsGroup", async () => {
    const rig = await Rig.create();
    try {
      await rig.startInChartOrder();
      const master = rig.nginx!.process.pid!;
      // The master forks its workers after it starts listening: on a busy machine they may
      // not all exist yet when the health check first answers.
      const workers = await workersOf(master, rig.pod.nginx.workers);
      expect(workers).toHaveLength(rig.pod.nginx.workers);
      for (const pid of [master, ...workers]) expect(credentials(pid)).toEqual({ uid: rig.pod.nginx.uid, gid: rig.pod.nginx.gid, groups: [rig.pod.fsGroup] });
      const socket = statSync(rig.pipeline.socketPath);
      expect(socket.isSocket()).toBe(true);
      expect({ mode: socket.mode & 0o777, uid: socket.uid, gid: socket.gid }).toEqual({ mode: rig.pipeline.unixPerm, uid: rig.pod.fluentBit.uid, gid: rig.pod.fsGroup });
      expect(await sendBatch(rig, "permitted", 4)).toHaveLength(4);
      await rig.stopInChartOrder();
      expect(rig.datagrams()).toHaveLength(4);
    } finally {
      rig.dispose();
    }
  });

  it("loses every line when the socket has fluent-bit's default mode 0644", async () => {
    const rig = await Rig.create();
    let receiver: Receiver | undefined;
    try {
      await rig.envoy.start();
      receiver = await Receiver.start(rig.pod, { ...rig.pipeline, unixPerm: 0o644 });
      await rig.startNginx();
      const answered = await sendBatch(rig, "denied", 4);
      await rig.nginx!.quit();
      await receiver.stop();
      expect(answered).toHaveLength(4);
      expect(receiver.datagrams).toHaveLength(0);
      expect(rig.nginx!.stderr).toContain("Permission denied");
    } finally {
      receiver?.kill();
      rig.dispose();
    }
  });
});

async function workersOf(master: number, expected: number): Promise<number[]> {
  const deadline = Date.now() + 5000;
  let workers = childrenOf(master);
  while (workers.length < expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    workers = childrenOf(master);
  }
  return workers;
}
