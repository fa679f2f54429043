import type { IHorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import type { IPodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { and, conditionHelper, defineTemplate, gt, not, or, resource, toYaml, unless, withValue } from "../compiler/index.ts";
import { injectionMode } from "./modes.ts";
import { autoscalingChecks } from "./pod/injection-checks.ts";
import { CHART_NAME, helpers, v } from "./values.ts";
import { resourceMetadata } from "./metadata.ts";

/** What the autoscaler holds: CPU, and memory when asked (the HPA acts on the larger proposal). */
export const autoscalingMetrics = () => [
  { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: v.gateway.autoscaling.targetCPUUtilizationPercentage } } },
  ...withValue(v.gateway.autoscaling.targetMemoryUtilizationPercentage, (target) => [
    { type: "Resource", resource: { name: "memory", target: { type: "Utilization", averageUtilization: target } } },
  ]),
];

export const horizontalPodAutoscaler = defineTemplate(
  "hpa.yaml",
  () =>
    resource<IHorizontalPodAutoscaler>({
      apiVersion: "autoscaling/v2",
      kind: "HorizontalPodAutoscaler",
      metadata: resourceMetadata(helpers.fullname),
      spec: {
        scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: helpers.fullname },
        minReplicas: v.gateway.autoscaling.minReplicas,
        maxReplicas: v.gateway.autoscaling.maxReplicas,
        metrics: autoscalingMetrics(),
        ...withValue(v.gateway.autoscaling.behavior, (behavior) => ({ behavior: toYaml(behavior) })),
      },
    }),
  { when: and(injectionMode, v.gateway.autoscaling.enabled), checks: autoscalingChecks },
);

/** With a single replica a budget would block every node drain, so it needs at least two. */
export const atLeastTwoReplicas = or(
  and(v.gateway.autoscaling.enabled, gt(v.gateway.autoscaling.minReplicas, 1)),
  and(not(v.gateway.autoscaling.enabled), gt(v.gateway.replicaCount, 1)),
);

/**
 * The same, named for conditions. A value printed from and/or needs the expression itself:
 * the helper prints "true" or nothing, and `and` would hand that string on.
 */
export const runsTwoReplicas = conditionHelper(
  `${CHART_NAME}.atLeastTwoReplicas`,
  "Whether the gateway runs at least two pods (autoscaling.minReplicas, or replicaCount without autoscaling), so a PodDisruptionBudget cannot block a node drain.",
  atLeastTwoReplicas,
);

/** minAvailable when set, else maxUnavailable: the API server refuses a budget with both. */
export const disruptionLimit = () => ({
  ...withValue(v.gateway.podDisruptionBudget.minAvailable, (minAvailable) => ({ minAvailable })),
  ...unless(v.gateway.podDisruptionBudget.minAvailable, { maxUnavailable: v.gateway.podDisruptionBudget.maxUnavailable }),
});

export const podDisruptionBudget = defineTemplate(
  "pdb.yaml",
  () =>
    resource<IPodDisruptionBudget>({
      apiVersion: "policy/v1",
      kind: "PodDisruptionBudget",
      metadata: resourceMetadata(helpers.fullname),
      spec: {
        ...disruptionLimit(),
        ...withValue(v.gateway.podDisruptionBudget.unhealthyPodEvictionPolicy, (policy) => ({ unhealthyPodEvictionPolicy: policy })),
        selector: { matchLabels: helpers.selectorLabels.spread() },
      },
    }),
  { when: and(injectionMode, v.gateway.podDisruptionBudget.enabled, runsTwoReplicas) },
);
