// The real programs the data-path tests run. A missing one fails the test with the way
// to install it: a skipped data-path test would pass CI without testing anything.
import { spawnSync } from "node:child_process";

const PROGRAMS = {
  nginx: "nginx 1.22+ (Debian/Ubuntu: apt-get install nginx-light)",
  ruby: "Ruby with its Onigmo regex engine, fluent-bit's (apt-get install ruby)",
  setpriv: "util-linux setpriv, to run nginx and the receiver as the pod's non-root users (apt-get install util-linux)",
  unshare: "util-linux unshare, for the pod's mount and network namespaces (apt-get install util-linux)",
  mount: "mount (apt-get install mount)",
  luajit: "luajit, the Lua fluent-bit embeds, to run its envoy-mode filter (apt-get install luajit)",
  openssl: "the openssl command, to make the TLS tests' certificates and speak old TLS versions (apt-get install openssl)",
  curl: "curl with HTTP/2 (nghttp2), the TLS tests' client (apt-get install curl)",
  wrk: "wrk, the load generator of bench:pipeline (apt-get install wrk)",
  promtool: "promtool, Prometheus's rule checker, for the chart's alerts (apt-get install prometheus)",
} as const;

export type Program = keyof typeof PROGRAMS;

/** Fails, naming how to install them, when programs a test runs are missing. */
export function requireInstalled(...names: Program[]): void {
  const missing = names.filter((name) => spawnSync("sh", ["-c", `command -v ${name}`]).status !== 0);
  if (missing.length > 0) throw new Error(`the tests need ${missing.map((name) => PROGRAMS[name]).join("; ")}`);
}

/** The programs, plus root and namespaces, as the data-path rig needs them. */
export function requirePrograms(...names: Program[]): void {
  requireInstalled(...names);
  if (process.getuid?.() !== 0) throw new Error("the data-path tests run as root: they switch to the pod's uids and create namespaces as the kubelet does");
  const probe = spawnSync("unshare", ["--mount", "--net", "true"], { encoding: "utf8" });
  if (probe.status !== 0) throw new Error(`unshare --mount --net failed (${probe.stderr.trim()}): run the tests as root with CAP_SYS_ADMIN (a privileged container)`);
}
