// The overlays that put the access-log sidecars into the Deployment istioctl generates.
// Every container, init container and volume comes from resources/pod, the same
// definitions the injection mode's Deployment uses; only where they go differs.
//
// Istio's overlay paths select list elements by index or by `[name:…]`, but `[name:…]`
// only finds elements that exist, and an index below the list's length silently replaces
// that element. So new elements are appended at computed indices: the length of the list
// in the Deployment istioctl renders for istioOperator.istioVersion (values-schema/
// istio-gateways.ts), plus the elements appended before them.
import { add, defineCheck, each, eachEntry, lengthOf, lookup, mergeMaps, replaceAll, required, textHelper, toYaml, tpl, unless, when, withValue, type Expr, type Templated } from "../../compiler/index.ts";
import { ISTIO_GATEWAY_DEPLOYMENTS, ISTIO_VERSIONS, type GeneratedGatewayDeployment } from "../../values-schema/istio-gateways.ts";
import { fluentBitContainer, istioProxyVolumeMounts, nginxContainer } from "../pod/containers.ts";
import { envoySource, forwardsWithOwnCa, nginxSource } from "../modes.ts";
import { hasInitContainers, nativeSidecar, podInitContainers } from "../pod/template.ts";
import { envoyVolumes, fluentBitVolumes, forwardCaVolume, nginxVolumes } from "../pod/volumes.ts";
import { CHART_NAME, v } from "../values.ts";
import type { IOverlayPatch } from "./types.ts";

/**
 * Appending to an existing initContainers list would need indices; setting the whole list
 * is simpler and exact while istioctl renders none, which the compiler checks here.
 */
export const gatewaysWithInitContainers = (deployments: Readonly<Record<string, GeneratedGatewayDeployment>>): string[] =>
  Object.entries(deployments)
    .filter(([, deployment]) => deployment.initContainers !== 0)
    .map(([version]) => `values-schema/istio-gateways.ts: Istio ${version}'s gateway has init containers; resources/istio-operator/overlays.ts must append to them by index`);
export const generatedGatewaysHaveNoInitContainers = defineCheck(() => gatewaysWithInitContainers(ISTIO_GATEWAY_DEPLOYMENTS));

/** The generated Deployment's lists the overlays append to, as its description names them. */
const GENERATED_LISTS = {
  containers: "spec.template.spec.containers",
  volumes: "spec.template.spec.volumes",
  proxyVolumeMounts: "istio-proxy's volumeMounts",
} as const satisfies Partial<Record<keyof GeneratedGatewayDeployment, string>>;

/**
 * How many elements a list of the generated Deployment has, for the selected Istio version:
 * a named helper, since every overlay index starts from it. It prints the number, which
 * sprig's add reads back as an integer.
 */
const generatedLength = (list: keyof typeof GENERATED_LISTS): Expr<number> => {
  const table = Object.fromEntries(Object.entries(ISTIO_GATEWAY_DEPLOYMENTS).map(([version, deployment]) => [version, deployment[list]]));
  const length = required(
    lookup(table, v.istioOperator.istioVersion),
    `istioOperator.istioVersion: the chart describes the gateway Deployment of Istio ${ISTIO_VERSIONS.join(", ")} only; pick one of them`,
  );
  const name = `${CHART_NAME}.istioctl${list[0]!.toUpperCase()}${list.slice(1)}Count`;
  const description = `The length of ${GENERATED_LISTS[list]} in the gateway Deployment istioctl renders for istioOperator.istioVersion: overlays append after it.`;
  return textHelper(name, description, length as Expr<unknown> as Expr<string>) as Expr<unknown> as Expr<number>;
};

const POD_SPEC = "spec.template.spec";

/** Overlay paths split on dots, so a key such as example.com/team is written example\\.com/team. */
export const escapePathKey = (key: Expr<string>): Expr<string> => replaceAll(key, ".", "\\.");

export const sidecarPatches = (): Templated<IOverlayPatch>[] => {
  const containers = generatedLength("containers");
  const volumes = generatedLength("volumes");
  // nginx and its volumes exist only with accessLog.source nginx; what follows shifts by them.
  const nginxContainers = lookup({ nginx: 1, envoy: 0 }, v.accessLog.source);
  const sourceVolumes = lookup({ nginx: nginxVolumes().length, envoy: envoyVolumes().length }, v.accessLog.source);
  const afterFluentBitVolumes = add(volumes, fluentBitVolumes().length);
  return [
    ...when(nginxSource, [{ path: tpl`${POD_SPEC}.containers[${containers}]`, value: nginxContainer() }]),
    ...each(v.gateway.extraContainers, (container, index) => ({
      path: tpl`${POD_SPEC}.containers[${add(containers, nginxContainers, index)}]`,
      value: toYaml(container),
    })),
    ...unless(nativeSidecar, [
      { path: tpl`${POD_SPEC}.containers[${add(containers, nginxContainers, lengthOf(v.gateway.extraContainers))}]`, value: fluentBitContainer() },
    ]),
    ...when(envoySource, [
      {
        path: tpl`${POD_SPEC}.containers[name:istio-proxy].volumeMounts[${generatedLength("proxyVolumeMounts")}]`,
        value: istioProxyVolumeMounts()[0],
      },
    ]),
    ...when(hasInitContainers, [{ path: `${POD_SPEC}.initContainers`, value: podInitContainers() }]),
    ...fluentBitVolumes().map((volume, index) => ({ path: tpl`${POD_SPEC}.volumes[${add(volumes, index)}]`, value: volume })),
    ...when(nginxSource, nginxVolumes().map((volume, index) => ({ path: tpl`${POD_SPEC}.volumes[${add(afterFluentBitVolumes, index)}]`, value: volume }))),
    ...when(envoySource, envoyVolumes().map((volume, index) => ({ path: tpl`${POD_SPEC}.volumes[${add(afterFluentBitVolumes, index)}]`, value: volume }))),
    ...each(v.gateway.extraVolumes, (volume, index) => ({
      path: tpl`${POD_SPEC}.volumes[${add(afterFluentBitVolumes, sourceVolumes, index)}]`,
      value: toYaml(volume),
    })),
    ...when(forwardsWithOwnCa, [{ path: tpl`${POD_SPEC}.volumes[${add(afterFluentBitVolumes, sourceVolumes, lengthOf(v.gateway.extraVolumes))}]`, value: forwardCaVolume() }]),
    { path: `${POD_SPEC}.terminationGracePeriodSeconds`, value: v.gateway.terminationGracePeriodSeconds },
    ...withValue(v.gateway.dnsPolicy, (policy) => [{ path: `${POD_SPEC}.dnsPolicy`, value: policy }]),
    ...withValue(v.gateway.dnsConfig, (config) => [{ path: `${POD_SPEC}.dnsConfig`, value: toYaml(config) }]),
    ...withValue(v.gateway.imagePullSecrets, (secrets) => [{ path: `${POD_SPEC}.imagePullSecrets`, value: toYaml(secrets) }]),
    ...withValue(v.gateway.topologySpreadConstraints, (constraints) => [{ path: `${POD_SPEC}.topologySpreadConstraints`, value: toYaml(constraints) }]),
  ];
};

/**
 * The pods' own labels (the component's `label` also selects pods, so extra labels go on
 * the pod template only, as in injection mode). Selector labels are repeated with the same
 * values, so a podLabels key cannot override them; commonLabels come last, as in injection mode.
 */
export const podLabelPatches = (): Templated<IOverlayPatch>[] =>
  eachEntry(mergeMaps(v.gateway.selectorLabels, v.gateway.podLabels, v.commonLabels), (key, value) => [
    { path: tpl`spec.template.metadata.labels.${escapePathKey(key)}`, value },
  ]);
