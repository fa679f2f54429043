// Validates rendered documents against the Kubernetes (and Prometheus Operator) schemas of
// kubernetes-models. Those validators accept unknown fields; TypeScript's resource<T>()
// typing covers field names, these cover types and required fields of the rendered result.
import { DaemonSet } from "kubernetes-models/apps/v1/DaemonSet";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { Role } from "kubernetes-models/rbac.authorization.k8s.io/v1/Role";
import { RoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Pod } from "kubernetes-models/v1/Pod";
import { Service } from "kubernetes-models/v1/Service";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import { PodMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor";
import { PrometheusRule } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule";
import { IstioOperator } from "@kubernetes-models/istio/install.istio.io/v1alpha1/IstioOperator";
import { EnvoyFilter } from "@kubernetes-models/istio/networking.istio.io/v1alpha3/EnvoyFilter";
import { ClusterRole } from "kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole";
import { validateSecurityContextConstraints } from "./openshift-scc.ts";

interface Validatable {
  validate(): void;
}

const MODELS: Record<string, new (data: never) => Validatable> = {
  "apps/v1/DaemonSet": DaemonSet,
  "apps/v1/Deployment": Deployment,
  "networking.k8s.io/v1/NetworkPolicy": NetworkPolicy,
  "autoscaling/v2/HorizontalPodAutoscaler": HorizontalPodAutoscaler,
  "policy/v1/PodDisruptionBudget": PodDisruptionBudget,
  "rbac.authorization.k8s.io/v1/ClusterRole": ClusterRole,
  "rbac.authorization.k8s.io/v1/Role": Role,
  "rbac.authorization.k8s.io/v1/RoleBinding": RoleBinding,
  "v1/ConfigMap": ConfigMap,
  "v1/Pod": Pod,
  "v1/Service": Service,
  "v1/ServiceAccount": ServiceAccount,
  "monitoring.coreos.com/v1/PodMonitor": PodMonitor,
  "monitoring.coreos.com/v1/PrometheusRule": PrometheusRule,
  "install.istio.io/v1alpha1/IstioOperator": IstioOperator,
  "networking.istio.io/v1alpha3/EnvoyFilter": EnvoyFilter,
};

/** Problems with one document, empty when it is valid; an unknown kind is a problem too. */
export function validateDocument(document: unknown): string[] {
  const { apiVersion, kind } = document as { apiVersion?: string; kind?: string };
  if (`${apiVersion}/${kind}` === "security.openshift.io/v1/SecurityContextConstraints") {
    return validateSecurityContextConstraints(document as Record<string, unknown>).map((problem) => `${apiVersion}/${kind}: ${problem}`);
  }
  const Model = MODELS[`${apiVersion}/${kind}`];
  if (!Model) return [`no model for ${apiVersion}/${kind}: add it to test/support/kubernetes-models.ts`];
  try {
    new Model(document as never).validate();
    return [];
  } catch (error) {
    return [`${apiVersion}/${kind}: ${error instanceof Error ? error.message : String(error)}`];
  }
}
