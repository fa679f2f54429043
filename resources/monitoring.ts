// A PodMonitor for fluent-bit's and Envoy's metrics, when the Prometheus Operator is there.
import { and, capabilities, defineTemplate, release, spreadYaml } from "../compiler/index.ts";
import { gatewayPodSelector } from "./modes.ts";
import { helpers, v } from "./values.ts";

export const podMonitor = defineTemplate(
  "podmonitor.yaml",
  () => ({
    apiVersion: "monitoring.coreos.com/v1",
    kind: "PodMonitor",
    metadata: { name: helpers.fullname, namespace: release.namespace, labels: { ...helpers.labels.spread(), ...spreadYaml(v.metrics.podMonitor.labels) } },
    spec: {
      // istioctl's pods carry the component's labels, not the chart's.
      selector: { matchLabels: gatewayPodSelector() },
      podMetricsEndpoints: [
        { port: "fluent-bit-http", path: "/api/v2/metrics/prometheus", interval: v.metrics.podMonitor.interval },
        { port: "http-envoy-prom", path: "/stats/prometheus", interval: v.metrics.podMonitor.interval },
      ],
    },
  }),
  { when: and(v.metrics.podMonitor.enabled, capabilities.hasApiVersion("monitoring.coreos.com/v1")) },
);
