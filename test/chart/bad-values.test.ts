// Combinations of values a JSON schema cannot refuse fail `helm template`/`install` through
// the chart's own checks, naming the value, on Helm 3 and Helm 4; the combinations next to
// them render. What the schema refuses is in schema-refusals.test.ts.
import { describe, expect, it } from "vitest";
import { helmBinaries } from "../../helm/run.ts";
import { renderWithHelm } from "../../compiler/testing/render.ts";
import chartDefinition from "../../resources/index.ts";
import { compileToDirectory } from "../support/differential.ts";

const { dir } = compileToDirectory(chartDefinition);

const TLS_ON = { enabled: true, certificates: [{ secretName: "example-com-tls", hosts: ["example.com"] }] };

const SYSTEM_DIRECTORY = "accessLog.output.hostPath names a system directory of the node";
const VERIFY_WITHOUT_CA = "accessLog.forward.tls.verify is on and accessLog.forward.tls.caSecret.name is empty, but accessLog.forward.host is a cluster-internal name or a private address";

/** Combinations a JSON schema cannot refuse: the chart's own checks fail the render, naming the value. */
const CHECKED = [
  { what: "OpenShift with the root init container that prepares the node directory", values: { platform: "openshift" }, message: "accessLog.output.prepareHostPath is true, but platform is openshift" },
  { what: "OpenShift with a fixed group in the pod's securityContext", values: { platform: "openshift", accessLog: { output: { prepareHostPath: false } }, kernelQueue: { podSysctlSurvivesInjection: true }, gateway: { podSecurityContext: { runAsGroup: 1000 } } }, message: "gateway.podSecurityContext.runAsGroup is set, but platform is openshift" },
  // prepare-log-dir (root, CAP_CHOWN) once chowned the mount root: these lost owner and mode.
  { what: "the node's log directory as hostPath", values: { accessLog: { output: { hostPath: "/var/log" } } }, message: SYSTEM_DIRECTORY },
  { what: "the node's log directory with a trailing slash", values: { accessLog: { output: { hostPath: "/var/log/" } } }, message: SYSTEM_DIRECTORY },
  { what: "/etc as hostPath", values: { accessLog: { output: { hostPath: "/etc" } } }, message: SYSTEM_DIRECTORY },
  { what: "a directory below /etc as hostPath", values: { accessLog: { output: { hostPath: "/etc/kubernetes" } } }, message: SYSTEM_DIRECTORY },
  { what: "the kubelet's directory as hostPath", values: { accessLog: { output: { hostPath: "/var/lib/kubelet" } } }, message: SYSTEM_DIRECTORY },
  { what: "the pods' log directory as hostPath", values: { accessLog: { output: { hostPath: "/var/log/pods/gw" } } }, message: SYSTEM_DIRECTORY },
  { what: "the container runtime's directory as hostPath", values: { accessLog: { output: { hostPath: "/var/lib/containerd/x" } } }, message: SYSTEM_DIRECTORY },
  { what: "/usr as hostPath", values: { accessLog: { output: { hostPath: "/usr/local/share" } } }, message: SYSTEM_DIRECTORY },
  { what: "/run as hostPath", values: { accessLog: { output: { hostPath: "/run/accesslog" } } }, message: SYSTEM_DIRECTORY },
  { what: "/var itself as hostPath", values: { accessLog: { output: { hostPath: "/var" } } }, message: SYSTEM_DIRECTORY },
  { what: "a system path in IstioOperator mode", values: { gateway: { mode: "istioOperator" }, accessLog: { output: { hostPath: "/var/log" } } }, message: SYSTEM_DIRECTORY },
  { what: "forwarding to an empty host", values: { accessLog: { forward: { enabled: true } } }, message: "accessLog.forward.enabled is true, but accessLog.forward.host is empty" },
  // No public CA signs a certificate for an internal name or a private address (CA/Browser
  // Forum Baseline Requirements), so verifying one against the image's CAs fails every flush.
  { what: "TLS verify of a Service name without a CA", values: { accessLog: { forward: { enabled: true, host: "fluentd.logging.svc", tls: { enabled: true } } } }, message: VERIFY_WITHOUT_CA },
  { what: "TLS verify of a short Service name without a CA", values: { accessLog: { forward: { enabled: true, host: "fluentd", tls: { enabled: true } } } }, message: VERIFY_WITHOUT_CA },
  { what: "TLS verify of a private address without a CA", values: { accessLog: { forward: { enabled: true, host: "172.20.0.7", tls: { enabled: true } } } }, message: VERIFY_WITHOUT_CA },
  // The kubelet kills what still runs when the grace period ends (kuberuntime_container.go, killContainer).
  { what: "a preStop sleep as long as the grace period", values: { nginx: { preStopSleepSeconds: 60 } }, message: "nginx.preStopSleepSeconds plus fluentBit.graceSeconds must be less than gateway.terminationGracePeriodSeconds" },
  { what: "the sleep and fluent-bit's grace together", values: { nginx: { preStopSleepSeconds: 20 }, fluentBit: { graceSeconds: 10 }, gateway: { terminationGracePeriodSeconds: 30 } }, message: "nginx.preStopSleepSeconds plus fluentBit.graceSeconds must be less than" },
  { what: "fluent-bit's grace alone in Envoy mode", values: { accessLog: { source: "envoy" }, fluentBit: { graceSeconds: 30 }, gateway: { terminationGracePeriodSeconds: 30 } }, message: "fluentBit.graceSeconds must be less than gateway.terminationGracePeriodSeconds: the kubelet kills fluent-bit" },
  { what: "fluent-bit's metrics port on its HTTP port", values: { fluentBit: { metricsPort: 2020 } }, message: "nginx.listenPort, nginx.healthPort, fluentBit.httpPort and fluentBit.metricsPort must differ from each other" },
  { what: "nginx's health port on istio-proxy's", values: { nginx: { healthPort: 15021 } }, message: "must differ from each other and from Istio's ports (15000, 15001" },
  { what: "Envoy mode: the forward input on fluent-bit's HTTP port", values: { accessLog: { source: "envoy", envoy: { port: 2020 } } }, message: "fluentBit.httpPort and accessLog.envoy.port must differ" },
  { what: "two fields with the same name", values: { accessLog: { fields: [{ name: "a", nginx: "$host" }, { name: "a", nginx: "$status" }] } }, message: "accessLog.fields: two fields have the same name" },
  { what: "a field named date (the chart's own last key)", values: { accessLog: { fields: [{ name: "date", nginx: "$time_iso8601" }] } }, message: "accessLog.fields: a field is named date, which the chart writes itself (the request's day, always last); give the field another name" },
  { what: "a field named message (the JSON line)", values: { accessLog: { fields: [{ name: "message", nginx: "$request" }] } }, message: "accessLog.fields: a field is named message, which the chart writes itself (the whole JSON line, for the json format); give the field another name" },
  // nginx.tls: HTTPS the values promise but the gateway would not serve, or listeners that collide.
  { what: "TLS without a certificate", values: { nginx: { tls: { enabled: true } } }, message: "nginx.tls.enabled is true, but nginx.tls.certificates is empty" },
  { what: "TLS certificates with TLS off", values: { nginx: { tls: { certificates: [{ secretName: "example-com-tls", hosts: ["example.com"] }] } } }, message: "nginx.tls.certificates is set, but nginx.tls.enabled is false" },
  { what: "a redirect to HTTPS without TLS", values: { nginx: { tls: { redirectHttp: true } } }, message: "nginx.tls.redirectHttp is true, but the gateway has no HTTPS" },
  { what: "TLS at nginx in Envoy mode", values: { accessLog: { source: "envoy" }, nginx: { tls: TLS_ON } }, message: "nginx.tls is set, but accessLog.source is envoy and there is no nginx: HTTPS is Envoy's" },
  { what: "TLS ended by the load balancer in Envoy mode", values: { accessLog: { source: "envoy" }, nginx: { tls: { offloadedPort: 8444 } } }, message: "nginx.tls is set, but accessLog.source is envoy" },
  { what: "TLS at nginx in IstioOperator mode", values: { gateway: { mode: "istioOperator" }, nginx: { tls: TLS_ON } }, message: "nginx.tls.enabled is true, but gateway.mode is istioOperator" },
  { what: "a Service port named https next to nginx.tls", values: { nginx: { tls: TLS_ON }, service: { ports: [{ name: "https", port: 8443, targetPort: 8081 }] } }, message: "service.ports has a port named https" },
  { what: "a Service port with nginx.tls.servicePort's number", values: { nginx: { tls: TLS_ON }, service: { ports: [{ name: "web", port: 443, targetPort: 8081 }] } }, message: "service.ports has a port with the number of nginx.tls.servicePort" },
  { what: "nginx's TLS port on its plain port", values: { nginx: { listenPort: 8443, tls: TLS_ON } }, message: "nginx.tls.port must differ from nginx.listenPort" },
  { what: "nginx's TLS port on fluent-bit's HTTP port", values: { nginx: { tls: { ...TLS_ON, port: 2020 } } }, message: "nginx.tls.port must differ from" },
  { what: "the offloaded-TLS port on nginx's health port", values: { nginx: { tls: { offloadedPort: 8082 } } }, message: "nginx.tls.offloadedPort must differ from" },
  { what: "client certificates without TLS", values: { nginx: { tls: { clientCertificates: { verify: "on", caSecretName: "client-ca" } } } }, message: "nginx.tls.clientCertificates.verify is set, but nginx.tls.enabled is false" },
  {
    what: "a host under two certificates",
    values: { nginx: { tls: { enabled: true, certificates: [{ secretName: "a-tls", hosts: ["a.example.com", "shared.example.com"] }, { secretName: "b-tls", hosts: ["shared.example.com"] }] } } },
    message: "nginx.tls.certificates: a host name is listed under two certificates",
  },
  { what: "a host twice under one certificate", values: { nginx: { tls: { enabled: true, certificates: [{ secretName: "a-tls", hosts: ["a.example.com", "a.example.com"] }] } } }, message: "nginx.tls.certificates: a host name is listed under two certificates" },
  { what: "client certificates without their CA", values: { nginx: { tls: { ...TLS_ON, clientCertificates: { verify: "optional" } } } }, message: "nginx.tls.clientCertificates.caSecretName is empty" },
  { what: "a client CA with verification off", values: { nginx: { tls: { ...TLS_ON, clientCertificates: { caSecretName: "client-ca" } } } }, message: "nginx.tls.clientCertificates.caSecretName is set, but nginx.tls.clientCertificates.verify is off" },
  { what: "the offloaded-TLS port on nginx's TLS port", values: { nginx: { tls: { ...TLS_ON, offloadedPort: 8443 } } }, message: "nginx.tls.offloadedPort and nginx.tls.port are the same port" },
  // Istio's gateway injection replaces pod sysctls (test/support/istio-injection.ts).
  { what: "a pod sysctl for the queue that injection would drop", values: { kernelQueue: { method: "podSysctl" } }, message: "kernelQueue.method is podSysctl, but in gateway.mode injection Istio's gateway injection template replaces the pod's sysctls" },
  { what: "the injection acknowledgement without a pod sysctl", values: { kernelQueue: { podSysctlSurvivesInjection: true } }, message: "kernelQueue.podSysctlSurvivesInjection is true, but kernelQueue.method is not podSysctl" },
  { what: "turning Istio's probe rewrite back on", values: { gateway: { podAnnotations: { "sidecar.istio.io/rewriteAppHTTPProbers": "true" } } }, message: "gateway.podAnnotations sets sidecar.istio.io/rewriteAppHTTPProbers" },
  // The HPA needs a CPU request in every container it sums.
  { what: "autoscaling with istio-proxy's CPU request removed", values: { gateway: { autoscaling: { enabled: true }, proxyResources: { requests: { cpu: null } } } }, message: "gateway.proxyResources has no requests.cpu" },
  { what: "autoscaling with nginx's requests removed", values: { gateway: { autoscaling: { enabled: true } }, nginx: { resources: { requests: null } } }, message: "nginx.resources has no requests.cpu" },
  { what: "autoscaling with fluent-bit's CPU request removed", values: { gateway: { autoscaling: { enabled: true } }, fluentBit: { resources: { requests: { cpu: null } } } }, message: "fluentBit.resources has no requests.cpu" },
  { what: "memory autoscaling with fluent-bit's memory request removed", values: { gateway: { autoscaling: { enabled: true, targetMemoryUtilizationPercentage: 80 } }, fluentBit: { resources: { requests: { memory: null } } } }, message: "fluentBit.resources has no requests.memory" },
  // The workload kind: what a DaemonSet cannot have, and a rollout Kubernetes refuses
  // (kubernetes pkg/apis/apps/validation ValidateRollingUpdateDeployment: "may not be 0 when maxSurge is 0").
  { what: "a DaemonSet with an autoscaler", values: { gateway: { kind: "DaemonSet", podDisruptionBudget: { enabled: false }, autoscaling: { enabled: true } } }, message: "gateway.autoscaling.enabled is true, but gateway.kind is DaemonSet" },
  { what: "a DaemonSet with a disruption budget", values: { gateway: { kind: "DaemonSet" } }, message: "gateway.podDisruptionBudget.enabled is true, but gateway.kind is DaemonSet" },
  { what: "a DaemonSet through istioctl", values: { gateway: { mode: "istioOperator", kind: "DaemonSet", podDisruptionBudget: { enabled: false } } }, message: "gateway.kind is DaemonSet, but gateway.mode is istioOperator" },
  { what: "a DaemonSet with Recreate", values: { gateway: { kind: "DaemonSet", podDisruptionBudget: { enabled: false }, strategy: { type: "Recreate" } } }, message: "gateway.strategy.type is Recreate, which only a Deployment has" },
  { what: "a Deployment with OnDelete", values: { gateway: { strategy: { type: "OnDelete" } } }, message: "gateway.strategy.type is OnDelete, which only a DaemonSet has" },
  { what: "a rollout with no surge and no unavailability", values: { gateway: { strategy: { rollingUpdate: { maxSurge: "0%", maxUnavailable: 0 } } } }, message: "gateway.strategy.rollingUpdate.maxSurge and maxUnavailable are both 0" },
  { what: "a pod fsGroup besides the socket's group", values: { gateway: { podSecurityContext: { fsGroup: 3000 } } }, message: "gateway.podSecurityContext.fsGroup is set" },
  { what: "pod sysctls that injection would replace", values: { gateway: { podSecurityContext: { sysctls: [{ name: "net.core.somaxconn", value: "1024" }] } } }, message: "gateway.podSecurityContext.sysctls is set" },
  // istioctl renders istio-proxy itself in IstioOperator mode: each refusal names its key and the mode that takes it.
  ...[
    { key: "proxyLifecycle", value: { preStop: { exec: { command: ["sleep", "5"] } } } },
    { key: "proxyVolumeMounts", value: [{ name: "certs", mountPath: "/etc/certs" }] },
    { key: "proxyReadinessProbe", value: { httpGet: { path: "/healthz/ready", port: 15021 } } },
    { key: "proxyImagePullPolicy", value: "Always" },
  ].map(({ key, value }) => ({
    what: `gateway.${key} through istioctl`,
    values: { gateway: { mode: "istioOperator", [key]: value } },
    message: `gateway.${key} is set, but gateway.mode is istioOperator: istioctl renders istio-proxy and the chart only patches its pod; remove it or use gateway.mode injection`,
  })),
  { what: "an east-west network gateway", values: { gateway: { networkGateway: "network2" } }, message: "gateway.networkGateway is set, but an east-west network gateway passes mTLS through" },
  { what: "a health-check node port without the Local policy", values: { service: { healthCheckNodePort: 32100 } }, message: "service.healthCheckNodePort is set, but service.externalTrafficPolicy is not Local" },
  // Envoy refuses the logger (and so the gateway's listener) when max_interval < base_interval:
  // BackOffStrategyUtils::validateBackOffStrategyConfig, called from the fluentd logger's factory
  // (envoyproxy/envoy source/extensions/access_loggers/fluentd/config.cc,
  // createAccessLogInstance: "max_backoff_interval must be greater or equal to base_backoff_interval").
  {
    what: "an Envoy reconnect maximum below the base interval",
    values: { accessLog: { source: "envoy", envoy: { reconnectBaseInterval: "2s", reconnectMaxInterval: "1.5s" } } },
    message: "accessLog.envoy.reconnectMaxInterval is shorter than accessLog.envoy.reconnectBaseInterval: Envoy would refuse the logger",
  },
  {
    what: "an Envoy reconnect maximum below the default base interval",
    values: { accessLog: { source: "envoy", envoy: { reconnectMaxInterval: "0.25s" } } },
    message: "accessLog.envoy.reconnectMaxInterval is shorter than accessLog.envoy.reconnectBaseInterval: Envoy would refuse the logger",
  },
];

/**
 * The node's own directories, written here from their owners' documentation rather than read
 * from the chart. Shared parents hold directories of many programs, so a directory of the
 * log's own below them is fine; trees belong to one owner, and nothing below them is ours.
 */
const NODE_SHARED_PARENTS = [
  // Filesystem Hierarchy Standard 3.0, chapters 3 and 5: /home, /mnt, /media, /opt, /srv,
  // /tmp, and /var with its shared subdirectories; Debian adds /var/backups (Debian Policy 9.1.1).
  "/var", "/var/log", "/var/lib", "/var/cache", "/var/spool", "/var/tmp", "/var/mail", "/var/opt", "/var/local", "/var/backups",
  "/home", "/opt", "/srv", "/mnt", "/media", "/tmp",
];
const NODE_TREES = [
  // FHS 3.0 chapter 3 (and /lib<qual>, /run, /var/run, /var/lock), /proc and /sys (the kernel's), /snap (snapd).
  "/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/libx32", "/proc", "/root", "/run", "/sbin", "/snap", "/sys", "/usr", "/var/run", "/var/lock",
  // The kubelet's --root-dir and its pod logs (pkg/kubelet/kubelet.go: podLogsRootDirectory "/var/log/pods",
  // pkg/kubelet/kuberuntime: the /var/log/containers links), container runtimes' roots
  // (containerd, Docker, CNI's /var/lib/cni and /opt/cni/bin, Calico, Cilium), etcd's data dir,
  // journald's persistent store, the package managers' and systemd's state.
  "/var/lib/kubelet", "/var/log/pods", "/var/log/containers", "/var/lib/containerd", "/var/lib/docker", "/var/lib/cni", "/opt/cni",
  "/var/lib/calico", "/var/lib/cilium", "/var/lib/etcd", "/var/log/journal", "/var/lib/dpkg", "/var/lib/apt", "/var/lib/rpm", "/var/lib/systemd",
];

describe(`${helmBinaries()[0]!.label}, hostPath against the node's own directories`, () => {
  const helm = helmBinaries()[0]!;
  const refusedOrNot = async (hostPath: string) => {
    const rendered = await renderWithHelm(helm, dir, { accessLog: { output: { hostPath } } });
    if (rendered.ok) return [hostPath, "rendered"];
    return [hostPath, rendered.error.includes(SYSTEM_DIRECTORY) ? "refused" : rendered.error];
  };

  it("refuses every shared parent itself, and accepts a directory of the log's own below it", async () => {
    const outcomes = [];
    for (const parent of NODE_SHARED_PARENTS) outcomes.push(await refusedOrNot(parent), await refusedOrNot(`${parent}/ingressgateway-accesslog`));
    expect(outcomes).toEqual(NODE_SHARED_PARENTS.flatMap((parent) => [[parent, "refused"], [`${parent}/ingressgateway-accesslog`, "rendered"]]));
  });

  it("refuses every tree of the system, the kubelet and the container runtimes, and everything below it", async () => {
    const outcomes = [];
    for (const tree of NODE_TREES) outcomes.push(await refusedOrNot(tree), await refusedOrNot(`${tree}/ingressgateway-accesslog`));
    expect(outcomes).toEqual(NODE_TREES.flatMap((tree) => [[tree, "refused"], [`${tree}/ingressgateway-accesslog`, "refused"]]));
  });
});

/**
 * Istio's ports in the gateway pod, from istio.io "Application Requirements", Ports used by
 * Istio (15000 admin, 15001/15006 traffic capture, 15004 debug, 15008/15009 HBONE, 15020
 * merged metrics, 15021 health, 15053 DNS, 15090 Envoy's Prometheus stats).
 */
const ISTIO_PORTS = [15000, 15001, 15004, 15006, 15008, 15009, 15020, 15021, 15053, 15090];

describe(`${helmBinaries()[0]!.label}, ports that clash`, () => {
  const helm = helmBinaries()[0]!;
  it.each([
    { keys: "nginx.listenPort, nginx.healthPort, fluentBit.httpPort and fluentBit.metricsPort", values: { nginx: { healthPort: 15090 } } },
    { keys: "nginx.tls.port", values: { nginx: { tls: { ...TLS_ON, port: 15053 } } } },
    { keys: "nginx.tls.offloadedPort", values: { nginx: { tls: { offloadedPort: 15008 } } } },
    { keys: "fluentBit.httpPort and accessLog.envoy.port", values: { accessLog: { source: "envoy", envoy: { port: 15004 } } } },
  ])("a clash of $keys with istio-proxy's names every port it may not take", async ({ keys, values }) => {
    const rendered = await renderWithHelm(helm, dir, values);
    const error = rendered.ok ? "" : rendered.error;
    expect(error).toContain(`${keys} must differ`);
    expect(error).toContain(`Istio's ports (${ISTIO_PORTS.join(", ")})`);
  });
});

describe.each(helmBinaries())("$label", (helm) => {
  it.each(CHECKED)("rejects $what at render, naming the value", async ({ values, message }) => {
    const rendered = await renderWithHelm(helm, dir, values);
    expect(rendered.ok).toBe(false);
    expect(rendered.ok ? "" : rendered.error).toContain(message);
  });

  it("accepts a hostPath of the log's own below a system parent, and names that look like system ones", async () => {
    for (const hostPath of ["/var/log/ingressgateway-accesslog", "/var/log/gw/", "/var/lib/accesslog", "/data/etc", "/var/logs", "/opt/accesslog", "/.hidden/gw"]) {
      const rendered = await renderWithHelm(helm, dir, { accessLog: { output: { hostPath } } });
      expect(rendered.ok, `${hostPath}: ${rendered.ok ? "" : rendered.error}`).toBe(true);
    }
  });

  it("accepts a stop that fits the grace period with a second to spare, and any nginx sleep where there is no nginx", async () => {
    for (const values of [
      { nginx: { preStopSleepSeconds: 20 }, fluentBit: { graceSeconds: 9 }, gateway: { terminationGracePeriodSeconds: 30 } },
      { accessLog: { source: "envoy" }, nginx: { preStopSleepSeconds: 120 } },
    ]) {
      const rendered = await renderWithHelm(helm, dir, values);
      expect(rendered.ok, `${JSON.stringify(values)}: ${rendered.ok ? "" : rendered.error}`).toBe(true);
    }
  });

  it("accepts TLS at nginx (with distinct hosts over two certificates), TLS ended by a load balancer with a redirect, and a Service https port of another number", async () => {
    for (const values of [
      { nginx: { tls: TLS_ON } },
      // Distinct hosts, one a wildcard over another's name: nginx serves each from its own.
      { nginx: { tls: { enabled: true, certificates: [{ secretName: "a-tls", hosts: ["example.com", "www.example.com"] }, { secretName: "b-tls", hosts: ["*.example.com", "example.org"] }] } } },
      { nginx: { tls: { offloadedPort: 8444, redirectHttp: true } } },
      { nginx: { tls: { ...TLS_ON, servicePort: 8443 } }, service: { ports: [{ name: "http2", port: 80, targetPort: 8081 }, { name: "web", port: 4430, targetPort: 8081 }] } },
    ]) {
      const rendered = await renderWithHelm(helm, dir, values);
      expect(rendered.ok, `${JSON.stringify(values)}: ${rendered.ok ? "" : rendered.error}`).toBe(true);
    }
  });

  it("accepts forwarding with a host (over TLS: verified with a CA or against a public name, or unverified), and a map with default entries set to null (no error pages)", async () => {
    const tls = (host: string, tls: Record<string, unknown>) => ({ accessLog: { forward: { enabled: true, host, tls: { enabled: true, ...tls } } } });
    for (const values of [
      { accessLog: { forward: { enabled: true, host: "fluentd.logging" } } },
      // TLS to a name a public CA can sign, to a Service with its CA, or without verification.
      tls("logs.example.com", {}),
      tls("fluentd.logging.svc", { caSecret: { name: "fluentd-ca" } }),
      tls("10.0.0.8", { verify: false }),
      { nginx: { errorPages: null } },
      { gateway: { proxyResources: null } },
    ]) {
      const rendered = await renderWithHelm(helm, dir, values);
      expect(rendered.ok, `${JSON.stringify(values)}: ${rendered.ok ? "" : rendered.error}`).toBe(true);
    }
  });

  it("accepts a container without a request the autoscaler does not sum: nginx's in Envoy mode (no nginx runs), a memory request while scaling on CPU only", async () => {
    // The HPA sums only the metric's resource, over the pod's containers (kubernetes
    // pkg/controller/podautoscaler/replica_calculator.go, calculatePodRequests).
    for (const values of [
      { accessLog: { source: "envoy" }, gateway: { autoscaling: { enabled: true } }, nginx: { resources: { requests: null } } },
      { gateway: { autoscaling: { enabled: true } }, fluentBit: { resources: { requests: { memory: null } } }, nginx: { resources: { requests: { memory: null } } } },
    ]) {
      const rendered = await renderWithHelm(helm, dir, values);
      expect(rendered.ok, `${JSON.stringify(values)}: ${rendered.ok ? "" : rendered.error}`).toBe(true);
    }
  });

  it("accepts an Envoy reconnect maximum equal to the base interval, and compares them as numbers", async () => {
    for (const envoy of [{ reconnectBaseInterval: "2s", reconnectMaxInterval: "2.0s" }, { reconnectBaseInterval: "9s", reconnectMaxInterval: "10s" }, { reconnectBaseInterval: "0.001s", reconnectMaxInterval: "0.001s" }]) {
      const rendered = await renderWithHelm(helm, dir, { accessLog: { source: "envoy", envoy } });
      expect(rendered.ok, rendered.ok ? "" : rendered.error).toBe(true);
    }
  });
});
