// Where the log goes: values that would write into the node's own directories, or forward
// to nowhere, fail the render with the key and what to use instead.
import { and, eq, gt, lengthOf, regexFindAll } from "../../compiler/index.ts";
import { v } from "../values.ts";

/**
 * Node directories the pod must not mount writable: the hostPath is mounted read-write into
 * fluent-bit, and before this check prepare-log-dir (root, CAP_CHOWN) handed the mount root
 * to uid 65532 with mode 0775, so `/` or `/var/log` lost their owner and mode.
 * Shared parents (`/var/log`, `/var/lib`, `/opt`, …) are refused themselves, a directory below
 * them is fine; the system's and the kubelet's and container runtimes' trees are refused
 * with everything below them. The schema already refuses `/` and `.`/`..` components.
 */
const SYSTEM_PARENTS = ["var", "var/log", "var/lib", "var/cache", "var/spool", "var/tmp", "var/mail", "var/opt", "var/local", "var/backups", "home", "opt", "srv", "mnt", "media", "tmp"];
const SYSTEM_TREES = [
  "bin", "boot", "dev", "etc", "lib", "lib32", "lib64", "libx32", "proc", "root", "run", "sbin", "snap", "sys", "usr",
  "var/run", "var/lock", "var/lib/kubelet", "var/lib/containerd", "var/lib/docker", "var/lib/etcd", "var/lib/cni", "var/lib/dpkg",
  "var/lib/apt", "var/lib/rpm", "var/lib/systemd", "var/lib/calico", "var/lib/cilium", "var/log/pods", "var/log/containers", "var/log/journal", "opt/cni",
];

/** RE2 and JavaScript alike; the schema guarantees an absolute path with at most one trailing slash. */
const systemDirectory = `^/(${SYSTEM_PARENTS.join("|")})/?$|^/(${SYSTEM_TREES.join("|")})(/.*)?$`;

const hostPathIsSystemDirectory = {
  when: gt(lengthOf(regexFindAll(systemDirectory, v.accessLog.output.hostPath)), 0),
  message:
    "accessLog.output.hostPath names a system directory of the node (/etc, /usr, /run, /var/run, /var/lib/kubelet, /var/lib/containerd, /var/log/pods or anything below them, or /var, /var/log, /var/lib, /opt, /home, /tmp themselves), which the gateway pod would mount writable: use a directory of the access log's own, such as /var/log/ingressgateway-accesslog (the default)",
};

const forwardWithoutHost = {
  when: and(v.accessLog.forward.enabled, eq(v.accessLog.forward.host, "")),
  message: "accessLog.forward.enabled is true, but accessLog.forward.host is empty: fluent-bit would forward every line to nowhere; set accessLog.forward.host to fluentd's Service name or address, or set accessLog.forward.enabled false",
};

export const outputChecks = [hostPathIsSystemDirectory, forwardWithoutHost];
