// gateway.mode istioOperator: an IstioOperator for `istioctl install` that installs this
// gateway (profile empty: nothing else) with the access-log sidecars as overlays. Service
// ports, replicas, autoscaling, disruption budget, proxy resources and scheduling go to the
// component's own k8s fields, which istioctl applies as strategic merge patches.
import {
  and, defineTemplate, each, eachEntry, eq, fail, ifElse, release, resource, spreadYaml, toYaml, tpl, unless, when, withValue, type Expr,
} from "../../compiler/index.ts";
import { atLeastTwoReplicas, autoscalingMetrics, runsTwoReplicas, disruptionLimit } from "../autoscaling.ts";
import { rolloutStrategy } from "../deployment.ts";
import { exposedOnNodes, exposureSettings, serviceTargetPort } from "../service.ts";
import { istioctlPodLabels, istioOperatorMode } from "../modes.ts";
import { istioProxyEnv } from "../pod/containers.ts";
import { accessLogPodAnnotations, podSecurityContext } from "../pod/template.ts";
import { helpers, v } from "../values.ts";
import { escapePathKey, podLabelPatches, sidecarPatches } from "./overlays.ts";
import type { IIstioOperatorWithSpec } from "./types.ts";
import { resourceMetadata } from "../metadata.ts";

/** istioctl always renders the gateway's Service, so "None" cannot be honoured here. */
const serviceType = ifElse(
  eq(v.service.type, "None"),
  fail('service.type "None" is not possible with gateway.mode istioOperator: istioctl always renders the gateway\'s Service; use ClusterIP'),
  v.service.type,
) as Expr<"LoadBalancer" | "NodePort" | "ClusterIP">;

/**
 * A null in a strategic merge patch deletes the key (k8s.io/apimachinery strategicpatch); the
 * Kubernetes models have no null in their field types, so it is typed to fit any field.
 */
const STRATEGIC_MERGE_DELETE = null as never;

export const istioOperator = defineTemplate(
  "istio-operator.yaml",
  () =>
    resource<IIstioOperatorWithSpec>({
      apiVersion: "install.istio.io/v1alpha1",
      kind: "IstioOperator",
      // Its own name: istioctl prunes only what an IstioOperator of the same name installed,
      // so the mesh's main IstioOperator and this one do not remove each other's parts.
      metadata: resourceMetadata(helpers.fullname),
      spec: {
        profile: "empty",
        ...withValue(v.gateway.revision, (revision) => ({ revision })),
        components: {
          ingressGateways: [
            {
              name: helpers.fullname,
              namespace: release.namespace,
              enabled: true,
              // Always set: Istio 1.24/1.25 fail to render a gateway without labels (istio#54955).
              label: { ...istioctlPodLabels(), ...spreadYaml(v.gateway.selectorLabels) },
              k8s: {
                ...when(v.gateway.autoscaling.enabled, {
                  hpaSpec: {
                    minReplicas: v.gateway.autoscaling.minReplicas,
                    maxReplicas: v.gateway.autoscaling.maxReplicas,
                    metrics: autoscalingMetrics(),
                    ...withValue(v.gateway.autoscaling.behavior, (behavior) => ({ behavior: toYaml(behavior) })),
                  },
                }, { replicaCount: v.gateway.replicaCount }),
                ...when(and(v.gateway.podDisruptionBudget.enabled, runsTwoReplicas), {
                  // Istio's PDB template hard-codes minAvailable: 1, and the API server refuses
                  // both. 1.24.0/1.24.1 apply this patch and nothing else; the null deletes the key
                  // (strategic merge) in every version, without 1.24.2's postProcessPodDisruptionBudget.
                  podDisruptionBudget: {
                    ...disruptionLimit(),
                    ...unless(v.gateway.podDisruptionBudget.minAvailable, { minAvailable: null }),
                    ...withValue(v.gateway.podDisruptionBudget.unhealthyPodEvictionPolicy, (policy) => ({ unhealthyPodEvictionPolicy: policy })),
                  },
                }),
                // A strategic merge into istioctl's RollingUpdate strategy: the null deletes its
                // rollingUpdate, which the API server refuses beside Recreate.
                strategy: { ...rolloutStrategy<"RollingUpdate" | "Recreate">(), ...unless(eq(v.gateway.strategy.type, "RollingUpdate"), { rollingUpdate: STRATEGIC_MERGE_DELETE }) },
                env: istioProxyEnv(),
                ...withValue(v.gateway.proxyResources, (resources) => ({ resources: toYaml(resources) })),
                podAnnotations: { ...accessLogPodAnnotations(), ...spreadYaml(v.gateway.podAnnotations) },
                // Merged into istioctl's (runAsUser 1337 …); no injection runs afterwards, so the
                // queue sysctl stays.
                securityContext: podSecurityContext(),
                ...withValue(v.gateway.priorityClassName, (name) => ({ priorityClassName: name })),
                ...withValue(v.gateway.nodeSelector, (selector) => ({ nodeSelector: toYaml(selector) })),
                ...withValue(v.gateway.affinity, (affinity) => ({ affinity: toYaml(affinity) })),
                ...withValue(v.gateway.tolerations, (tolerations) => ({ tolerations: toYaml(tolerations) })),
                service: {
                  type: serviceType,
                  ...exposureSettings(),
                  // istioctl also opens these target ports on istio-proxy; nginx listens on them
                  // first, so they must not be Envoy's (see the README).
                  ports: each(v.service.ports, (port) => ({
                    name: port.name,
                    port: port.port,
                    targetPort: serviceTargetPort(port),
                    ...withValue(port.protocol, (protocol) => ({ protocol })),
                    ...withValue(port.appProtocol, (appProtocol) => ({ appProtocol })),
                    ...when(exposedOnNodes, { ...withValue(port.nodePort, (nodePort) => ({ nodePort })) }),
                  })),
                },
                ...withValue(v.service.annotations, (annotations) => ({ serviceAnnotations: toYaml(annotations) })),
                // Without apiVersion: istioctl selects an overlay's object by kind and name only
                // (operator/pkg/render/postprocess.go: "While patches have ApiVersion, this is ignored").
                overlays: [
                  {
                    kind: "Deployment",
                    name: helpers.fullname,
                    patches: [
                      ...sidecarPatches(),
                      ...podLabelPatches(),
                      // The component's k8s settings have no minReadySeconds.
                      ...withValue(v.gateway.minReadySeconds, (seconds) => [{ path: "spec.minReadySeconds", value: seconds }]),
                    ],
                  },
                  ...withValue(v.service.labels, () => [
                    {
                      kind: "Service",
                      name: helpers.fullname,
                      patches: eachEntry(v.service.labels, (key, value) => [{ path: tpl`metadata.labels.${escapePathKey(key)}`, value }]),
                    },
                  ]),
                  ...withValue(v.gateway.serviceAccount.annotations, (annotations) => [
                    {
                      kind: "ServiceAccount",
                      name: tpl`${helpers.fullname}-service-account`,
                      patches: [{ path: "metadata.annotations", value: toYaml(annotations) }],
                    },
                  ]),
                ],
              },
            },
          ],
        },
        values: {
          gateways: {
            "istio-ingressgateway": {
              // istioctl's gateway chart autoscales unless told not to; hpaSpec above sets the rest.
              // Its PDB template (1.28.0 on) renders only when these values say more than one
              // replica, and before 1.28.8 istioctl does not copy k8s.replicaCount into them.
              autoscaleEnabled: v.gateway.autoscaling.enabled,
              ...when(
                v.gateway.autoscaling.enabled,
                { autoscaleMin: v.gateway.autoscaling.minReplicas, autoscaleMax: v.gateway.autoscaling.maxReplicas },
                { replicaCount: v.gateway.replicaCount },
              ),
            },
          },
          global: { defaultPodDisruptionBudget: { enabled: and(v.gateway.podDisruptionBudget.enabled, atLeastTwoReplicas) } },
        },
      },
    }),
  { when: and(istioOperatorMode, v.istioOperator.render) },
);
