// What the kubelet and containerd make of a container's securityContext: the rules are
// restated by hand from their sources (no npm package models them), each citing where it is.
import type { IPodSecurityContext } from "kubernetes-models/v1/PodSecurityContext";
import type { ISecurityContext } from "kubernetes-models/v1/SecurityContext";

/** containerd pkg/oci/spec.go, defaultUnixCaps: what a container holds unless its securityContext says otherwise. */
export const CONTAINERD_DEFAULT_CAPABILITIES: readonly string[] = [
  "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID",
  "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE",
];

/** Every capability (a privileged container holds them all): the marker the caller tests for. */
export const ALL_CAPABILITIES = "ALL";

/**
 * The capability set of the container's process, as containerd's CRI plugin builds it
 * (internal/cri/opts/spec_linux_opts.go, WithCapabilities): the defaults, all when add
 * names ALL, none when drop names ALL, then each added one, then each dropped one, with
 * the CAP_ prefix CRI's names lack. A privileged container gets every capability
 * (container_create_linux.go: WithPrivileged before the capabilities).
 */
export function capabilitiesOf(context: ISecurityContext | undefined): ReadonlySet<string> {
  if (context?.privileged === true) return new Set([ALL_CAPABILITIES]);
  const capabilities = context?.capabilities;
  if (capabilities === undefined) return new Set(CONTAINERD_DEFAULT_CAPABILITIES);
  const add = capabilities.add ?? [];
  const drop = capabilities.drop ?? [];
  const isAll = (name: string) => name.toUpperCase() === "ALL";
  const prefixed = (name: string) => `CAP_${name.toUpperCase()}`;
  let held = new Set(CONTAINERD_DEFAULT_CAPABILITIES);
  if (add.some(isAll)) held = new Set([ALL_CAPABILITIES]);
  if (drop.some(isAll)) held = new Set();
  for (const name of add.filter((name) => !isAll(name))) held.add(prefixed(name));
  for (const name of drop.filter((name) => !isAll(name))) held.delete(prefixed(name));
  return held;
}

/**
 * Whether the process runs with no_new_privs (setuid binaries and file capabilities then
 * grant nothing): kubernetes pkg/securitycontext/util.go, AddNoNewPrivileges, true only
 * when allowPrivilegeEscalation is set and false.
 */
export function noNewPrivileges(context: ISecurityContext | undefined): boolean {
  return context?.allowPrivilegeEscalation === false;
}

/** The fields of the pod's securityContext a container's overrides (pkg/securitycontext/util.go, DetermineEffectiveSecurityContext). */
export function effectiveSecurityContext(pod: IPodSecurityContext | undefined, container: ISecurityContext | undefined): ISecurityContext {
  const inherited: ISecurityContext = {
    ...(pod?.runAsUser !== undefined && { runAsUser: pod.runAsUser }),
    ...(pod?.runAsGroup !== undefined && { runAsGroup: pod.runAsGroup }),
    ...(pod?.runAsNonRoot !== undefined && { runAsNonRoot: pod.runAsNonRoot }),
    ...(pod?.seccompProfile !== undefined && { seccompProfile: pod.seccompProfile }),
    ...(pod?.seLinuxOptions !== undefined && { seLinuxOptions: pod.seLinuxOptions }),
  };
  const own = Object.fromEntries(Object.entries(container ?? {}).filter(([, value]) => value !== undefined));
  return { ...inherited, ...own };
}

/**
 * Why the kubelet would refuse to start the container, or undefined: with runAsNonRoot in
 * effect, a runAsUser of 0 is refused (pkg/kubelet/kuberuntime/security_context_others.go,
 * verifyRunAsNonRoot, "container's runAsUser breaks non-root policy"). Without a runAsUser
 * the image's user decides, which a chart cannot see.
 */
export function runAsNonRootRefusal(effective: ISecurityContext): string | undefined {
  if (effective.runAsNonRoot !== true) return undefined;
  return effective.runAsUser === 0 ? "container's runAsUser breaks non-root policy" : undefined;
}

/**
 * The port the kubelet probes for a probe's port: a number as it is, a name looked up in
 * the container's own ports, else read as a number (kubernetes pkg/probe/util.go,
 * ResolveContainerPort and findPortByName); outside 1-65535 the probe errors.
 */
export function resolveProbePort(port: number | string, container: { readonly ports?: readonly { readonly name?: string; readonly containerPort: number }[] }): number {
  const resolved = typeof port === "number" ? port : (container.ports?.find((candidate) => candidate.name === port)?.containerPort ?? atoi(port));
  if (!(resolved > 0 && resolved < 65536)) throw new Error(`probe port ${JSON.stringify(port)} resolves to no port of the container (the kubelet's probe errors)`);
  return resolved;
}

/** An HTTP probe's verdict on a status (pkg/probe/http/http.go, DoHTTPProbe: 200 to 399 succeed). */
export function httpProbeSucceeds(status: number): boolean {
  return status >= 200 && status < 400;
}

/** Go's strconv.Atoi: an optional sign and decimal digits, nothing else. */
function atoi(text: string): number {
  return /^[+-]?[0-9]+$/.test(text) ? Number(text) : Number.NaN;
}
