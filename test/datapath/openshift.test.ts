// platform openshift on the data path: the chart fixes no user, group or fsGroup, and the rig
// plays OpenShift's SCC admission, assigning them from a namespace range (arbitrary UIDs
// like 1000680000, every container in group 0, the fsGroup on the emptyDirs). nginx and
// fluent-bit get different UIDs here (restricted-v2 gives both the range's first, which
// would hide a socket only its owner can use): the socket must work through the assigned
// fsGroup alone, and the day files through group 0 on a node directory prepared as the
// README says (root-owned, group 0 writable).
import { statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sendBatch } from "./rig/batch.ts";
import { findFluentBit } from "./rig/fluent-bit.ts";
import { FluentBitReceiver } from "./rig/fluent-bit-receiver.ts";
import { credentials } from "./rig/proc.ts";
import { OPENSHIFT_ASSIGNMENT as ASSIGNED, PLATFORM_GROUP } from "./rig/render.ts";
import { DATA_PATH_HELM, Rig } from "./rig/rig.ts";
import { waitFor } from "./rig/wait.ts";

/** The values an OpenShift install needs besides platform (the render refuses the rest, see openshift_test.yaml). */
const OPENSHIFT = { platform: "openshift", accessLog: { output: { prepareHostPath: false } }, kernelQueue: { podSysctlSurvivesInjection: true } };

describe(`platform openshift, ${DATA_PATH_HELM.label}`, () => {
  it("sends every line through the socket with platform-assigned users, by the assigned fsGroup alone", async () => {
    const rig = await Rig.create(OPENSHIFT);
    try {
      await rig.startInChartOrder();
      expect(credentials(rig.nginx!.process.pid!)).toEqual({ uid: ASSIGNED.nginxUid, gid: PLATFORM_GROUP, groups: [ASSIGNED.fsGroup] });
      const socket = statSync(rig.pipeline.socketPath);
      // Owned by fluent-bit's user, not nginx's: nginx gets in only through the group.
      expect({ uid: socket.uid, gid: socket.gid, mode: socket.mode & 0o777 }).toEqual({ uid: ASSIGNED.fluentBitUid, gid: ASSIGNED.fsGroup, mode: 0o660 });
      expect(await sendBatch(rig, "openshift", 8)).toHaveLength(8);
      await rig.stopInChartOrder();
      expect(rig.datagrams()).toHaveLength(8);
      expect(rig.nginx!.stderr).not.toContain("Permission denied");
    } finally {
      rig.dispose();
    }
  });

  it("refuses to start the rig when the chart fixes a user the platform would assign", async () => {
    // Without platform openshift the chart fixes nginx's uid 101: OpenShift would refuse the pod.
    await expect(Rig.create({}, DATA_PATH_HELM, {}, ASSIGNED)).rejects.toThrow(/fixes runAsUser 101/);
  });

  it("writes the day files with real fluent-bit through group 0 on a root-owned node directory", async () => {
    const binary = findFluentBit();
    if (!binary) {
      console.log("fluent-bit OpenShift test did not run: no fluent-bit binary (set FLUENT_BIT_BIN or put fluent-bit on PATH); no registry here ships it");
      return;
    }
    const rig = await Rig.create(OPENSHIFT);
    let fluentBit: FluentBitReceiver | undefined;
    try {
      await rig.envoy.start();
      fluentBit = await FluentBitReceiver.start(rig, binary, rig.pod.maxDgramQlen);
      await rig.startNginx();
      const sent = await sendBatch(rig, "openshift-file", 20);
      await rig.nginx!.quit();
      await waitFor(() => fluentBit!.lines() >= sent.length, 20_000, "fluent-bit to write every line");
      const written = fluentBit.writtenLines();
      expect(written).toHaveLength(20);
      for (const file of new Set(written.map((entry) => entry.file))) {
        const stat = statSync(file);
        expect({ uid: stat.uid, gid: stat.gid }).toEqual({ uid: ASSIGNED.fluentBitUid, gid: PLATFORM_GROUP });
      }
    } finally {
      await fluentBit?.stop();
      rig.dispose();
    }
  });
});
