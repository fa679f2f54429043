// The official istio/gateway chart's values (istio/istio manifests/charts/gateway: what its
// templates read in 1.28, 1.30 and master, test/chart/official-values.test.ts) and where each
// lives in this chart: one table, rendered into chart/README.md and checked against this
// chart's values schema by test/chart/official-values.test.ts, so neither side can drift.

export interface OfficialValue {
  /** The key in the official chart's values. */
  readonly official: string;
  /** This chart's key, or null where the chart has none. */
  readonly ours: string | null;
  readonly note?: string;
}

export const OFFICIAL_GATEWAY_VALUES: readonly OfficialValue[] = [
  { official: "name", ours: "fullnameOverride" },
  { official: "revision", ours: "gateway.revision" },
  { official: "replicaCount", ours: "gateway.replicaCount", note: "default 2, not unset: one pod would leave no log capacity during a node drain" },
  { official: "kind", ours: "gateway.kind" },
  { official: "rbac.enabled", ours: "gateway.rbac.enabled" },
  { official: "serviceAccount.create", ours: "gateway.serviceAccount.create" },
  { official: "serviceAccount.annotations", ours: "gateway.serviceAccount.annotations" },
  { official: "serviceAccount.name", ours: "gateway.serviceAccount.name" },
  { official: "podAnnotations", ours: "gateway.podAnnotations", note: "Istio's injection annotations are the chart's own" },
  { official: "securityContext", ours: "gateway.podSecurityContext", note: "fsGroup (accessLog.socketGroupId) and sysctls (kernelQueue) are the chart's" },
  { official: "containerSecurityContext", ours: "gateway.proxySecurityContext" },
  { official: "service.type", ours: "service.type" },
  { official: "service.clusterIP", ours: "service.clusterIP" },
  { official: "service.selectorLabels", ours: "service.selectorLabels" },
  { official: "service.ports", ours: "service.ports", note: "traffic ports target nginx (nginx.listenPort); HTTPS at nginx adds its own port" },
  { official: "service.annotations", ours: "service.annotations" },
  { official: "service.loadBalancerIP", ours: "service.loadBalancerIP" },
  { official: "service.loadBalancerSourceRanges", ours: "service.loadBalancerSourceRanges" },
  { official: "service.externalTrafficPolicy", ours: "service.externalTrafficPolicy" },
  { official: "service.internalTrafficPolicy", ours: "service.internalTrafficPolicy" },
  { official: "service.healthCheckNodePort", ours: "service.healthCheckNodePort", note: "LoadBalancer with externalTrafficPolicy Local only, checked" },
  { official: "service.externalIPs", ours: "service.externalIPs" },
  { official: "service.ipFamilyPolicy", ours: "service.ipFamilyPolicy" },
  { official: "service.ipFamilies", ours: "service.ipFamilies" },
  { official: "service.allocateLoadBalancerNodePorts", ours: "service.allocateLoadBalancerNodePorts" },
  { official: "service.loadBalancerClass", ours: "service.loadBalancerClass" },
  { official: "resources", ours: "gateway.proxyResources", note: "nginx.resources and fluentBit.resources size the sidecars" },
  { official: "autoscaling.enabled", ours: "gateway.autoscaling.enabled", note: "default false: replicas are set by gateway.replicaCount" },
  { official: "autoscaling.minReplicas", ours: "gateway.autoscaling.minReplicas", note: "default 2 (official: 1), as gateway.replicaCount: one pod leaves no log capacity during a drain" },
  { official: "autoscaling.maxReplicas", ours: "gateway.autoscaling.maxReplicas", note: "default 10 (official: 5)" },
  { official: "autoscaling.targetCPUUtilizationPercentage", ours: "gateway.autoscaling.targetCPUUtilizationPercentage", note: "default 70 (official: 80)" },
  { official: "autoscaling.targetMemoryUtilizationPercentage", ours: "gateway.autoscaling.targetMemoryUtilizationPercentage" },
  { official: "autoscaling.autoscaleBehavior", ours: "gateway.autoscaling.behavior" },
  { official: "env", ours: "gateway.proxyEnv" },
  { official: "envVarFrom", ours: "gateway.proxyEnvFrom" },
  { official: "strategy", ours: "gateway.strategy", note: "type and rollingUpdate, checked against gateway.kind" },
  { official: "minReadySeconds", ours: "gateway.minReadySeconds" },
  { official: "readinessProbe", ours: "gateway.proxyReadinessProbe" },
  { official: "labels", ours: "commonLabels" },
  { official: "annotations", ours: "commonAnnotations" },
  { official: "nodeSelector", ours: "gateway.nodeSelector" },
  { official: "tolerations", ours: "gateway.tolerations" },
  { official: "topologySpreadConstraints", ours: "gateway.topologySpreadConstraints" },
  { official: "affinity", ours: "gateway.affinity" },
  {
    official: "networkGateway",
    ours: "gateway.networkGateway",
    note: "refused: an east-west gateway passes mTLS through on 15443 straight to Envoy, which neither nginx nor Envoy's HTTP access log records",
  },
  { official: "networkGatewayPorts", ours: null, note: "see networkGateway" },
  { official: "imagePullPolicy", ours: "gateway.proxyImagePullPolicy" },
  { official: "imagePullSecrets", ours: "gateway.imagePullSecrets" },
  { official: "podDisruptionBudget", ours: "gateway.podDisruptionBudget", note: "default enabled, maxUnavailable 1 (official: none); rendered only when 2 or more replicas run" },
  { official: "dnsPolicy", ours: "gateway.dnsPolicy" },
  { official: "dnsConfig", ours: "gateway.dnsConfig" },
  { official: "terminationGracePeriodSeconds", ours: "gateway.terminationGracePeriodSeconds", note: "default 60: nginx's drain and fluent-bit's flush must fit" },
  { official: "volumes", ours: "gateway.extraVolumes" },
  { official: "volumeMounts", ours: "gateway.proxyVolumeMounts" },
  { official: "initContainers", ours: "gateway.extraInitContainers" },
  { official: "additionalContainers", ours: "gateway.extraContainers" },
  { official: "priorityClassName", ours: "gateway.priorityClassName" },
  { official: "lifecycle", ours: "gateway.proxyLifecycle" },
  { official: "global.networkPolicy.enabled", ours: "networkPolicy.enabled" },
  { official: "platform (profile openshift)", ours: "platform", note: "openshift: no fixed users, groups or fsGroup; an SCC (restricted-v2 plus hostPath) and its grant, openshift.securityContextConstraints" },
];
