// The gateway Deployment and the pod around the sidecars.
import { z } from "zod";
import { freeForm, freeFormList, labelValue, port, resources, stringMap } from "./common.ts";

/** A count of pods or a percentage of the desired count, as Kubernetes' IntOrString fields take it. */
const podCountOrPercent = (least: number) => z.union([z.number().int().min(least).max(1000), z.string().regex(/^(100|[1-9]?[0-9])%$/)]);

export const gateway = z
  .object({
    mode: z
      .enum(["injection", "istioOperator"])
      .default("injection")
      .describe("How the gateway is installed. injection: this chart renders the Deployment, Service, HPA and PDB, and Istio injects Envoy (like the istio/gateway chart). istioOperator: the chart renders an IstioOperator for `istioctl install` whose overlays add the same sidecars, plus the ConfigMaps; istioctl then owns the Deployment, Service, ServiceAccount, HPA and PDB (see istioOperator)."),
    kind: z
      .enum(["Deployment", "DaemonSet"])
      .default("Deployment")
      .describe("Workload of the gateway pods (gateway.mode injection). DaemonSet: one pod on every node the scheduling values allow, each writing that node's day files under accessLog.output.hostPath; replicas, autoscaling and the disruption budget do not apply to it and are refused."),
    selectorLabels: z
      .record(z.string(), labelValue)
      .default({})
      .describe("Labels Istio Gateway resources select this gateway by (Gateway.spec.selector), put on the pods and the Service. In injection mode the chart adds `istio: <release name without \"istio-\">`, as the official istio/gateway chart does, unless `istio` is set here; `istio: ingressgateway` would also bind the Gateways of the cluster's stock gateway to this one. The Deployment and Service select pods by the chart's own labels, so changing these orphans nothing."),
    revision: z.string().regex(/^([a-z0-9]([-a-z0-9]*[a-z0-9])?)?$/).default("").describe("Istio control-plane revision to inject from (istio.io/rev); empty for the default revision."),
    replicaCount: z.number().int().min(0).max(1000).default(2).describe("Replicas when autoscaling is off."),
    autoscaling: z
      .object({
        enabled: z.boolean().default(false).describe("Scale on CPU with a HorizontalPodAutoscaler."),
        minReplicas: z.number().int().min(1).max(1000).default(2).describe("Fewest replicas."),
        maxReplicas: z.number().int().min(1).max(1000).default(10).describe("Most replicas."),
        targetCPUUtilizationPercentage: z.number().int().min(1).max(100).default(70).describe("Average CPU utilisation (of requests) to hold."),
        targetMemoryUtilizationPercentage: z
          .number()
          .int()
          .min(1)
          .max(100)
          .optional()
          .describe("Average memory utilisation (of requests) to hold as well; unset for CPU only. Every container then needs a memory request."),
        behavior: freeForm.default({}).describe("Scale-up and scale-down behaviour of the HorizontalPodAutoscaler (spec.behavior: stabilizationWindowSeconds, policies), passed through."),
      })
      .strict()
      .prefault({})
      .describe("Horizontal pod autoscaling."),
    podDisruptionBudget: z
      .object({
        enabled: z.boolean().default(true).describe("Render a PodDisruptionBudget, but only when at least 2 replicas run (with 1 it would block node drains)."),
        maxUnavailable: podCountOrPercent(1).default(1).describe("Pods a voluntary disruption may take down at once (a number or a percentage)."),
        minAvailable: podCountOrPercent(1)
          .optional()
          .describe("Pods that must stay available instead (a number or a percentage); when set it replaces maxUnavailable, since a budget takes only one of them."),
        unhealthyPodEvictionPolicy: z
          .enum(["IfHealthyBudget", "AlwaysAllow"])
          .optional()
          .describe("Whether pods that are running but not ready may be evicted regardless of the budget (AlwaysAllow) or only while the budget holds (IfHealthyBudget); unset for the cluster's default."),
      })
      .strict()
      .prefault({})
      .describe("Disruption budget for node drains and upgrades."),
    strategy: z
      .object({
        type: z
          .enum(["RollingUpdate", "Recreate", "OnDelete"])
          .default("RollingUpdate")
          .describe("RollingUpdate replaces pods a few at a time; Recreate (Deployment only) stops every pod before starting new ones; OnDelete (DaemonSet only) replaces a pod only when it is deleted."),
        rollingUpdate: z
          .object({
            maxSurge: podCountOrPercent(0).default(1).describe("Pods started above the desired count during a rollout (a number or a percentage)."),
            maxUnavailable: podCountOrPercent(0)
              .default(0)
              .describe("Pods that may be unavailable during a rollout. The default 0 keeps the gateway's capacity, and so the access log's, from dipping: a new pod is ready before an old one stops."),
          })
          .strict()
          .prefault({})
          .describe("Pace of a RollingUpdate (rendered only for that type)."),
      })
      .strict()
      .prefault({})
      .describe("How pods are replaced on an upgrade: the Deployment's strategy, or the DaemonSet's updateStrategy."),
    minReadySeconds: z.number().int().min(0).max(3600).default(0).describe("Seconds a new pod must stay ready before it counts as available and a rollout moves on; 0 for none."),
    terminationGracePeriodSeconds: z
      .number()
      .int()
      .min(10)
      .max(3600)
      .default(60)
      .describe("Time the pod gets to stop: nginx's preStop sleep and drain, then fluent-bit's grace, must fit in it."),
    drainSeconds: z.number().int().min(1).max(3600).default(30).describe("Istio's terminationDrainDuration: bounds Envoy's drain only if gateway.proxyEnv turns EXIT_ON_ZERO_ACTIVE_CONNECTIONS off (the chart turns it on: Envoy then exits once its clients' connections are gone). Also how long fluent-bit as a regular container keeps reading after the pod starts terminating (Kubernetes 1.30+)."),
    numTrustedProxies: z
      .number()
      .int()
      .min(0)
      .max(10)
      .default(0)
      .describe("Proxies in front of the gateway pods (load balancers that append to X-Forwarded-For) whose X-Forwarded-For Envoy trusts. With accessLog.source nginx the chart adds one for nginx itself (Istio gatewayTopology.numTrustedProxies)."),
    proxyResources: resources(
      { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "2000m", memory: "1024Mi" } },
      "Resources of the istio-proxy container, as the official istio/gateway chart's `resources`. Istio's gateway injection template sets none, and a HorizontalPodAutoscaler on CPU needs a CPU request in every container. Helm merges an override into these defaults key by key: set a key to null to drop it.",
    ),
    proxySecurityContext: freeForm
      .default({ allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] }, privileged: false, readOnlyRootFilesystem: true, runAsNonRoot: true })
      .describe(
        "securityContext of the istio-proxy container (injection mode), as the official istio/gateway chart's `containerSecurityContext`. Istio's gateway injection template adds only runAsUser and runAsGroup (the proxy's 1337, or the namespace's range on OpenShift); these keys are merged over them. Helm merges an override into these defaults key by key: set a key to null to drop it.",
      ),
    proxyEnv: stringMap.default({}).describe("Extra environment variables of istio-proxy, name → value (the official istio/gateway chart's `env`)."),
    proxyEnvFrom: z
      .array(z.object({ name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/).describe("Variable name."), valueFrom: freeForm.describe("Its source: secretKeyRef, configMapKeyRef, fieldRef or resourceFieldRef.") }).strict())
      .default([])
      .describe("Environment variables of istio-proxy taken from Secrets, ConfigMaps or the pod (the official chart's `envVarFrom`)."),
    proxyVolumeMounts: freeFormList.default([]).describe("Extra volume mounts of istio-proxy, of volumes in gateway.extraVolumes (gateway.mode injection)."),
    proxyLifecycle: freeForm.default({}).describe("Lifecycle hooks of istio-proxy (gateway.mode injection). Istio's drain (gateway.drainSeconds, EXIT_ON_ZERO_ACTIVE_CONNECTIONS) already stops Envoy after nginx; a preStop hook here delays that."),
    proxyReadinessProbe: freeForm.default({}).describe("readinessProbe of istio-proxy, merged key by key over the one Istio's template writes (httpGet /healthz/ready on gateway.statusPort, its thresholds): keep the httpGet handler, since a second handler beside Istio's makes the probe invalid; empty for Istio's (gateway.mode injection)."),
    proxyImagePullPolicy: z.enum(["", "IfNotPresent", "Always", "Never"]).default("").describe("Pull policy of istio-proxy's image; empty for Kubernetes' default (gateway.mode injection)."),
    podSecurityContext: freeForm
      .default({})
      .describe("Extra keys of the pods' securityContext (the official chart's `securityContext`), e.g. supplementalGroups or runAsNonRoot. fsGroup is accessLog.socketGroupId and sysctls come from kernelQueue, so those two keys are refused; seccompProfile stays RuntimeDefault."),
    networkGateway: z
      .string()
      .default("")
      .describe("The official istio/gateway chart's east-west network gateway: refused here when set, since such a gateway passes mTLS through on 15443 straight to Envoy, which neither nginx nor Envoy's HTTP access log records; install one with the istio/gateway chart."),
    dnsPolicy: z.enum(["", "ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"]).default("").describe("DNS policy of the pods; empty for Kubernetes' default (ClusterFirst)."),
    dnsConfig: freeForm.default({}).describe("DNS settings of the pods (nameservers, searches, options), e.g. options ndots 2 to spare upstream lookups."),
    podAnnotations: stringMap.default({}).describe("Extra annotations of the gateway pods. A key the chart writes itself in any mode (the config checksums, proxy.istio.io/config, kubectl.kubernetes.io/default-container, …) keeps the chart's value and the user's is dropped; sidecar.istio.io/rewriteAppHTTPProbers fails the render in gateway.mode injection."),
    podLabels: z.record(z.string(), labelValue).default({}).describe("Extra labels of the gateway pods. A label the chart writes itself (the selector labels, sidecar.istio.io/inject, istio.io/rev: set gateway.revision) keeps the chart's value and the user's is dropped."),
    nodeSelector: stringMap.default({}).describe("Node labels the pods must run on."),
    tolerations: freeFormList.default([]).describe("Tolerations of the pods (https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/)."),
    affinity: freeForm.default({}).describe("Affinity of the pods (https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#affinity-and-anti-affinity)."),
    topologySpreadConstraints: freeFormList.default([]).describe("Topology spread constraints, e.g. across zones; labelSelector defaults to nothing, so set it to the selector labels."),
    priorityClassName: z.string().regex(/^([a-z0-9]([-a-z0-9.]*[a-z0-9])?)?$/).default("").describe("PriorityClass of the pods; empty for none."),
    imagePullSecrets: z.array(z.object({ name: z.string().min(1) }).strict()).default([]).describe("Secrets for pulling images."),
    serviceAccount: z
      .object({
        create: z.boolean().default(true).describe("Create the ServiceAccount (injection mode; istioctl creates <name>-service-account itself)."),
        name: z.string().regex(/^([a-z0-9]([-a-z0-9.]*[a-z0-9])?)?$/).default("").describe("Name of the ServiceAccount; empty for the release's full name."),
        annotations: stringMap.default({}).describe("Annotations of the ServiceAccount (e.g. cloud IAM roles)."),
      })
      .strict()
      .prefault({})
      .describe("The pods' ServiceAccount."),
    rbac: z
      .object({
        enabled: z.boolean().default(true).describe("Let the gateway read TLS Secrets in its namespace (Istio SDS), as the official gateway chart does (injection mode; istioctl renders its own)."),
      })
      .strict()
      .prefault({})
      .describe("Role and RoleBinding for gateway Secrets."),
    extraVolumes: freeFormList.default([]).describe("Extra pod volumes."),
    extraContainers: freeFormList.default([]).describe("Extra containers in the pod."),
    extraInitContainers: freeFormList.default([]).describe("Extra init containers, run before the sidecars."),
    statusPort: port.default(15021).describe("Envoy's status port (/healthz/ready) that load balancers health-check."),
  })
  .strict()
  .prefault({})
  .describe("The gateway Deployment and its pods.");
