// Runs what sets up a pod's network namespace, then one container's exec probe, on the real
// kernel: a fresh network namespace stands for the pod sandbox. The kubelet applies the pod's
// sysctls when it creates the sandbox (refusing unsafe ones it was not told to allow), init
// containers run in order before the regular containers, and only a privileged container can
// write /proc/sys (the runtime mounts it read-only otherwise).
import { spawnSync } from "node:child_process";

type Json = Record<string, unknown>;

/**
 * Safe sysctls the kubelet accepts without --allowed-unsafe-sysctls (kubernetes
 * pkg/kubelet/sysctl/safe_sysctls.go, safeSysctls; later releases add a few net.ipv4.tcp_*
 * ones). net.unix.max_dgram_qlen is in none of them.
 */
const SAFE_SYSCTLS = new Set([
  "kernel.shm_rmid_forced",
  "net.ipv4.ip_local_port_range",
  "net.ipv4.tcp_syncookies",
  "net.ipv4.ping_group_range",
  "net.ipv4.ip_unprivileged_port_start",
  "net.ipv4.ip_local_reserved_ports",
  "net.ipv4.tcp_keepalive_time",
]);

export class PodRejectedError extends Error {}

const quote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;

/** The shell steps that set up the pod's network namespace before its containers start. */
export function sandboxSteps(spec: Json, allowedUnsafeSysctls: readonly string[] = []): string[] {
  const sysctls = (((spec["securityContext"] as Json | undefined)?.["sysctls"] ?? []) as { name: string; value: string }[]);
  const forbidden = sysctls.filter((sysctl) => !SAFE_SYSCTLS.has(sysctl.name) && !allowedUnsafeSysctls.includes(sysctl.name));
  if (forbidden.length > 0) throw new PodRejectedError(`the kubelet rejects the pod (SysctlForbidden): ${forbidden.map((sysctl) => sysctl.name).join(", ")} not in --allowed-unsafe-sysctls`);
  const steps = sysctls.map((sysctl) => `sysctl -q -w ${quote(`${sysctl.name}=${sysctl.value}`)}`);
  for (const container of (spec["initContainers"] ?? []) as Json[]) {
    if (container["restartPolicy"] === "Always") continue;
    const privileged = (container["securityContext"] as Json | undefined)?.["privileged"] === true;
    if (!privileged) continue;
    const command = [...((container["command"] ?? []) as string[]), ...((container["args"] ?? []) as string[])];
    if (command[0] !== "sysctl") throw new Error(`privileged init container ${String(container["name"])} runs ${command.join(" ")}: only sysctl is run here`);
    steps.push(command.map(quote).join(" "));
  }
  return steps;
}

/**
 * A container's exec startup probe as its user, after the sandbox steps, in a fresh network
 * namespace. `assigned`: the user a platform gives a container that names none (OpenShift).
 */
export function runStartupProbeInPod(
  spec: Json,
  containerName: string,
  allowedUnsafeSysctls: readonly string[] = [],
  assigned?: { uid: number; gid: number },
): { status: number | null; output: string } {
  const container = ((spec["containers"] ?? []) as Json[]).find((candidate) => candidate["name"] === containerName);
  if (!container) throw new Error(`no container ${containerName}`);
  const command = ((container["startupProbe"] as Json | undefined)?.["exec"] as Json | undefined)?.["command"] as string[] | undefined;
  if (!command) throw new Error(`${containerName} has no exec startup probe`);
  const security = (container["securityContext"] ?? {}) as Json;
  const uid = security["runAsUser"] ?? assigned?.uid;
  const gid = security["runAsGroup"] ?? assigned?.gid;
  if (uid === undefined || gid === undefined) throw new Error(`${containerName} names no runAsUser or runAsGroup, and no platform assigns one`);
  const user = ["setpriv", `--reuid=${String(uid)}`, `--regid=${String(gid)}`, "--clear-groups"];
  const script = [...sandboxSteps(spec, allowedUnsafeSysctls), `exec ${[...user, ...command].map(quote).join(" ")}`].join(" && ");
  const result = spawnSync("unshare", ["--net", "sh", "-c", script], { encoding: "utf8" });
  return { status: result.status, output: result.stdout + result.stderr };
}

/**
 * net.unix.max_dgram_qlen of the pod's network namespace once its sandbox steps ran, as the
 * last step that writes it leaves it; undefined when none does (the kernel's 10).
 */
export function queueLengthAfterSetup(spec: Json, allowedUnsafeSysctls: readonly string[] = ["net.unix.max_dgram_qlen"]): number | undefined {
  const written = sandboxSteps(spec, allowedUnsafeSysctls).flatMap((step) => [...step.matchAll(/net\.unix\.max_dgram_qlen=([0-9]+)/g)].map((match) => Number(match[1])));
  return written.at(-1);
}
