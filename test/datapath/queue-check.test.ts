// nginx's startup probe checks the socket queue in the pod's network namespace: it passes
// where the sysctl was applied and fails, saying why, where it was not (the kernel's 10), as
// nginx's non-root user. Run as the kubelet would: the rendered command, in a fresh network
// namespace, with and without the sysctl.
import { spawnSync } from "node:child_process";
import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import { describe, expect, it } from "vitest";
import { renderOrThrow } from "../../compiler/testing/render.ts";
import chart from "../../resources/index.ts";
import { compileToDirectory } from "../support/differential.ts";
import { requirePrograms } from "./rig/programs.ts";
import { DATA_PATH_HELM } from "./rig/rig.ts";

async function nginxOf(values: Record<string, unknown>) {
  const rendered = await renderOrThrow(DATA_PATH_HELM, compileToDirectory(chart).dir, values);
  const spec = (rendered["deployment.yaml"]![0] as IDeployment).spec!.template.spec!;
  return { nginx: spec.containers.find((container) => container.name === "nginx")!, fsGroup: spec.securityContext!.fsGroup! };
}

/** The probe's command as nginx's user in a new network namespace whose queue is `queue` (undefined: the kernel's 10). */
function probeIn(queue: number | undefined, command: string[], uid: number, gid: number) {
  const setQueue = queue === undefined ? "" : `echo ${queue} > /proc/sys/net/unix/max_dgram_qlen && `;
  return spawnSync("unshare", ["--net", "sh", "-c", `${setQueue}exec "$@"`, "sh", "setpriv", `--reuid=${uid}`, `--regid=${gid}`, "--clear-groups", ...command], { encoding: "utf8" });
}

describe("nginx's socket-queue startup check", () => {
  it("passes with the sysctl applied and fails, naming the queue, without it", async () => {
    requirePrograms("unshare", "setpriv");
    const { nginx } = await nginxOf({ kernelQueue: { maxDgramQlen: 2048 } });
    const command = nginx.startupProbe!.exec!.command!;
    const { runAsUser, runAsGroup } = nginx.securityContext!;
    expect(probeIn(2048, command, runAsUser!, runAsGroup!).status).toBe(0);
    expect(probeIn(4096, command, runAsUser!, runAsGroup!).status).toBe(0);
    const dropped = probeIn(undefined, command, runAsUser!, runAsGroup!);
    expect(dropped.status).toBe(1);
    expect(dropped.stdout).toContain("net.unix.max_dgram_qlen is 10, not 2048: the queue was not raised");
    expect(probeIn(1024, command, runAsUser!, runAsGroup!).status).toBe(1);
  });

  it("is left out when kernelQueue.method is none (the kernel's queue is the choice)", async () => {
    const { nginx } = await nginxOf({ kernelQueue: { method: "none" } });
    expect(nginx.startupProbe).toBeUndefined();
  });
});
