// What kube-apiserver refuses in a Service's spec because of its type, restated from
// kubernetes pkg/apis/core/validation/validation.go: ValidateService (loadBalancerSourceRanges,
// nodePort on ClusterIP, allocateLoadBalancerNodePorts), validateLoadBalancerClassField and
// validateServiceExternalTrafficPolicy. Only the type-dependent rules: the field types are
// kubernetes-models' to check (test/support/kubernetes-models.ts).
import type { IServiceSpec } from "kubernetes-models/v1/ServiceSpec";

const LOAD_BALANCER_ONLY = "may only be used when `type` is 'LoadBalancer'";

/** pkg/api/v1/service/util.go ExternallyAccessible: NodePort, LoadBalancer, or ClusterIP with external IPs. */
const externallyAccessible = (spec: IServiceSpec) =>
  spec.type === "LoadBalancer" || spec.type === "NodePort" || ((spec.type ?? "ClusterIP") === "ClusterIP" && (spec.externalIPs?.length ?? 0) > 0);

/** The API server's errors for the spec, as "field: detail"; empty when it admits the Service. */
export function serviceTypeProblems(spec: IServiceSpec): string[] {
  const problems: string[] = [];
  const loadBalancer = spec.type === "LoadBalancer";
  if ((spec.loadBalancerSourceRanges?.length ?? 0) > 0 && !loadBalancer) problems.push(`spec.loadBalancerSourceRanges: ${LOAD_BALANCER_ONLY}`);
  if (spec.loadBalancerClass !== undefined && !loadBalancer) problems.push(`spec.loadBalancerClass: ${LOAD_BALANCER_ONLY}`);
  if (spec.allocateLoadBalancerNodePorts !== undefined && !loadBalancer) problems.push(`spec.allocateLoadBalancerNodePorts: ${LOAD_BALANCER_ONLY}`);
  (spec.ports ?? []).forEach((port, index) => {
    if ((spec.type ?? "ClusterIP") === "ClusterIP" && (port.nodePort ?? 0) !== 0) problems.push(`spec.ports[${index}].nodePort: may not be used when \`type\` is 'ClusterIP'`);
  });
  if (spec.externalTrafficPolicy !== undefined && !externallyAccessible(spec)) problems.push("spec.externalTrafficPolicy: may only be set for externally-accessible services");
  if ((spec.healthCheckNodePort ?? 0) !== 0 && !(loadBalancer && spec.externalTrafficPolicy === "Local")) {
    problems.push("spec.healthCheckNodePort: may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'");
  }
  return problems;
}
