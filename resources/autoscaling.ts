import type { IHorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import type { IPodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { and, defineTemplate, gt, not, or, release, resource } from "../compiler/index.ts";
import { injectionMode } from "./modes.ts";
import { autoscalingChecks } from "./pod/injection-checks.ts";
import { helpers, v } from "./values.ts";

export const horizontalPodAutoscaler = defineTemplate(
  "hpa.yaml",
  () =>
    resource<IHorizontalPodAutoscaler>({
      apiVersion: "autoscaling/v2",
      kind: "HorizontalPodAutoscaler",
      metadata: { name: helpers.fullname, namespace: release.namespace, labels: helpers.labels.spread() },
      spec: {
        scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: helpers.fullname },
        minReplicas: v.gateway.autoscaling.minReplicas,
        maxReplicas: v.gateway.autoscaling.maxReplicas,
        metrics: [
          {
            type: "Resource",
            resource: { name: "cpu", target: { type: "Utilization", averageUtilization: v.gateway.autoscaling.targetCPUUtilizationPercentage } },
          },
        ],
      },
    }),
  { when: and(injectionMode, v.gateway.autoscaling.enabled), checks: autoscalingChecks },
);

/** With a single replica a budget would block every node drain, so it needs at least two. */
export const atLeastTwoReplicas = or(
  and(v.gateway.autoscaling.enabled, gt(v.gateway.autoscaling.minReplicas, 1)),
  and(not(v.gateway.autoscaling.enabled), gt(v.gateway.replicaCount, 1)),
);

export const podDisruptionBudget = defineTemplate(
  "pdb.yaml",
  () =>
    resource<IPodDisruptionBudget>({
      apiVersion: "policy/v1",
      kind: "PodDisruptionBudget",
      metadata: { name: helpers.fullname, namespace: release.namespace, labels: helpers.labels.spread() },
      spec: {
        maxUnavailable: v.gateway.podDisruptionBudget.maxUnavailable,
        selector: { matchLabels: helpers.selectorLabels.spread() },
      },
    }),
  { when: and(injectionMode, v.gateway.podDisruptionBudget.enabled, atLeastTwoReplicas) },
);
