// A PodMonitor for fluent-bit's and Envoy's metrics, and a PrometheusRule with the access-log
// alerts, when the Prometheus Operator is there.
import { and, capabilities, defineTemplate, release, tpl, when, type Expr } from "../compiler/index.ts";
import { ACCESSLOG_METRICS_PORT_NAME, FILE_OUTPUT_ALIAS, FORWARD_OUTPUT_ALIAS } from "./fluent-bit/config.ts";
import { gatewayPodSelector, nginxSource } from "./modes.ts";
import { resourceMetadata } from "./metadata.ts";
import { helpers, v } from "./values.ts";

export const podMonitor = defineTemplate(
  "podmonitor.yaml",
  () => ({
    apiVersion: "monitoring.coreos.com/v1",
    kind: "PodMonitor",
    metadata: resourceMetadata(helpers.fullname, { labels: v.metrics.podMonitor.labels }),
    spec: {
      // istioctl's pods carry the component's labels, not the chart's.
      selector: { matchLabels: gatewayPodSelector() },
      podMetricsEndpoints: [
        { port: "fluent-bit-http", path: "/api/v2/metrics/prometheus", interval: v.metrics.podMonitor.interval },
        { port: "http-envoy-prom", path: "/stats/prometheus", interval: v.metrics.podMonitor.interval },
        ...when(nginxSource, [{ port: ACCESSLOG_METRICS_PORT_NAME, path: "/metrics", interval: v.metrics.podMonitor.interval }]),
      ],
    },
  }),
  { when: and(v.metrics.podMonitor.enabled, capabilities.hasApiVersion("monitoring.coreos.com/v1")) },
);

/**
 * The PodMonitor's job label: the Prometheus Operator names a PodMonitor's job
 * "<namespace>/<name>" unless it sets jobLabel (prometheus-operator Documentation, PodMonitor).
 */
const job = tpl`job="${release.namespace}/${helpers.fullname}"`;

/** A Prometheus alerting rule; the description says what was lost and where to look. */
const rule = (alert: string, severity: "warning" | "critical", expr: Expr<string>, summary: string, description: string) => ({
  alert,
  expr,
  labels: { severity },
  annotations: { summary, description },
});

/**
 * nginx mode: the warnings fluent-bit counted from nginx's error log (fluent-bit/config.ts).
 * The counter appears with its first increment, and increase() needs two samples: the
 * unless-offset term catches a counter that is new in the window.
 */
const linesNotHandedOver = rule("AccessLogLinesNotHandedOver", "warning", tpl`sum by (namespace, pod) (increase(accesslog_nginx_lines_not_handed_over_total{${job}}[5m])) > 0 or sum by (namespace, pod) (accesslog_nginx_lines_not_handed_over_total{${job}} unless accesslog_nginx_lines_not_handed_over_total{${job}} offset 5m) > 0`, "nginx could not hand access-log lines to fluent-bit", "{{ $labels.pod }}: {{ $value }} access-log lines in the last 5 minutes never reached fluent-bit's socket (its queue was full: fluent-bit is short of CPU). nginx's stderr names each request (send() to syslog failed).");

/**
 * Envoy mode: Envoy's fluentd logger drops an entry while disconnected from fluent-bit or
 * with its buffer full, and counts it in access_logs.fluentd.<stat_prefix>.entries_lost
 * (envoy source/extensions/access_loggers/fluentd/fluentd_access_log_impl.cc,
 * FluentdAccessLoggerImpl::log; the scope is "access_logs.fluentd", the stat_prefix the
 * chart's "accesslog"), which Istio exposes through proxyStatsMatcher (pod/template.ts).
 */
const envoyEntriesLost = rule("AccessLogEntriesLost", "warning", tpl`sum by (namespace, pod) (increase(envoy_access_logs_fluentd_accesslog_entries_lost{${job}}[5m])) > 0`, "Envoy dropped access-log entries it could not hand to fluent-bit", "{{ $labels.pod }}: {{ $value }} access-log entries in the last 5 minutes were dropped by Envoy's fluentd logger (disconnected from fluent-bit, or its buffer, accessLog.envoy.bufferSizeBytes, full).");

/** Alerts on what the PodMonitor scrapes; descriptions say what was lost and where to look. */
export const prometheusRule = defineTemplate(
  "prometheusrule.yaml",
  () => ({
    apiVersion: "monitoring.coreos.com/v1",
    kind: "PrometheusRule",
    metadata: resourceMetadata(helpers.fullname, { labels: v.metrics.prometheusRule.labels }),
    spec: {
      groups: [
        {
          name: "ingressgateway-accesslog",
          rules: [
            ...when(nginxSource, [linesNotHandedOver], [envoyEntriesLost]),
            rule("AccessLogReaderRestarted", "warning", tpl`sum by (namespace, pod) (resets(fluentbit_uptime{${job}}[10m])) > 0`, "fluent-bit restarted in a gateway pod", "{{ $labels.pod }}: fluent-bit restarted {{ $value }} times in 10 minutes. Each restart loses the lines nginx sent while no fluent-bit read the socket (measured: about 0.1 s of traffic; nginx warns for them on stderr, but they are not counted, as fluent-bit was not there to count)."),
            rule("AccessLogFileOutputFailing", "critical", tpl`sum by (namespace, pod) (increase(fluentbit_output_errors_total{${job}, name="${FILE_OUTPUT_ALIAS}"}[5m])) > 0 or sum by (namespace, pod) (increase(fluentbit_output_retries_failed_total{${job}, name="${FILE_OUTPUT_ALIAS}"}[5m])) > 0`, "fluent-bit cannot write the day files", "{{ $labels.pod }}: fluent-bit's file output failed in the last 5 minutes (disk full, permissions on the hostPath?); see fluent-bit's log."),
            ...when(v.accessLog.forward.enabled, [
              rule("AccessLogForwardDropping", "warning", tpl`sum by (namespace, pod) (increase(fluentbit_output_dropped_records_total{${job}, name="${FORWARD_OUTPUT_ALIAS}"}[5m])) > 0`, "fluent-bit drops records it could not forward", "{{ $labels.pod }}: {{ $value }} records were not forwarded to fluentd in the last 5 minutes (the buffer, fluentBit.storageLimit, was full); the day files still have them."),
            ]),
          ],
        },
      ],
    },
  }),
  { when: and(v.metrics.prometheusRule.enabled, capabilities.hasApiVersion("monitoring.coreos.com/v1")) },
);
