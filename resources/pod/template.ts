// The gateway pod: labels and annotations for Istio's gateway injection, the sidecars
// in their start order, and the pod-level security settings.
import type { IPodTemplateSpec } from "kubernetes-models/v1/PodTemplateSpec";
import {
  add, and, capabilities, checksumOf, gt, ifElse, jsonObject, lookup, conditionHelper, eq, mergeMaps, or, resource, spreadItems, spreadYaml, textHelper, toYaml, tpl, unless, when, withValue,
  type Expr, type Templated,
} from "../../compiler/index.ts";
import { envoySource, gatewaySelectorLabels, nginxSource, openshiftPlatform, queueByInitContainer, queueByPodSysctl } from "../modes.ts";
import { CHART_NAME, helpers, v } from "../values.ts";
import { fluentBitContainer, fluentBitNativeSidecar, ISTIO_MINIMUM_DRAIN_SECONDS, istioProxyContainer, NGINX_CONTAINER, nginxContainer, prepareLogDirContainer, sysctlInitContainer } from "./containers.ts";
import { podVolumes } from "./volumes.ts";

/** fluent-bit runs as a native sidecar: asked for, or automatic on Kubernetes 1.29+. */
export const nativeSidecar: Expr<boolean> = conditionHelper(
  `${CHART_NAME}.fluentBitNativeSidecar`,
  "Whether fluent-bit runs as a native sidecar (init container with restartPolicy Always): asked for, or automatic on Kubernetes 1.29+.",
  or(eq(v.fluentBit.nativeSidecar, "always"), and(eq(v.fluentBit.nativeSidecar, "auto"), capabilities.kubeVersionAtLeast(1, 29))),
);

/** The mesh's drainDuration unless istiod's meshConfig changes it (istio pkg/config/mesh/mesh.go). */
const ISTIO_DRAIN_SECONDS = 45;

/**
 * Istio's proxy config for this gateway: how many X-Forwarded-For hops to trust (nginx is
 * one more when it fronts Envoy), drain before exit, and in Envoy mode the fluentd logger's
 * stats (entries_lost …), which Istio's stats filter would otherwise drop.
 *
 * drainDuration is how long Envoy keeps accepting connections once the pod stops (Envoy's
 * --drain-time-s after pilot-agent's drain_listeners?graceful). nginx accepts requests for
 * its whole preStop sleep and then hands the last ones to Envoy, so a sleep the mesh's 45 s
 * do not cover gets a drain of its own; a shorter one keeps the mesh's, which also governs
 * how long connections to a listener replaced by a config change are left to finish.
 */
const proxyConfig = textHelper(
  `${CHART_NAME}.proxyConfig`,
  "Istio's proxy config for the gateway pods (the proxy.istio.io/config annotation), as JSON.",
  jsonObject({
    gatewayTopology: { numTrustedProxies: add(v.gateway.numTrustedProxies, lookup({ nginx: 1, envoy: 0 }, v.accessLog.source)) },
    terminationDrainDuration: tpl`${v.gateway.drainSeconds}s`,
    ...when(and(nginxSource, gt(v.nginx.preStopSleepSeconds, ISTIO_DRAIN_SECONDS - ISTIO_MINIMUM_DRAIN_SECONDS)), {
      drainDuration: tpl`${add(v.nginx.preStopSleepSeconds, ISTIO_MINIMUM_DRAIN_SECONDS)}s`,
    }),
    ...when(envoySource, { proxyStatsMatcher: { inclusionPrefixes: ["access_logs.fluentd"] } }),
  }),
);

/** Annotations every gateway pod carries, in either install mode. */
export const accessLogPodAnnotations = () => ({
  "proxy.istio.io/config": proxyConfig,
  // The access log's writer is what `kubectl logs`/`exec` should pick by default. Istio's
  // gateway template names the first container for each unless the pod does
  // (gateway-injection-template.yaml): without Kubernetes 1.29 that is fluent-bit.
  "kubectl.kubernetes.io/default-container": ifElse(nginxSource, NGINX_CONTAINER, "istio-proxy"),
  "kubectl.kubernetes.io/default-logs-container": ifElse(nginxSource, NGINX_CONTAINER, "istio-proxy"),
  ...when(nginxSource, { "checksum/nginx-config": checksumOf("nginx-configmap.yaml") }),
  ...when(envoySource, { "checksum/envoy-bootstrap": checksumOf("envoy-bootstrap-configmap.yaml") }),
  "checksum/fluent-bit-config": checksumOf("fluent-bit-configmap.yaml"),
});

/** The pod-level security settings the sidecars depend on. */
export const podSecurityContext = () => ({
  // The socket's emptyDir takes this group and every container gets it. OpenShift assigns
  // the fsGroup from the namespace's range itself (restricted SCCs: fsGroup MustRunAs).
  ...unless(openshiftPlatform, { fsGroup: v.accessLog.socketGroupId }),
  seccompProfile: { type: "RuntimeDefault" as const },
  ...when(queueByPodSysctl, {
    sysctls: [{ name: "net.unix.max_dgram_qlen", value: tpl`${v.kernelQueue.maxDgramQlen}` }],
  }),
  // The user's keys; fsGroup and sysctls are refused (workloadChecks), seccompProfile stays the chart's.
  ...spreadYaml(v.gateway.podSecurityContext),
});

/** Whether the pod has init containers at all (an empty list must not be written). */
export const hasInitContainers = or(queueByInitContainer, v.accessLog.output.prepareHostPath, nativeSidecar, v.gateway.extraInitContainers);

/** Init containers in start order: the queue, the node directory, the user's, then fluent-bit. */
export const podInitContainers = () => [
  ...when(queueByInitContainer, [sysctlInitContainer()]),
  ...when(v.accessLog.output.prepareHostPath, [prepareLogDirContainer()]),
  ...spreadItems(v.gateway.extraInitContainers),
  ...when(nativeSidecar, [fluentBitNativeSidecar()]),
];

export const podTemplate = (): Templated<IPodTemplateSpec> =>
  resource<IPodTemplateSpec>({
    metadata: {
      annotations: {
        "inject.istio.io/templates": "gateway",
        // Istio rewrites the HTTP probes of every container, init containers included, to
        // pilot-agent in istio-proxy (pkg/kube/inject/app_probe.go patchRewriteProbe). fluent-bit's
        // native-sidecar startup probe would then wait for istio-proxy, which the kubelet starts
        // only after that probe passed: a deadlock. A gateway captures no inbound traffic, so the
        // kubelet reaches every probe port directly without the rewrite.
        "sidecar.istio.io/rewriteAppHTTPProbers": "false",
        ...accessLogPodAnnotations(),
        ...spreadYaml(v.gateway.podAnnotations),
      },
      labels: {
        ...helpers.selectorLabels.spread(),
        "sidecar.istio.io/inject": "true",
        // Maps that may share a key: merged, the gateway's selector labels winning, commonLabels last.
        ...spreadYaml(mergeMaps(gatewaySelectorLabels(), v.gateway.podLabels, v.commonLabels)),
        // Only when set: Istio's default injector selects pods without an istio.io/rev label.
        ...withValue(v.gateway.revision, (revision) => ({ "istio.io/rev": revision })),
      },
    },
    spec: {
      serviceAccountName: helpers.serviceAccountName,
      terminationGracePeriodSeconds: v.gateway.terminationGracePeriodSeconds,
      securityContext: podSecurityContext(),
      ...when(hasInitContainers, { initContainers: podInitContainers() }),
      containers: [
        ...unless(nativeSidecar, [fluentBitContainer()]),
        ...when(nginxSource, [nginxContainer()]),
        istioProxyContainer(),
        ...spreadItems(v.gateway.extraContainers),
      ],
      volumes: podVolumes(),
      ...withValue(v.gateway.imagePullSecrets, (secrets) => ({ imagePullSecrets: toYaml(secrets) })),
      ...withValue(v.gateway.priorityClassName, (name) => ({ priorityClassName: name })),
      // withValue renders only a non-empty policy, which the enum's other members are.
      ...withValue(v.gateway.dnsPolicy, (policy) => ({ dnsPolicy: policy as Expr<"ClusterFirst" | "ClusterFirstWithHostNet" | "Default" | "None"> })),
      ...withValue(v.gateway.dnsConfig, (config) => ({ dnsConfig: toYaml(config) })),
      ...withValue(v.gateway.nodeSelector, (selector) => ({ nodeSelector: toYaml(selector) })),
      ...withValue(v.gateway.affinity, (affinity) => ({ affinity: toYaml(affinity) })),
      ...withValue(v.gateway.tolerations, (tolerations) => ({ tolerations: toYaml(tolerations) })),
      ...withValue(v.gateway.topologySpreadConstraints, (constraints) => ({ topologySpreadConstraints: toYaml(constraints) })),
    },
  });
