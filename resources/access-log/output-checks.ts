// Where the log goes: values that would write into the node's own directories, or forward
// to nowhere, fail the render with the key and what to use instead.
import { and, conditionHelper, eq, gt, lengthOf, regexFindAll } from "../../compiler/index.ts";
import { CHART_NAME, v } from "../values.ts";

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
  when: conditionHelper(
    `${CHART_NAME}.hostPathIsSystemDirectory`,
    "Whether accessLog.output.hostPath is a system directory of the node, or one the system and the container runtimes share.",
    gt(lengthOf(regexFindAll(systemDirectory, v.accessLog.output.hostPath)), 0),
  ),
  message:
    "accessLog.output.hostPath names a system directory of the node (/etc, /usr, /run, /var/run, /var/lib/kubelet, /var/lib/containerd, /var/log/pods or anything below them, or /var, /var/log, /var/lib, /opt, /home, /tmp themselves), which the gateway pod would mount writable: use a directory of the access log's own, such as /var/log/ingressgateway-accesslog (the default)",
};

const forwardWithoutHost = {
  when: and(v.accessLog.forward.enabled, eq(v.accessLog.forward.host, "")),
  message: "accessLog.forward.enabled is true, but accessLog.forward.host is empty: fluent-bit would forward every line to nowhere; set accessLog.forward.host to fluentd's Service name or address, or set accessLog.forward.enabled false",
};

/**
 * Hosts no public CA signs a certificate for (CA/Browser Forum Baseline Requirements: no
 * internal names, no reserved addresses): a Service name without dots or under .svc,
 * .cluster.local, .local or .internal, and loopback or private IPv4 addresses. Verifying
 * such a host against the image's public CAs can only fail, at every flush, in the log.
 */
const privateHost = "^[^.]+$|\\.(svc|cluster\\.local|local|internal)$|^(127|10)\\.|^192\\.168\\.|^172\\.(1[6-9]|2[0-9]|3[01])\\.";

const forwardHostIsPrivate = conditionHelper(
  `${CHART_NAME}.forwardHostIsPrivate`,
  "Whether accessLog.forward.host is a cluster-internal name or a private address, which no public CA signs a certificate for.",
  gt(lengthOf(regexFindAll(privateHost, v.accessLog.forward.host)), 0),
);

const forwardVerifiesWithPublicCas = conditionHelper(
  `${CHART_NAME}.forwardVerifiesWithPublicCas`,
  "Whether fluent-bit forwards over TLS and verifies fluentd's certificate against the image's public CAs (no caSecret).",
  and(v.accessLog.forward.enabled, v.accessLog.forward.tls.enabled, v.accessLog.forward.tls.verify, eq(v.accessLog.forward.tls.caSecret.name, "")),
);

const verifyPrivateHostWithoutCa = {
  when: and(forwardVerifiesWithPublicCas, forwardHostIsPrivate),
  message:
    "accessLog.forward.tls.verify is on and accessLog.forward.tls.caSecret.name is empty, but accessLog.forward.host is a cluster-internal name or a private address, whose certificate no public CA signs: every flush would fail verification; put the CA that signed fluentd's certificate in a Secret and set accessLog.forward.tls.caSecret.name (and .key, default ca.crt)",
};

export const outputChecks = [hostPathIsSystemDirectory, forwardWithoutHost, verifyPrivateHostWithoutCa];
