// Value combinations that render a pod Istio's gateway injection cannot start, or that an
// autoscaler cannot scale: each fails the render, saying why and what to set. The injection
// rules they follow are modelled, with their sources, in test/support/istio-injection.ts.
import { and, conditionHelper, gt, hasKey, jsonText, lengthOf, not, regexFindAll, type Expr } from "../../compiler/index.ts";
import { injectionMode, nginxSource, queueByPodSysctl } from "../modes.ts";
import { CHART_NAME, v } from "../values.ts";

type Resources = typeof v.nginx.resources;

/**
 * Whether a container the pod runs has no requests.<name>, as a named helper. Resources are
 * free-form maps, which definitions do not index into; their toJson has scalar values only,
 * so the requests object has no braces inside and one pattern finds the key in it.
 */
const lacksRequest = (name: "cpu" | "memory", container: string, key: string, resources: Resources, ...present: Expr<unknown>[]) =>
  conditionHelper(
    // Stryker disable next-line StringLiteral: only the helper's name, which named-helpers.test.ts checks is well-formed and unique.
    `${CHART_NAME}.${container}Lacks${name === "cpu" ? "Cpu" : "Memory"}Request`,
    `Whether ${key} has no requests.${name}${present.length > 0 ? ` while ${container} runs` : ""}.`,
    // `and` of one condition is that condition; without the wrapper the helper reads plainly.
    // Stryker disable next-line ConditionalExpression,EqualityOperator: the same condition either way, as said.
    present.length > 0 ? and(...present, lacks(name, resources)) : lacks(name, resources),
  );

const lacks = (name: "cpu" | "memory", resources: Resources) => not(gt(lengthOf(regexFindAll(`"requests":\\{[^{}]*"${name}":`, jsonText(resources))), 0));

/** Checks of the Deployment Istio injects (gateway.mode injection). */
export const injectionChecks = [
  {
    when: and(injectionMode, queueByPodSysctl, not(v.kernelQueue.podSysctlSurvivesInjection)),
    message:
      "kernelQueue.method is podSysctl, but in gateway.mode injection Istio's gateway injection template replaces the pod's sysctls (with istiod's values.gateways.securityContext, or only net.ipv4.ip_unprivileged_port_start), so net.unix.max_dgram_qlen would stay at 10 and nginx's startup check would fail: use kernelQueue.method auto or initContainer, or put the sysctl in istiod's values.gateways.securityContext (it applies to every gateway of the mesh) and set kernelQueue.podSysctlSurvivesInjection true",
  },
  {
    when: and(injectionMode, hasKey(v.gateway.podAnnotations, "sidecar.istio.io/rewriteAppHTTPProbers")),
    message:
      "gateway.podAnnotations sets sidecar.istio.io/rewriteAppHTTPProbers, which the chart sets to \"false\": with the rewrite, fluent-bit's startup probe would wait for istio-proxy, which the kubelet starts only after that probe passes; remove the annotation",
  },
];

const scalesOnMemory = conditionHelper(
  `${CHART_NAME}.scalesOnMemory`,
  "Whether the HorizontalPodAutoscaler scales on memory as well as CPU.",
  and(v.gateway.autoscaling.enabled, v.gateway.autoscaling.targetMemoryUtilizationPercentage),
);

/**
 * The HPA sums a resource's requests over the regular containers and native sidecars and
 * gives up on a pod where one has none (kubernetes pkg/controller/podautoscaler/
 * replica_calculator.go, calculatePodRequests: "missing request for cpu in container …"), for
 * memory as for CPU. In either install mode.
 */
const requestForAutoscaling = (name: "cpu" | "memory", container: string, key: string, resources: Resources, ...present: Expr<unknown>[]) => ({
  when: and(name === "memory" ? scalesOnMemory : v.gateway.autoscaling.enabled, lacksRequest(name, container, key, resources, ...present)),
  message:
    name === "cpu"
      ? `gateway.autoscaling.enabled scales on CPU, but ${key} has no requests.cpu: the HorizontalPodAutoscaler cannot compute utilisation for a pod with a container without a CPU request; set ${key}.requests.cpu`
      : `gateway.autoscaling.targetMemoryUtilizationPercentage is set, but ${key} has no requests.memory: the HorizontalPodAutoscaler cannot compute utilisation for a pod with a container without a memory request; set ${key}.requests.memory`,
});

export const autoscalingChecks = (["cpu", "memory"] as const).flatMap((name) => [
  requestForAutoscaling(name, "proxy", "gateway.proxyResources", v.gateway.proxyResources),
  requestForAutoscaling(name, "fluentBit", "fluentBit.resources", v.fluentBit.resources),
  requestForAutoscaling(name, "nginx", "nginx.resources", v.nginx.resources, nginxSource),
]);
