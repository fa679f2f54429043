import type { IConfigMap } from "kubernetes-models/v1/ConfigMap";
import { and, conditionHelper, contains, eq, not, defineTemplate, differsFromDefault, jsonText, lengthOf, ne, regexFindAll, unique, eachEntry, entry, resource, tpl, when, type Expr } from "../compiler/index.ts";
import { outputChecks } from "./access-log/output-checks.ts";
import { portChecks } from "./pod/port-checks.ts";
import { shutdownChecks } from "./pod/shutdown-checks.ts";
import { tlsChecks } from "./nginx/tls-checks.ts";
import { envoyLua } from "./fluent-bit/envoy-lua.ts";
import { FLUENT_BIT_ENVOY_LUA } from "./paths.ts";
import { fluentBitConf, parsersConf } from "./fluent-bit/config.ts";
import { nginxConf } from "./nginx/config.ts";
import { fluentBitConfigMapName, nginxConfigMapName } from "./pod/volumes.ts";
import { envoySource, nginxSource, openshiftPlatform } from "./modes.ts";
import { CHART_NAME, v } from "./values.ts";
import { resourceMetadata } from "./metadata.ts";

export const nginxConfigMap = defineTemplate(
  "nginx-configmap.yaml",
  () =>
  resource<IConfigMap>({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: resourceMetadata(nginxConfigMapName),
    data: {
      "nginx.conf": nginxConf,
      ...eachEntry(v.nginx.errorPages, (code, page) => entry(tpl`error-${code}.html`, page), { as: ["code", "page"] }),
    },
  }),
  { when: nginxSource },
);

/** nginx-only settings that would be silently ignored without nginx: each fails the render in Envoy mode. */
const nginxOnly = (key: string, value: Expr<unknown>, instead: string) => ({
  when: and(envoySource, value),
  message: `${key} is set, but accessLog.source is envoy and there is no nginx: ${instead}`,
});

/** Named, so the long default it compares with sits on a line of its own in _helpers.tpl. */
const errorPagesChanged = conditionHelper(
  `${CHART_NAME}.errorPagesChanged`,
  "Whether nginx.errorPages differs from the chart's default pages.",
  differsFromDefault(v.nginx.errorPages),
);

const envoyModeConflicts = [
  {
    when: and(envoySource, errorPagesChanged),
    message: "nginx.errorPages is set, but accessLog.source is envoy and there is no nginx to serve them: remove it (Envoy answers with its own error responses) or use accessLog.source nginx",
  },
  nginxOnly("nginx.httpSnippet", v.nginx.httpSnippet, "remove it or use accessLog.source nginx"),
  nginxOnly("nginx.serverSnippet", v.nginx.serverSnippet, "remove it or use accessLog.source nginx"),
  nginxOnly("nginx.realIp.trustedCidrs", v.nginx.realIp.trustedCidrs, "Envoy takes the client address from X-Forwarded-For after gateway.numTrustedProxies hops; set that instead"),
  nginxOnly("nginx.proxyProtocol", v.nginx.proxyProtocol, "enable the PROXY protocol on Envoy with Istio (proxy.istio.io/config gatewayTopology.proxyProtocol) instead"),
  nginxOnly("nginx.extraEnv", v.nginx.extraEnv, "remove it or use accessLog.source nginx"),
  nginxOnly("nginx.extraVolumeMounts", v.nginx.extraVolumeMounts, "remove it or use accessLog.source nginx"),
];

/** The acknowledgement only means something for a pod sysctl in injection mode. */
const podSysctlAcknowledgement = {
  when: and(v.kernelQueue.podSysctlSurvivesInjection, ne(v.kernelQueue.method, "podSysctl"), not(and(openshiftPlatform, eq(v.kernelQueue.method, "auto")))),
  message: "kernelQueue.podSysctlSurvivesInjection is true, but kernelQueue.method is not podSysctl (nor auto on OpenShift): it only acknowledges that istiod writes the pod sysctl in gateway.mode injection; remove it or set kernelQueue.method podSysctl",
};

/** Keys every line gets from the chart itself: a field of the same name would be written twice. */
const reservedFieldNames = ["date", "message"].map((name) => ({
  when: contains(jsonText(v.accessLog.fields), `"name":"${name}"`),
  message: `accessLog.fields: a field is named ${name}, which the chart writes itself (${name === "date" ? "the request's day, always last" : "the whole JSON line, for the json format"}); give the field another name`,
}));

/** Field names must not repeat: each is a key of the JSON line and of Envoy's record. */
const repeatedFieldName = {
  when: ne(lengthOf(unique(regexFindAll('"name":"[a-z0-9_]+"', jsonText(v.accessLog.fields)))), lengthOf(v.accessLog.fields)),
  message: "accessLog.fields: two fields have the same name; each name is a key of the log line, so give each field its own",
};

export const fluentBitConfigMap = defineTemplate(
  "fluent-bit-configmap.yaml",
  () =>
    resource<IConfigMap>({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: resourceMetadata(fluentBitConfigMapName),
      data: {
        "fluent-bit.conf": fluentBitConf,
        "parsers.conf": parsersConf,
        ...when(envoySource, { [FLUENT_BIT_ENVOY_LUA]: envoyLua }),
      },
    }),
  // Rendered in every mode, so the checks of conflicting values run in every mode too.
  { checks: [repeatedFieldName, ...reservedFieldNames, ...envoyModeConflicts, podSysctlAcknowledgement, ...outputChecks, ...portChecks, ...shutdownChecks, ...tlsChecks] },
);
