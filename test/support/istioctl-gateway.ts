// The parts of `istioctl install` besides the Deployment's post-processing
// (test/support/istio-overlay.ts) that decide what the chart's gateway gets: the labels
// istioctl's gateway chart writes, the Helm values it renders with, and the
// PodDisruptionBudget, which changed within Istio 1.24's patch releases. Read from
// istio/istio at the tags named below; Go cannot run here, so this is written by hand.
import { mergeMaps, type GatewayComponent } from "./istio-overlay.ts";

type JsonMap = Record<string, unknown>;

/** An istioctl release such as "1.24.1": the PDB handling differs between patch releases. */
export type IstioRelease = `${number}.${number}.${number}`;

/** Whether `release` is `minimum` or later. */
export function atLeast(release: IstioRelease, minimum: IstioRelease): boolean {
  const [a, b] = [release, minimum].map((version) => version.split(".").map(Number)) as [number[], number[]];
  for (let index = 0; index < 3; index++) {
    if (a[index]! !== b[index]!) return a[index]! > b[index]!;
  }
  return true;
}

/** The minor version, the key of the chart's description of the generated Deployment. */
export const minorOf = (release: IstioRelease): string => release.split(".").slice(0, 2).join(".");

/**
 * Defaults of manifests/charts/gateways/istio-ingress/values.yaml
 * (`_internal_defaults_do_not_set`), 1.24.0 to release-1.28, that the PDB and labels read.
 */
const GATEWAY_CHART_DEFAULTS = {
  gateways: { "istio-ingressgateway": { labels: { app: "istio-ingressgateway", istio: "ingressgateway" }, autoscaleEnabled: true, autoscaleMin: 1 } },
  global: { defaultPodDisruptionBudget: { enabled: true } },
};

/**
 * The values istioctl's gateway chart renders with. istioctl writes the component's name
 * and `label` over the IstioOperator's spec.values (operator/pkg/render/manifest.go,
 * applyComponentValuesToHelmValues; from 1.28.8 also k8s.replicaCount and
 * k8s.hpaSpec min/max, release-1.28 commit 22bf4da51e1); the chart's
 * templates/zzz_profile.yaml then does `mustMergeOverwrite $defaults $.Values`: maps merge
 * key by key, so a label the component does not set keeps the chart's default.
 */
export function gatewayHelmValues(release: IstioRelease, operatorValues: JsonMap | undefined, component: GatewayComponent): JsonMap {
  const gateway: JsonMap = { name: component.name, ...(component.label ? { labels: component.label } : {}) };
  const k8s = component.k8s ?? {};
  if (atLeast(release, "1.28.8")) {
    if (k8s.hpaSpec?.minReplicas !== undefined) gateway["autoscaleMin"] = k8s.hpaSpec.minReplicas;
    if ((k8s.hpaSpec?.maxReplicas ?? 0) > 0) gateway["autoscaleMax"] = k8s.hpaSpec!.maxReplicas;
    if ((k8s.replicaCount ?? 0) > 0) gateway["replicaCount"] = k8s.replicaCount;
  }
  const user = mergeMaps(operatorValues ?? {}, { gateways: { "istio-ingressgateway": gateway } });
  return mergeMaps(GATEWAY_CHART_DEFAULTS, user);
}

/** Labels of the gateway's Deployment, pods, Service selector and PDB selector. */
export function gatewayLabels(release: IstioRelease, operatorValues: JsonMap | undefined, component: GatewayComponent): Record<string, string> {
  const values = gatewayHelmValues(release, operatorValues, component) as { gateways: { "istio-ingressgateway": { labels: Record<string, string> } } };
  return values.gateways["istio-ingressgateway"].labels;
}

/**
 * templates/poddisruptionbudget.yaml of the gateway chart, before istioctl's post-processing:
 * `minAvailable: 1` is hard-coded. From 1.28.0 it is rendered only for more than one replica
 * as the chart's values say (autoscaleMin with autoscaleEnabled, else replicaCount, whose
 * default is unset: `int` of nothing is 0), commit 8c9483f489b.
 */
export function generatedPodDisruptionBudget(release: IstioRelease, operatorValues: JsonMap | undefined, component: GatewayComponent): JsonMap | undefined {
  const values = gatewayHelmValues(release, operatorValues, component) as {
    global: { defaultPodDisruptionBudget: { enabled: boolean } };
    gateways: { "istio-ingressgateway": { labels: Record<string, string>; autoscaleEnabled: boolean; autoscaleMin?: number; replicaCount?: number } };
  };
  if (!values.global.defaultPodDisruptionBudget.enabled) return undefined;
  const gateway = values.gateways["istio-ingressgateway"];
  if (atLeast(release, "1.28.0")) {
    const replicas = gateway.autoscaleEnabled ? gateway.autoscaleMin : gateway.replicaCount;
    if (Number(replicas ?? 0) <= 1) return undefined;
  }
  return {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: { name: component.name, labels: { ...gateway.labels } },
    spec: { minAvailable: 1, selector: { matchLabels: { ...gateway.labels } } },
  };
}

/**
 * k8s.podDisruptionBudget, as operator/pkg/render/postprocess.go applies it: a strategic
 * merge patch `{"spec": <value>}` of the PDB named like the component (a component without
 * a PDB gets nothing, silently). The value is read from the IstioOperator as written
 * (spec.Raw, operator/pkg/component/component.go), so a null reaches the patch and deletes
 * the key. 1.24.0 and 1.24.1 stop there and keep the template's minAvailable next to a
 * maxUnavailable; 1.24.2 added postProcessPodDisruptionBudget (commit 77184be000f,
 * istio/istio#54087), which sets minAvailable to null when both are present.
 */
export function postProcessPodDisruptionBudget(release: IstioRelease, generated: JsonMap | undefined, component: GatewayComponent): JsonMap | undefined {
  const patch = component.k8s?.podDisruptionBudget;
  if (!generated || patch === undefined) return generated;
  const spec = mergeMaps(generated["spec"] as JsonMap, patch);
  if (atLeast(release, "1.24.2") && "maxUnavailable" in spec && "minAvailable" in spec) spec["minAvailable"] = null;
  return { ...generated, spec };
}

/**
 * What the API server refuses in a PDB besides its schema: kubernetes
 * pkg/apis/policy/validation/validation.go, ValidatePodDisruptionBudgetSpec. A null field
 * is unset.
 */
export function podDisruptionBudgetApiErrors(pdb: JsonMap): string[] {
  const spec = pdb["spec"] as JsonMap;
  const set = (key: string) => spec[key] !== undefined && spec[key] !== null;
  return set("minAvailable") && set("maxUnavailable") ? ["spec: minAvailable and maxUnavailable cannot be both set"] : [];
}
