// Mistakes in a per-cluster values file fail `helm template`/`install` through the
// schema, naming the key, on Helm 3 and Helm 4; zod (the source of the schema) agrees.
// (Combinations only the chart's render checks refuse: bad-values.test.ts.)
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

describe.each(helmBinaries())("$label", (helm) => {
  it.each(MISTAKES)("rejects $what, naming the key", async ({ values, message }) => {
    expect(chartDefinition.values.safeParse(values).success).toBe(false);
    const rendered = await renderWithHelm(helm, dir, values);
    expect(rendered.ok).toBe(false);
    const error = rendered.ok ? "" : rendered.error;
    expect(error).toContain("values don't meet the specifications of the schema");
    expect(error).toMatch(message);
  });

});
