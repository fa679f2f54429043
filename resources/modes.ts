// Which of the chart's installation modes the values select.
import { and, conditionHelper, eq, ifElse, mergeMaps, ne, not, or, release, trimPrefix, type Expr } from "../compiler/index.ts";
import { CHART_NAME, helpers, v } from "./values.ts";

// Named helpers, so each mode reads the same in every template and is written once.

/** The chart renders the gateway Deployment itself and Istio injects Envoy. */
export const injectionMode = conditionHelper(
  `${CHART_NAME}.injectionMode`,
  "Whether the chart renders the gateway Deployment itself and Istio injects Envoy into it (gateway.mode injection).",
  eq(v.gateway.mode, "injection"),
);
/** The chart renders an IstioOperator for istioctl, which renders the Deployment. */
export const istioOperatorMode = conditionHelper(
  `${CHART_NAME}.istioOperatorMode`,
  "Whether the chart renders an IstioOperator and istioctl renders the gateway Deployment (gateway.mode istioOperator).",
  eq(v.gateway.mode, "istioOperator"),
);

/** nginx in front of Envoy writes the access log to a unix socket (the default). */
export const nginxSource = conditionHelper(
  `${CHART_NAME}.nginxInFront`,
  "Whether nginx runs in front of Envoy and writes the access log to a unix socket (accessLog.source nginx).",
  eq(v.accessLog.source, "nginx"),
);
/** No nginx: Envoy's fluentd access logger streams each request to fluent-bit. */
export const envoySource = conditionHelper(
  `${CHART_NAME}.envoyAccessLog`,
  "Whether the gateway's Envoy streams each request to fluent-bit itself, with no nginx (accessLog.source envoy).",
  eq(v.accessLog.source, "envoy"),
);

/**
 * OpenShift assigns the pods' users and groups from the namespace's ranges (its restricted
 * SCCs refuse others), so the chart writes none.
 */
export const openshiftPlatform = conditionHelper(
  `${CHART_NAME}.openshift`,
  "Whether the pods follow OpenShift's security rules: no fixed users or groups, no root init containers (platform openshift).",
  eq(v.platform, "openshift"),
);

/** fluent-bit forwards over TLS and verifies fluentd's certificate against a CA from a Secret. */
export const forwardsWithOwnCa = conditionHelper(
  `${CHART_NAME}.forwardsWithOwnCa`,
  "Whether fluent-bit forwards over TLS and verifies fluentd's certificate against a CA from a Secret.",
  and(v.accessLog.forward.enabled, v.accessLog.forward.tls.enabled, ne(v.accessLog.forward.tls.caSecret.name, "")),
);

/**
 * Labels Istio Gateway resources select this gateway by, in injection mode: the official
 * istio/gateway chart's convention, `istio: <release name without "istio-">`, so a release
 * next to the stock `istio: ingressgateway` gateway never takes over its Gateways;
 * gateway.selectorLabels add labels or override `istio`.
 */
export const gatewaySelectorLabels = (): Expr<Record<string, string>> =>
  // Both sources are label maps of strings.
  mergeMaps(v.gateway.selectorLabels, { istio: trimPrefix(release.name, "istio-") }) as Expr<Record<string, string>>;

/** The labels istioctl puts on its gateway's pods besides gateway.selectorLabels (the component's label). */
export const istioctlPodLabels = () => ({ app: helpers.fullname });

/** Labels that select this gateway's pods, and only them, in either install mode. */
export const gatewayPodSelector = () => ifElse(istioOperatorMode, istioctlPodLabels(), { ...helpers.selectorLabels.spread() });

/**
 * The socket queue is raised by a pod sysctl: asked for, or automatic in IstioOperator mode,
 * whose Deployment istioctl renders without Istio's injection, and on OpenShift, which admits
 * no privileged init container under the chart's SCC (nginx mode only).
 */
export const queueByPodSysctl = conditionHelper(
  `${CHART_NAME}.queueByPodSysctl`,
  "Whether a pod sysctl raises the socket queue: asked for, or automatic in IstioOperator mode and on OpenShift (nginx mode only).",
  and(nginxSource, or(eq(v.kernelQueue.method, "podSysctl"), and(eq(v.kernelQueue.method, "auto"), or(istioOperatorMode, openshiftPlatform)))),
);
/**
 * The socket queue is raised by a privileged init container: asked for, or automatic in
 * injection mode, where Istio's gateway template replaces the pod's sysctls
 * (gateway-injection-template.yaml, securityContext; see test/support/istio-injection.ts).
 */
export const queueByInitContainer = conditionHelper(
  `${CHART_NAME}.queueByInitContainer`,
  "Whether a privileged init container raises the socket queue: asked for, or automatic in injection mode (nginx mode only).",
  and(nginxSource, or(eq(v.kernelQueue.method, "initContainer"), and(eq(v.kernelQueue.method, "auto"), injectionMode, not(openshiftPlatform)))),
);

/** The condition helpers, written together near the top of _helpers.tpl. */
// Stryker disable next-line ArrayDeclaration: the compiler defines every helper a template includes whether or not it is listed here; the list only sets their order in _helpers.tpl, for a reader.
export const conditionHelpers = [injectionMode, istioOperatorMode, nginxSource, envoySource, openshiftPlatform, queueByPodSysctl, queueByInitContainer, forwardsWithOwnCa];
