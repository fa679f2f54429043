// What istioctl's ingress gateway Deployment holds before our overlays touch it, per Istio
// minor version. The IstioOperator mode computes its overlay indices from this table, so an
// Istio upgrade that changes the Deployment means a new row here, not a silent overwrite.
// Derived from manifests/charts/gateways/istio-ingress/templates/deployment.yaml with the
// defaults istioctl uses for a `profile: empty` gateway component; see
// docs/istio-gateway-deployments.md for the sources and what changes the lists.

export interface GeneratedGatewayDeployment {
  /** spec.template.spec.containers: istio-proxy. */
  readonly containers: number;
  /** spec.template.spec.initContainers: none since the core-dump init container was removed. */
  readonly initContainers: number;
  /**
   * spec.template.spec.volumes: workload-socket, credential-socket, workload-certs,
   * istiod-ca-cert, podinfo, istio-envoy, istio-data, istio-token, config-volume,
   * ingressgateway-certs, ingressgateway-ca-certs.
   */
  readonly volumes: number;
  /** istio-proxy's volumeMounts: one per volume above, in their own order. */
  readonly proxyVolumeMounts: number;
}

const SINCE_1_24: GeneratedGatewayDeployment = { containers: 1, initContainers: 0, volumes: 11, proxyVolumeMounts: 11 };

export const ISTIO_GATEWAY_DEPLOYMENTS = {
  "1.24": SINCE_1_24,
  "1.25": SINCE_1_24,
  "1.26": SINCE_1_24,
  "1.27": SINCE_1_24,
  "1.28": SINCE_1_24,
} as const satisfies Record<string, GeneratedGatewayDeployment>;

export type IstioVersion = keyof typeof ISTIO_GATEWAY_DEPLOYMENTS;
export const ISTIO_VERSIONS = Object.keys(ISTIO_GATEWAY_DEPLOYMENTS) as [IstioVersion, ...IstioVersion[]];
