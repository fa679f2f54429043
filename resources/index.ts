// The chart: metadata, values and every template, as the compiler reads them.
import { stringify } from "yaml";
import { defineChart } from "../compiler/index.ts";
import { values } from "../values-schema/index.ts";
import { horizontalPodAutoscaler, podDisruptionBudget } from "./autoscaling.ts";
import { fluentBitConfigMap, nginxConfigMap } from "./configmaps.ts";
import { daemonSet, deployment } from "./deployment.ts";
import { exampleFiles, examplesSatisfyTheSchema } from "./examples.ts";
import { istioOperator } from "./istio-operator/istio-operator.ts";
import { generatedGatewaysHaveNoInitContainers } from "./istio-operator/overlays.ts";
import { envoyAccessLogFilter, envoyBootstrapConfigMap } from "./envoy/access-log.ts";
import { podMonitor, prometheusRule } from "./monitoring.ts";
import { rbac } from "./rbac.ts";
import { openshiftSccGrant, openshiftSecurityContextConstraints } from "./openshift-scc.ts";
import { service } from "./service.ts";
import { networkPolicy } from "./network-policy.ts";
import { notes } from "./notes.ts";
import { CHART_README } from "./readme.ts";
import { serviceAccount } from "./service-account.ts";
import { testPod } from "./test-pod.ts";
import { conditionHelpers } from "./modes.ts";
import { CHART_NAME, helpers } from "./values.ts";

// safeParse: a schema that refuses an empty values file must not crash the import; the
// compiler reports it (values.yaml is rendered from the same parse).
const defaults = values.safeParse({}).data;
// Stryker disable next-line ObjectLiteral: folding changes only the annotations' layout; Artifact Hub reads them as YAML, where a folded plain scalar is the same string.
/** The annotations' YAML with each entry on one line, so Chart.yaml reads as a list. */
const ONE_LINE_EACH = { lineWidth: 0 };
const imageOf = (image: { repository: string; tag: string } | undefined): string => (image ? `${image.repository}:${image.tag}` : "");

export default defineChart({
  metadata: {
    name: CHART_NAME,
    version: "0.4.0",
    appVersion: "1.28",
    description: "Istio ingress gateway whose pod carries an nginx + fluent-bit access-log pipeline that loses no lines",
    kubeVersion: ">=1.27.0-0",
    home: "https://istio.io/latest/docs/tasks/traffic-management/ingress/",
    sources: ["https://github.com/istio/istio", "https://github.com/nginx/nginx", "https://github.com/fluent/fluent-bit"],
    keywords: ["istio", "ingress", "gateway", "nginx", "fluent-bit", "access-log", "ltsv"],
    maintainers: [{ name: "ingressgateway-accesslog maintainers" }],
    annotations: {
      "artifacthub.io/license": "Apache-2.0",
      "artifacthub.io/images": stringify(
        [
          { name: "nginx", image: imageOf(defaults?.nginx.image) },
          { name: "fluent-bit", image: imageOf(defaults?.fluentBit.image) },
          { name: "busybox", image: imageOf(defaults?.kernelQueue.initContainerImage) },
        ],
        ONE_LINE_EACH,
      ),
      "artifacthub.io/changes": stringify([
        { kind: "added", description: "Gateway Deployment with nginx and fluent-bit access-log sidecars, per-day LTSV files" },
        { kind: "added", description: "Native fluent-bit sidecar on Kubernetes 1.29+, raised socket queue, optional fluentd forward" },
        { kind: "added", description: "gateway.mode istioOperator: an IstioOperator for istioctl whose overlays add the same sidecars at computed indices" },
        { kind: "added", description: "accessLog.source envoy: no nginx; Envoy's fluentd logger streams the same fields to fluent-bit (EnvoyFilter, bootstrap cluster, Lua filter)" },
        { kind: "changed", description: "Injection mode: pods and Service labelled istio: <release name without istio-> for Gateway selectors, not istio: ingressgateway (set gateway.selectorLabels to keep it)" },
        { kind: "fixed", description: "Injection mode starts on real Istio: the socket queue is raised by an init container (kernelQueue.method auto), Istio no longer rewrites fluent-bit's startup probe into a deadlock" },
        { kind: "added", description: "istio-proxy resources and hardened securityContext by default (gateway.proxyResources, gateway.proxySecurityContext); autoscaling refuses containers without a CPU request" },
        { kind: "fixed", description: "service.externalTrafficPolicy reaches a ClusterIP Service with externalIPs, whose external addresses it governs (Local keeps client addresses in the access log)" },
        { kind: "fixed", description: "helm test names the Service port nothing answered on (HTTP 000) instead of ending silently" },
        { kind: "fixed", description: "README: the official istio/gateway values table states every default that differs from that chart's (autoscaling minReplicas 2, maxReplicas 10, CPU target 70), the HTTPS section names nginx.tls.ciphers" },
      ], ONE_LINE_EACH),
    },
  },
  values,
  readme: CHART_README,
  valuesHeader: "Default values for ingressgateway-accesslog.\nGenerated from values-schema/ by `npm run build`: edit the zod schema, not this file.",
  // Stryker disable next-line ArrayDeclaration: the compiler defines every helper a template includes whether or not it is listed here; the list only sets their order in _helpers.tpl, for a reader.
  helpers: [helpers.name, helpers.fullname, helpers.chart, helpers.selectorLabels, helpers.labels, helpers.serviceAccountName, ...conditionHelpers],
  staticFiles: exampleFiles,
  checks: [examplesSatisfyTheSchema, generatedGatewaysHaveNoInitContainers],
  templates: [deployment, daemonSet, istioOperator, service, serviceAccount, rbac, openshiftSecurityContextConstraints, openshiftSccGrant, horizontalPodAutoscaler, podDisruptionBudget, nginxConfigMap, fluentBitConfigMap, envoyAccessLogFilter, envoyBootstrapConfigMap, podMonitor, prometheusRule, networkPolicy, testPod, notes],
});
