// Mistakes in a per-cluster values file fail `helm template`/`install` through the
// schema, naming the key, on Helm 3 and Helm 4; zod (the source of the schema) agrees.
import { describe, expect, it } from "vitest";
import { helmBinaries } from "../../compiler/helm/run.ts";
import { renderWithHelm } from "../../compiler/testing/render.ts";
import chartDefinition from "../../resources/index.ts";
import { compileToDirectory } from "../support/differential.ts";

const { dir } = compileToDirectory(chartDefinition);

/** The key as Helm 3 (`a.b`) and Helm 4 (`/a/b`) name it. */
const keyNamed = (path: string) => new RegExp(`- (${path.replace(/\./g, "\\.")}|at '/${path.replace(/\./g, "/")}')`);

const MISTAKES = [
  { what: "an unknown key", values: { nginx: { workerProcess: 2 } }, message: /(nginx: Additional property workerProcess is not allowed|at '\/nginx': additional properties 'workerProcess' not allowed)/ },
  { what: "a wrong type", values: { gateway: { replicaCount: "two" } }, message: keyNamed("gateway.replicaCount") },
  { what: "negative replicas", values: { gateway: { replicaCount: -1 } }, message: keyNamed("gateway.replicaCount") },
  { what: "a port out of range", values: { nginx: { listenPort: 70000 } }, message: keyNamed("nginx.listenPort") },
  { what: "a privileged port for the non-root nginx", values: { nginx: { listenPort: 80 } }, message: keyNamed("nginx.listenPort") },
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
  { what: "an Istio version the chart does not describe", values: { istioOperator: { istioVersion: "1.23" } }, message: keyNamed("istioOperator.istioVersion") },
];

/** Combinations a JSON schema cannot refuse: the chart's own checks fail the render, naming the value. */
const CHECKED = [
  { what: "two fields with the same name", values: { accessLog: { fields: [{ name: "a", nginx: "$host" }, { name: "a", nginx: "$status" }] } }, message: "accessLog.fields: two fields have the same name" },
  { what: "a field named date (the chart's own last key)", values: { accessLog: { fields: [{ name: "date", nginx: "$time_iso8601" }] } }, message: "accessLog.fields: a field is named date" },
  { what: "a field named message (the JSON line)", values: { accessLog: { fields: [{ name: "message", nginx: "$request" }] } }, message: "accessLog.fields: a field is named message" },
  // Istio's gateway injection replaces pod sysctls (test/support/istio-injection.ts).
  { what: "a pod sysctl for the queue that injection would drop", values: { kernelQueue: { method: "podSysctl" } }, message: "kernelQueue.method is podSysctl, but in gateway.mode injection Istio's gateway injection template replaces the pod's sysctls" },
  { what: "the injection acknowledgement without a pod sysctl", values: { kernelQueue: { podSysctlSurvivesInjection: true } }, message: "kernelQueue.podSysctlSurvivesInjection is true, but kernelQueue.method is not podSysctl" },
  { what: "turning Istio's probe rewrite back on", values: { gateway: { podAnnotations: { "sidecar.istio.io/rewriteAppHTTPProbers": "true" } } }, message: "gateway.podAnnotations sets sidecar.istio.io/rewriteAppHTTPProbers" },
  // The HPA needs a CPU request in every container it sums.
  { what: "autoscaling with istio-proxy's CPU request removed", values: { gateway: { autoscaling: { enabled: true }, proxyResources: { requests: { cpu: null } } } }, message: "gateway.proxyResources has no requests.cpu" },
  { what: "autoscaling with nginx's requests removed", values: { gateway: { autoscaling: { enabled: true } }, nginx: { resources: { requests: null } } }, message: "nginx.resources has no requests.cpu" },
  { what: "autoscaling with fluent-bit's CPU request removed", values: { gateway: { autoscaling: { enabled: true } }, fluentBit: { resources: { requests: { cpu: null } } } }, message: "fluentBit.resources has no requests.cpu" },
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

  it("accepts an Envoy reconnect maximum equal to the base interval, and compares them as numbers", async () => {
    for (const envoy of [{ reconnectBaseInterval: "2s", reconnectMaxInterval: "2.0s" }, { reconnectBaseInterval: "9s", reconnectMaxInterval: "10s" }, { reconnectBaseInterval: "0.001s", reconnectMaxInterval: "0.001s" }]) {
      const rendered = await renderWithHelm(helm, dir, { accessLog: { source: "envoy", envoy } });
      expect(rendered.ok, rendered.ok ? "" : rendered.error).toBe(true);
    }
  });
});
