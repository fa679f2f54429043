// The gateway pod of a render: the Deployment's pod spec and its containers, init containers
// (native sidecars among them) first, as the kubelet starts them.
import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import type { IContainer } from "kubernetes-models/v1/Container";
import type { IPodSpec } from "kubernetes-models/v1/PodSpec";
import type { Rendered } from "../../compiler/testing/render.ts";

export function podSpecOf(rendered: Rendered): IPodSpec {
  const deployment = rendered["deployment.yaml"]?.[0] as IDeployment | undefined;
  const spec = deployment?.spec?.template.spec;
  if (!spec) throw new Error("the render has no Deployment with a pod spec (deployment.yaml)");
  return spec;
}

export function containersOf(spec: IPodSpec): IContainer[] {
  return [...(spec.initContainers ?? []), ...spec.containers];
}

export function containerNamed(spec: IPodSpec, name: string): IContainer {
  const container = containersOf(spec).find((candidate) => candidate.name === name);
  if (!container) throw new Error(`the pod has no ${name} container`);
  return container;
}
