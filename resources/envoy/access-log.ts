// accessLog.source envoy: the gateway's own Envoy streams one record per request to
// fluent-bit's forward input on 127.0.0.1, with Envoy's fluentd access logger.
//
// Why an EnvoyFilter and not the Telemetry API: Telemetry can only name extension
// providers, and Istio has none for fluentd (envoyFileAccessLog would mean tailing a file,
// envoyOtelAls/envoyHttpAls a gRPC collector). Why a bootstrap cluster: the fluentd logger
// accepts only clusters from Envoy's bootstrap (envoyproxy/envoy#36511), so the cluster of
// 127.0.0.1:<port> cannot come from the EnvoyFilter; istio-proxy reads it from
// ISTIO_BOOTSTRAP_OVERRIDE. Details and sources: docs/envoy-access-log-notes.md.
import type { IEnvoyFilter } from "@kubernetes-models/istio/networking.istio.io/v1alpha3/EnvoyFilter";
import type { IConfigMap } from "kubernetes-models/v1/ConfigMap";
import {
  and, conditionHelper, defaultTo, defineTemplate, eachEntry, entry, lookup, lt, required, resource, toFloat, tpl, trimSuffix, when, type Expr,
} from "../../compiler/index.ts";
import { ENVOY_COOKIE_KEY, ENVOY_DETAILS_KEY, ENVOY_START_KEY, envoyEquivalentsBy, envoyRequestHeader } from "../access-log/envoy-fields.ts";
import { headerFieldName } from "../access-log/field-names.ts";
import { envoySource, gatewayPodSelector } from "../modes.ts";
import { ENVOY_ACCESSLOG_CLUSTER, ENVOY_BOOTSTRAP_FILE } from "../paths.ts";
import { INPUT_TAG } from "../fluent-bit/config.ts";
import { envoyBootstrapConfigMapName } from "../pod/volumes.ts";
import { CHART_NAME, helpers, v } from "../values.ts";
import { resourceMetadata } from "../metadata.ts";

const ENVOY_OPERATORS = envoyEquivalentsBy("envoy");

/** A field's Envoy operator: its own, or the equivalent of its nginx variable; else the render fails naming it. */
export const fieldEnvoyOperator = (field: { name: Expr<string>; nginx: Expr<string>; envoy: Expr<string | undefined> }): Expr<string> =>
  required(
    defaultTo(field.envoy, lookup(ENVOY_OPERATORS, field.nginx) as Expr<string>),
    tpl`accessLog.fields: field ${field.name} takes its value from ${field.nginx}, which has no Envoy equivalent the chart knows; give the field an envoy: command operator (accessLog.source is envoy)`,
  );

/** The static cluster istio-proxy adds to its bootstrap: fluent-bit's forward input in the pod. */
const bootstrap = tpl`{"static_resources":{"clusters":[{"name":"${ENVOY_ACCESSLOG_CLUSTER}","type":"STATIC","connect_timeout":"1s","load_assignment":{"cluster_name":"${ENVOY_ACCESSLOG_CLUSTER}","endpoints":[{"lb_endpoints":[{"endpoint":{"address":{"socket_address":{"address":"127.0.0.1","port_value":${v.accessLog.envoy.port}}}}}]}]}}]}}`;

export const envoyBootstrapConfigMap = defineTemplate(
  "envoy-bootstrap-configmap.yaml",
  () =>
    resource<IConfigMap>({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: resourceMetadata(envoyBootstrapConfigMapName),
      data: { [ENVOY_BOOTSTRAP_FILE]: bootstrap },
    }),
  { when: envoySource },
);

/** One record entry per field, cookie and header, plus what the Lua filter needs to rebuild nginx's line. */
const record = () => ({
  ...eachEntry(v.accessLog.fields, (_index, field) => entry(field.name, fieldEnvoyOperator(field)), { as: ["fieldIndex", "field"] }),
  ...eachEntry(
    v.accessLog.requestHeaders,
    (_index, header) => entry(headerFieldName(header), tpl`%REQ(${header})%`),
    { as: ["headerIndex", "header"] },
  ),
  [ENVOY_START_KEY]: "%START_TIME(%s.%3f)%",
  [ENVOY_DETAILS_KEY]: "%RESPONSE_CODE_DETAILS%",
  // The whole Cookie header only when cookies are logged: it may be large and hold secrets.
  ...when(v.accessLog.cookies, { [ENVOY_COOKIE_KEY]: envoyRequestHeader("COOKIE") }),
});

/** A duration value ("1.5s", schema-checked) as seconds, to compare with another. */
const seconds = (duration: Expr<string>): Expr<number> => toFloat(trimSuffix(duration, "s"));

/**
 * Envoy refuses the logger, and so NACKs the gateway's listener, when the backoff's
 * max_interval is below its base_interval (BackOffStrategyUtils::validateBackOffStrategyConfig,
 * called by the fluentd logger's factory, source/extensions/access_loggers/fluentd/config.cc).
 * A schema cannot compare two values; the render can. The schema's pattern already refused 0.
 */
const reconnectIntervalsInOrder = {
  when: and(
    envoySource,
    conditionHelper(
      `${CHART_NAME}.reconnectIntervalsReversed`,
      "Whether accessLog.envoy.reconnectMaxInterval is shorter than accessLog.envoy.reconnectBaseInterval.",
      lt(seconds(v.accessLog.envoy.reconnectMaxInterval), seconds(v.accessLog.envoy.reconnectBaseInterval)),
    ),
  ),
  message: "accessLog.envoy.reconnectMaxInterval is shorter than accessLog.envoy.reconnectBaseInterval: Envoy would refuse the logger and with it the gateway's listener; make the maximum at least the base interval",
};

export const envoyAccessLogFilter = defineTemplate(
  "envoy-access-log.yaml",
  () =>
    resource<IEnvoyFilter>({
      apiVersion: "networking.istio.io/v1alpha3",
      kind: "EnvoyFilter",
      metadata: resourceMetadata(tpl`${helpers.fullname}-access-log`),
      spec: {
        // This gateway's pods only, never the mesh: istioctl's pods carry the component's labels.
        workloadSelector: { labels: gatewayPodSelector() },
        configPatches: [
          {
            applyTo: "NETWORK_FILTER",
            match: { context: "GATEWAY", listener: { filterChain: { filter: { name: "envoy.filters.network.http_connection_manager" } } } },
            patch: {
              // MERGE appends to access_log: loggers Istio configures (Telemetry, accessLogFile) stay.
              operation: "MERGE",
              value: {
                typed_config: {
                  "@type": "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
                  access_log: [
                    {
                      name: "envoy.access_loggers.fluentd",
                      typed_config: {
                        "@type": "type.googleapis.com/envoy.extensions.access_loggers.fluentd.v3.FluentdAccessLogConfig",
                        cluster: ENVOY_ACCESSLOG_CLUSTER,
                        tag: INPUT_TAG,
                        stat_prefix: "accesslog",
                        buffer_flush_interval: v.accessLog.envoy.flushInterval,
                        buffer_size_bytes: v.accessLog.envoy.bufferSizeBytes,
                        // No max_connect_attempts: once reached, the logger drops every later line for good.
                        retry_options: {
                          backoff_options: { base_interval: v.accessLog.envoy.reconnectBaseInterval, max_interval: v.accessLog.envoy.reconnectMaxInterval },
                        },
                        record: record(),
                      },
                    },
                  ],
                },
              },
            },
          },
        ],
      },
    }),
  { when: envoySource, checks: [reconnectIntervalsInOrder] },
);
