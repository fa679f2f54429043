// The workload that runs the gateway pods in gateway.mode injection: a Deployment, or a
// DaemonSet with one pod per node. Both carry the same pod template.
import type { IDaemonSet } from "kubernetes-models/apps/v1/DaemonSet";
import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import { and, conditionHelper, defineTemplate, eq, gt, hasKey, jsonText, lengthOf, ne, regexFindAll, resource, toYaml, unless, when, withValue, type Expr } from "../compiler/index.ts";
import { injectionMode, istioOperatorMode } from "./modes.ts";
import { injectionChecks } from "./pod/injection-checks.ts";
import { openshiftChecks } from "./pod/openshift-checks.ts";
import { podTemplate } from "./pod/template.ts";
import { CHART_NAME, helpers, v } from "./values.ts";
import { resourceMetadata } from "./metadata.ts";

export const deploymentKind = eq(v.gateway.kind, "Deployment");
export const daemonSetKind = eq(v.gateway.kind, "DaemonSet");

const { strategy } = v.gateway;

/** A count or percentage of pods that is zero: 0, "0" is not allowed by the schema, "0%". */
const noPods = (value: Expr<unknown>) => gt(lengthOf(regexFindAll('^"?0%?"?$', jsonText(value))), 0);

/**
 * The rollout: the type, and its pace only for RollingUpdate, since Kubernetes refuses a
 * rollingUpdate beside any other type (apps/validation ValidateDeploymentStrategy,
 * ValidateDaemonSetUpdateStrategy).
 */
export const rolloutStrategy = <Type extends "RollingUpdate" | "Recreate" | "OnDelete">() => ({
  // Narrowed to the kind's types: workloadChecks refuse the other kind's type.
  type: strategy.type as Expr<Type>,
  ...when(eq(strategy.type, "RollingUpdate"), {
    rollingUpdate: { maxSurge: strategy.rollingUpdate.maxSurge, maxUnavailable: strategy.rollingUpdate.maxUnavailable },
  }),
});

/** istio-proxy settings that only the chart's own pod (injection mode) can carry. */
const injectionOnly = (key: string, value: Expr<unknown>) => ({
  when: and(istioOperatorMode, value),
  message: `${key} is set, but gateway.mode is istioOperator: istioctl renders istio-proxy and the chart only patches its pod; remove it or use gateway.mode injection`,
});

/** Workload values that do not fit the kind or mode: each fails the render, naming the keys. */
export const workloadChecks = [
  {
    when: and(v.service.healthCheckNodePort, ne(v.service.externalTrafficPolicy, "Local")),
    message: "service.healthCheckNodePort is set, but service.externalTrafficPolicy is not Local: Kubernetes gives a load balancer a health-check node port only for Local; set service.externalTrafficPolicy Local or remove it",
  },
  {
    when: v.gateway.networkGateway,
    message:
      "gateway.networkGateway is set, but an east-west network gateway passes mTLS through on port 15443 straight to Envoy, which neither nginx nor Envoy's HTTP access log records: install network gateways with the istio/gateway chart and leave gateway.networkGateway empty",
  },
  injectionOnly("gateway.proxyVolumeMounts", v.gateway.proxyVolumeMounts),
  injectionOnly("gateway.proxyLifecycle", v.gateway.proxyLifecycle),
  injectionOnly("gateway.proxyReadinessProbe", v.gateway.proxyReadinessProbe),
  injectionOnly("gateway.proxyImagePullPolicy", v.gateway.proxyImagePullPolicy),
  {
    when: hasKey(v.gateway.podSecurityContext, "fsGroup"),
    message: "gateway.podSecurityContext.fsGroup is set, but the pods' fsGroup is accessLog.socketGroupId, the group that may write the access-log socket; set accessLog.socketGroupId instead",
  },
  {
    when: hasKey(v.gateway.podSecurityContext, "sysctls"),
    message:
      "gateway.podSecurityContext.sysctls is set, but the chart writes the pods' sysctls (kernelQueue) and in gateway.mode injection Istio's gateway template replaces them; put sysctls in istiod's values.gateways.securityContext instead",
  },
  {
    when: and(istioOperatorMode, daemonSetKind),
    message: "gateway.kind is DaemonSet, but gateway.mode is istioOperator: istioctl renders every gateway as a Deployment; use gateway.mode injection for a DaemonSet",
  },
  {
    when: and(daemonSetKind, v.gateway.autoscaling.enabled),
    message: "gateway.autoscaling.enabled is true, but gateway.kind is DaemonSet: a DaemonSet runs one pod per node and a HorizontalPodAutoscaler cannot scale it; set gateway.autoscaling.enabled false",
  },
  {
    when: and(daemonSetKind, v.gateway.podDisruptionBudget.enabled),
    message:
      "gateway.podDisruptionBudget.enabled is true, but gateway.kind is DaemonSet: node drains skip a DaemonSet's pods (kubectl drain --ignore-daemonsets) and the DaemonSet puts them back on the same node, so a budget protects nothing; set gateway.podDisruptionBudget.enabled false",
  },
  {
    when: and(daemonSetKind, eq(strategy.type, "Recreate")),
    message: "gateway.strategy.type is Recreate, which only a Deployment has; a DaemonSet takes RollingUpdate or OnDelete",
  },
  {
    when: and(ne(v.gateway.kind, "DaemonSet"), eq(strategy.type, "OnDelete")),
    message: "gateway.strategy.type is OnDelete, which only a DaemonSet has (gateway.kind DaemonSet); a Deployment takes RollingUpdate or Recreate",
  },
  {
    when: conditionHelper(
      `${CHART_NAME}.rollingUpdateMovesNoPod`,
      "Whether the rolling update may neither add nor remove a pod (maxSurge and maxUnavailable both 0).",
      and(eq(strategy.type, "RollingUpdate"), noPods(strategy.rollingUpdate.maxSurge), noPods(strategy.rollingUpdate.maxUnavailable)),
    ),
    message: "gateway.strategy.rollingUpdate.maxSurge and maxUnavailable are both 0, so a rollout could never replace a pod (Kubernetes refuses it); raise one of them",
  },
];

export const deployment = defineTemplate(
  "deployment.yaml",
  () =>
    resource<IDeployment>({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: resourceMetadata(helpers.fullname),
      spec: {
        ...unless(v.gateway.autoscaling.enabled, { replicas: v.gateway.replicaCount }),
        selector: { matchLabels: helpers.selectorLabels.spread() },
        strategy: rolloutStrategy<"RollingUpdate" | "Recreate">(),
        ...withValue(v.gateway.minReadySeconds, (seconds) => ({ minReadySeconds: seconds })),
        template: podTemplate(),
      },
    }),
  // Checks run whether or not the template renders: these cover the DaemonSet too.
  { when: and(injectionMode, deploymentKind), checks: [...openshiftChecks, ...injectionChecks, ...workloadChecks] },
);

export const daemonSet = defineTemplate(
  "daemonset.yaml",
  () =>
    resource<IDaemonSet>({
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      metadata: resourceMetadata(helpers.fullname),
      spec: {
        selector: { matchLabels: helpers.selectorLabels.spread() },
        updateStrategy: rolloutStrategy<"RollingUpdate" | "OnDelete">(),
        ...withValue(v.gateway.minReadySeconds, (seconds) => ({ minReadySeconds: seconds })),
        template: podTemplate(),
      },
    }),
  // The checks run in every mode and kind from deployment.yaml.
  { when: and(injectionMode, daemonSetKind) },
);
