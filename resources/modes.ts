// Which of the chart's installation modes the values select.
import { eq, ifElse } from "../compiler/index.ts";
import { helpers, v } from "./values.ts";

/** The chart renders the gateway Deployment itself and Istio injects Envoy. */
export const injectionMode = eq(v.gateway.mode, "injection");
/** The chart renders an IstioOperator for istioctl, which renders the Deployment. */
export const istioOperatorMode = eq(v.gateway.mode, "istioOperator");

/** nginx in front of Envoy writes the access log to a unix socket (the default). */
export const nginxSource = eq(v.accessLog.source, "nginx");
/** No nginx: Envoy's fluentd access logger streams each request to fluent-bit. */
export const envoySource = eq(v.accessLog.source, "envoy");

/** The labels istioctl puts on its gateway's pods besides gateway.selectorLabels (the component's label). */
export const istioctlPodLabels = () => ({ app: helpers.fullname });

/** Labels that select this gateway's pods, and only them, in either install mode. */
export const gatewayPodSelector = () => ifElse(istioOperatorMode, istioctlPodLabels(), { ...helpers.selectorLabels.spread() });
