// The part of the IstioOperator API the chart writes. @kubernetes-models/istio's
// IstioOperator is generated from a CRD whose spec is untyped, so the spec is typed here,
// by hand, after operator/pkg/apis/types.go (Istio 1.24+); the Kubernetes parts reuse
// kubernetes-models so a misspelt field still fails the build.
import type { IIstioOperator } from "@kubernetes-models/istio/install.istio.io/v1alpha1/IstioOperator";
import type { IDeploymentStrategy } from "kubernetes-models/apps/v1/DeploymentStrategy";
import type { IHorizontalPodAutoscalerSpec } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscalerSpec";
import type { IPodDisruptionBudgetSpec } from "kubernetes-models/policy/v1/PodDisruptionBudgetSpec";
import type { IAffinity } from "kubernetes-models/v1/Affinity";
import type { IEnvVar } from "kubernetes-models/v1/EnvVar";
import type { IPodSecurityContext } from "kubernetes-models/v1/PodSecurityContext";
import type { IResourceRequirements } from "kubernetes-models/v1/ResourceRequirements";
import type { IServiceSpec } from "kubernetes-models/v1/ServiceSpec";
import type { IToleration } from "kubernetes-models/v1/Toleration";

/** One change to a rendered object: `path` in Istio's overlay syntax; no value deletes. */
export interface IOverlayPatch {
  path: string;
  value?: unknown;
}

/** Patches for the rendered object of this kind and name (apiVersion is not compared). */
export interface IK8sObjectOverlay {
  apiVersion?: string;
  kind: string;
  name: string;
  patches: IOverlayPatch[];
}

/**
 * k8s.podDisruptionBudget is a strategic merge patch of the PDB's spec, in which a null
 * deletes the key: how the chart removes the template's `minAvailable: 1` (istio-operator.ts).
 */
export type PodDisruptionBudgetPatch = Omit<IPodDisruptionBudgetSpec, "minAvailable"> & { minAvailable?: IPodDisruptionBudgetSpec["minAvailable"] | null };

/** KubernetesResources: each field is a strategic merge patch of the component's objects. */
export interface IKubernetesResources {
  affinity?: IAffinity;
  env?: IEnvVar[];
  hpaSpec?: Partial<IHorizontalPodAutoscalerSpec>;
  imagePullPolicy?: string;
  nodeSelector?: Record<string, string>;
  podDisruptionBudget?: PodDisruptionBudgetPatch;
  podAnnotations?: Record<string, string>;
  priorityClassName?: string;
  replicaCount?: number;
  resources?: IResourceRequirements;
  service?: IServiceSpec;
  serviceAnnotations?: Record<string, string>;
  securityContext?: IPodSecurityContext;
  strategy?: IDeploymentStrategy;
  tolerations?: IToleration[];
  overlays?: IK8sObjectOverlay[];
}

export interface IGatewayComponentSpec {
  name: string;
  namespace?: string;
  enabled?: boolean;
  label?: Record<string, string>;
  k8s?: IKubernetesResources;
}

export interface IIstioOperatorSpec {
  profile?: string;
  revision?: string;
  components?: { ingressGateways?: IGatewayComponentSpec[]; egressGateways?: IGatewayComponentSpec[] };
  values?: Record<string, unknown>;
}

export interface IIstioOperatorWithSpec extends IIstioOperator {
  spec: IIstioOperatorSpec;
}
