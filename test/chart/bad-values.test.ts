// Mistakes in a per-cluster values file fail `helm template`/`install` through the
// schema, naming the key, on Helm 3 and Helm 4; zod (the source of the schema) agrees.
import { describe, expect, it } from "vitest";
import { helmBinaries } from "../../helm/run.ts";
import { renderWithHelm } from "../../compiler/testing/render.ts";
import chartDefinition from "../../resources/index.ts";
import { compileToDirectory } from "../support/differential.ts";

const { dir } = compileToDirectory(chartDefinition);

/** The key as Helm 3 (`a.b`) and Helm 4 (`/a/b`) name it. */
const keyNamed = (path: string) => new RegExp(`- (${path.replace(/\./g, "\\.")}|at '/${path.replace(/\./g, "/")}')`);

/** A key set to null, which Helm deletes before validating: Helm 3 `- a: b is required`, Helm 4 `- at '/a': missing property 'b'`. */
const missing = (path: string) => {
  const parts = path.split(".");
  const key = parts.pop()!;
  return new RegExp(`- (${parts.join("\\.")}: ${key} is required|at '/${parts.join("/")}': missing property '${key}')`);
};

const MISTAKES = [
  { what: "an unknown key", values: { nginx: { workerProcess: 2 } }, message: /(nginx: Additional property workerProcess is not allowed|at '\/nginx': additional properties 'workerProcess' not allowed)/ },
  { what: "a wrong type", values: { gateway: { replicaCount: "two" } }, message: keyNamed("gateway.replicaCount") },
  { what: "negative replicas", values: { gateway: { replicaCount: -1 } }, message: keyNamed("gateway.replicaCount") },
  { what: "a port out of range", values: { nginx: { listenPort: 70000 } }, message: keyNamed("nginx.listenPort") },
  { what: "a privileged port for the non-root nginx", values: { nginx: { listenPort: 80 } }, message: keyNamed("nginx.listenPort") },
  { what: "an unknown workload kind", values: { gateway: { kind: "StatefulSet" } }, message: keyNamed("gateway.kind") },
  { what: "a percentage above 100", values: { gateway: { podDisruptionBudget: { minAvailable: "150%" } } }, message: keyNamed("gateway.podDisruptionBudget.minAvailable") },
  { what: "three IP families", values: { service: { ipFamilies: ["IPv4", "IPv6", "IPv4"] } }, message: keyNamed("service.ipFamilies") },
  { what: "a cluster IP that is not an address", values: { service: { clusterIP: "auto" } }, message: keyNamed("service.clusterIP") },
  { what: "an appProtocol with a space", values: { service: { ports: [{ name: "http2", port: 80, targetPort: 8081, appProtocol: "h t t p" }] } }, message: keyNamed("service.ports.0.appProtocol") },
  { what: "an invalid time zone name", values: { accessLog: { timeZone: "Asia/Tokio" } }, message: keyNamed("accessLog.timeZone") },
  { what: "an empty field list", values: { accessLog: { fields: [] } }, message: keyNamed("accessLog.fields") },
  { what: "a relative hostPath", values: { accessLog: { output: { hostPath: "var/log/access" } } }, message: keyNamed("accessLog.output.hostPath") },
  { what: "a field named time (reserved by fluent-bit)", values: { accessLog: { fields: [{ name: "time", nginx: "$time_iso8601" }] } }, message: keyNamed("accessLog.fields.0.name") },
  { what: "a quote in an nginx expression", values: { accessLog: { fields: [{ name: "x", nginx: "$host'" }] } }, message: keyNamed("accessLog.fields.0.nginx") },
  { what: "an unknown kernel queue method", values: { kernelQueue: { method: "sysctl" } }, message: keyNamed("kernelQueue.method") },
  { what: "a repeated request header", values: { accessLog: { requestHeaders: ["x-a", "x-a"] } }, message: /(accessLog\.requestHeaders: array items\[0,1\] must be unique|at '\/accessLog\/requestHeaders': items at 0 and 1 are equal)/ },
  { what: "an upper-case request header", values: { accessLog: { requestHeaders: ["X-Request-Id"] } }, message: keyNamed("accessLog.requestHeaders.0") },
  { what: "an unknown access-log source", values: { accessLog: { source: "haproxy" } }, message: keyNamed("accessLog.source") },
  // Envoy's FluentdAccessLogConfig: buffer_flush_interval [(validate.rules).duration = {gt {}}]
  // (envoyproxy/envoy api/envoy/extensions/access_loggers/fluentd/v3/fluentd.proto); Envoy reads
  // it in whole milliseconds, so below 1ms is 0 too. BackoffStrategy.base_interval is required
  // and gte 1ms (api/envoy/config/core/v3/backoff.proto). A refused proto NACKs the listener.
  { what: "a zero Envoy flush interval", values: { accessLog: { envoy: { flushInterval: "0s" } } }, message: keyNamed("accessLog.envoy.flushInterval") },
  { what: "a zero Envoy flush interval with a fraction", values: { accessLog: { envoy: { flushInterval: "0.0s" } } }, message: keyNamed("accessLog.envoy.flushInterval") },
  { what: "an Envoy flush interval under a millisecond", values: { accessLog: { envoy: { flushInterval: "0.0009s" } } }, message: keyNamed("accessLog.envoy.flushInterval") },
  { what: "a zero Envoy reconnect base interval", values: { accessLog: { envoy: { reconnectBaseInterval: "0.000s" } } }, message: keyNamed("accessLog.envoy.reconnectBaseInterval") },
  { what: "a zero Envoy reconnect maximum", values: { accessLog: { envoy: { reconnectMaxInterval: "0s" } } }, message: keyNamed("accessLog.envoy.reconnectMaxInterval") },
  // The shutdown timer fires each second (src/flb_engine.c): the first tick flushes, the second exits.
  { what: "a Grace too short to flush once before exiting", values: { fluentBit: { graceSeconds: 1 } }, message: keyNamed("fluentBit.graceSeconds") },
  { what: "an Istio version the chart does not describe", values: { istioOperator: { istioVersion: "1.23" } }, message: keyNamed("istioOperator.istioVersion") },
  // Helm deletes a key set to null and then validated what was left: fields=null reached the
  // templates (`len of nil`), timeZone=null rendered an empty TZ, podAnnotations=null failed
  // with `wrong type for value`. Keys values.yaml fills in are required.
  { what: "the field list set to null", values: { accessLog: { fields: null } }, message: missing("accessLog.fields") },
  { what: "the time zone set to null", values: { accessLog: { timeZone: null } }, message: missing("accessLog.timeZone") },
  { what: "a whole section set to null", values: { gateway: { autoscaling: null } }, message: missing("gateway.autoscaling") },
  { what: "an empty map of the user's set to null", values: { gateway: { podAnnotations: null } }, message: missing("gateway.podAnnotations") },
  { what: "an image tag set to null", values: { nginx: { image: { tag: null } } }, message: missing("nginx.image.tag") },
  // Helm 4 reported a bad key of a map as "at ''" until the schema wrote key patterns as patternProperties.
  { what: "an error page for a status that is not an error", values: { nginx: { errorPages: { "999": "x" } } }, message: /(nginx\.errorPages: Additional property 999 is not allowed|at '\/nginx\/errorPages': additional properties '999' not allowed)/ },
  { what: "an empty error page", values: { nginx: { errorPages: { "502": "" } } }, message: keyNamed("nginx.errorPages.502") },
  { what: "the node's root directory as hostPath", values: { accessLog: { output: { hostPath: "/" } } }, message: keyNamed("accessLog.output.hostPath") },
  { what: "a hostPath that climbs out with ..", values: { accessLog: { output: { hostPath: "/var/log/gw/../../etc" } } }, message: keyNamed("accessLog.output.hostPath") },
  { what: "a hostPath with a . component", values: { accessLog: { output: { hostPath: "/var/log/./gw" } } }, message: keyNamed("accessLog.output.hostPath") },
  { what: "a socket directory that climbs out with ..", values: { accessLog: { socketDirectory: "/var/run/.." } }, message: keyNamed("accessLog.socketDirectory") },
  { what: "a file name with a directory in it", values: { accessLog: { output: { fileName: "../access.log" } } }, message: keyNamed("accessLog.output.fileName") },
  { what: "an unknown file format", values: { accessLog: { output: { format: "csv" } } }, message: keyNamed("accessLog.output.format") },
  { what: "an unknown file layout", values: { accessLog: { output: { layout: "filePerHour" } } }, message: keyNamed("accessLog.output.layout") },
  { what: "a field length too short for a line", values: { accessLog: { maxFieldLength: 10 } }, message: keyNamed("accessLog.maxFieldLength") },
  { what: "a platform the chart does not know", values: { platform: "OpenShift" }, message: keyNamed("platform") },
  { what: "an SCC name that is not an object name", values: { openshift: { securityContextConstraints: { name: "Host_Path" } } }, message: keyNamed("openshift.securityContextConstraints.name") },
  { what: "the root group as the socket's group", values: { accessLog: { socketGroupId: 0 } }, message: keyNamed("accessLog.socketGroupId") },
  { what: "a syslog tag nginx would cut", values: { accessLog: { syslogTag: "nginx-access" } }, message: keyNamed("accessLog.syslogTag") },
  { what: "a cookie name nginx cannot read", values: { accessLog: { cookies: ["session-id"] } }, message: keyNamed("accessLog.cookies.0") },
  { what: "a forward port of 0", values: { accessLog: { forward: { enabled: true, host: "fluentd", port: 0 } } }, message: keyNamed("accessLog.forward.port") },
  { what: "a forward host with a space", values: { accessLog: { forward: { enabled: true, host: "fluentd svc" } } }, message: keyNamed("accessLog.forward.host") },
  { what: "a shared-key Secret name without a key", values: { accessLog: { forward: { enabled: true, host: "fluentd", sharedKeySecret: { name: "fluentd-shared-key", key: "" } } } }, message: keyNamed("accessLog.forward.sharedKeySecret.key") },
  { what: "a CA Secret name without a key", values: { accessLog: { forward: { enabled: true, host: "fluentd", tls: { enabled: true, caSecret: { name: "fluentd-ca", key: "" } } } } }, message: keyNamed("accessLog.forward.tls.caSecret.key") },
  { what: "a truncated image digest", values: { fluentBit: { image: { digest: "sha256:abc" } } }, message: keyNamed("fluentBit.image.digest") },
  { what: "a buffer size Kubernetes cannot read", values: { fluentBit: { storageLimit: "1Gi" } }, message: keyNamed("fluentBit.storageLimit") },
  { what: "an unknown install mode", values: { gateway: { mode: "operator" } }, message: keyNamed("gateway.mode") },
  { what: "a TLS certificate without hosts", values: { nginx: { tls: { enabled: true, certificates: [{ secretName: "example-com-tls", hosts: [] }] } } }, message: keyNamed("nginx.tls.certificates.0.hosts") },
  { what: "a TLS certificate without a Secret name", values: { nginx: { tls: { enabled: true, certificates: [{ hosts: ["example.com"] }] } } }, message: missing("nginx.tls.certificates.0.secretName") },
  { what: "a TLS host with a port or upper case", values: { nginx: { tls: { enabled: true, certificates: [{ secretName: "a", hosts: ["Example.com:443"] }] } } }, message: keyNamed("nginx.tls.certificates.0.hosts.0") },
  // RFC 8996 deprecates TLS 1.0 and 1.1; the enum does not offer them.
  { what: "TLS 1.1 in the protocols", values: { nginx: { tls: { protocols: ["TLSv1.1", "TLSv1.2"] } } }, message: keyNamed("nginx.tls.protocols.0") },
  { what: "a TLS port nginx's non-root user cannot bind", values: { nginx: { tls: { port: 443 } } }, message: keyNamed("nginx.tls.port") },
  { what: "an unknown client-certificate mode", values: { nginx: { tls: { clientCertificates: { verify: "required" } } } }, message: keyNamed("nginx.tls.clientCertificates.verify") },
  { what: "an offloaded-TLS port nginx's non-root user cannot bind", values: { nginx: { tls: { offloadedPort: 443 } } }, message: keyNamed("nginx.tls.offloadedPort") },
];

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
  { what: "fluent-bit's metrics port on its HTTP port", values: { fluentBit: { metricsPort: 2020 } }, message: "nginx.listenPort, nginx.healthPort, fluentBit.httpPort and fluentBit.metricsPort must differ from each other" },
  { what: "nginx's health port on istio-proxy's", values: { nginx: { healthPort: 15021 } }, message: "must differ from each other and from Istio's ports (15000, 15001" },
  { what: "Envoy mode: the forward input on fluent-bit's HTTP port", values: { accessLog: { source: "envoy", envoy: { port: 2020 } } }, message: "fluentBit.httpPort and accessLog.envoy.port must differ" },
  { what: "two fields with the same name", values: { accessLog: { fields: [{ name: "a", nginx: "$host" }, { name: "a", nginx: "$status" }] } }, message: "accessLog.fields: two fields have the same name" },
  { what: "a field named date (the chart's own last key)", values: { accessLog: { fields: [{ name: "date", nginx: "$time_iso8601" }] } }, message: "accessLog.fields: a field is named date" },
  { what: "a field named message (the JSON line)", values: { accessLog: { fields: [{ name: "message", nginx: "$request" }] } }, message: "accessLog.fields: a field is named message" },
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
  { what: "istio-proxy lifecycle hooks through istioctl", values: { gateway: { mode: "istioOperator", proxyLifecycle: { preStop: { exec: { command: ["sleep", "5"] } } } } }, message: "gateway.proxyLifecycle is set, but gateway.mode is istioOperator" },
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

describe.each(helmBinaries())("$label", (helm) => {
  it.each(MISTAKES)("rejects $what, naming the key", async ({ values, message }) => {
    expect(chartDefinition.values.safeParse(values).success).toBe(false);
    const rendered = await renderWithHelm(helm, dir, values);
    expect(rendered.ok).toBe(false);
    const error = rendered.ok ? "" : rendered.error;
    expect(error).toContain("values don't meet the specifications of the schema");
    expect(error).toMatch(message);
  });

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

  it("accepts an Envoy reconnect maximum equal to the base interval, and compares them as numbers", async () => {
    for (const envoy of [{ reconnectBaseInterval: "2s", reconnectMaxInterval: "2.0s" }, { reconnectBaseInterval: "9s", reconnectMaxInterval: "10s" }, { reconnectBaseInterval: "0.001s", reconnectMaxInterval: "0.001s" }]) {
      const rendered = await renderWithHelm(helm, dir, { accessLog: { source: "envoy", envoy } });
      expect(rendered.ok, rendered.ok ? "" : rendered.error).toBe(true);
    }
  });
});
