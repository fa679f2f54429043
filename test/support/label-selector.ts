// Which pods a workload, budget or Service selects, as Kubernetes decides it. Restated from
// apimachinery pkg/apis/meta/v1/helpers.go LabelSelectorAsSelector and pkg/labels/selector.go
// (Requirement.Matches): a null selector selects nothing, an empty one ({}, no matchLabels and
// no matchExpressions) everything in the namespace, otherwise every requirement must hold.
// The PodDisruptionBudget follows the same rule in policy/v1 (its selector's API doc: "In
// policy/v1, an empty selector will select all pods in the namespace"); a Service's selector
// is a plain map, every pair of which must be among the pod's labels.
import type { IDeploymentSpec } from "kubernetes-models/apps/v1/DeploymentSpec";

/** metav1.LabelSelector, as kubernetes-models types it. */
export type ILabelSelector = IDeploymentSpec["selector"];

export type Labels = Readonly<Record<string, string>>;

export function labelSelectorMatches(selector: ILabelSelector | null | undefined, labels: Labels): boolean {
  if (selector === null || selector === undefined) return false;
  const matchLabels = Object.entries(selector.matchLabels ?? {});
  const expressions = selector.matchExpressions ?? [];
  if (matchLabels.length + expressions.length === 0) return true;
  return matchLabels.every(([key, value]) => labels[key] === value) && expressions.every((expression) => requirementHolds(expression, labels));
}

/** A Service's spec.selector (core/v1 ServiceSpec): every pair among the labels. */
export function serviceSelectorMatches(selector: Labels | undefined, labels: Labels): boolean {
  return Object.entries(selector ?? {}).every(([key, value]) => labels[key] === value);
}

function requirementHolds(expression: NonNullable<ILabelSelector["matchExpressions"]>[number], labels: Labels): boolean {
  const has = Object.hasOwn(labels, expression.key);
  const values = expression.values ?? [];
  switch (expression.operator) {
    case "In":
      return has && values.includes(labels[expression.key]!);
    case "NotIn":
      return !has || !values.includes(labels[expression.key]!);
    case "Exists":
      return has;
    case "DoesNotExist":
      return !has;
    default:
      // LabelSelectorAsSelector: "%q is not a valid label selector operator".
      throw new Error(`${JSON.stringify(expression.operator)} is not a valid label selector operator`);
  }
}
