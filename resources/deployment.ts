import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import type { IDeploymentStrategy } from "kubernetes-models/apps/v1/DeploymentStrategy";
import { defineTemplate, release, resource, unless } from "../compiler/index.ts";
import { injectionMode } from "./modes.ts";
import { injectionChecks } from "./pod/injection-checks.ts";
import { podTemplate } from "./pod/template.ts";
import { helpers, v } from "./values.ts";

/** One new pod at a time and never fewer ready: log capacity must not dip in a rollout. */
export const ROLLOUT_STRATEGY: IDeploymentStrategy = { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } };

export const deployment = defineTemplate(
  "deployment.yaml",
  () =>
    resource<IDeployment>({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: helpers.fullname, namespace: release.namespace, labels: helpers.labels.spread() },
      spec: {
        ...unless(v.gateway.autoscaling.enabled, { replicas: v.gateway.replicaCount }),
        selector: { matchLabels: helpers.selectorLabels.spread() },
        strategy: ROLLOUT_STRATEGY,
        template: podTemplate(),
      },
    }),
  { when: injectionMode, checks: injectionChecks },
);
