// The objects around the gateway's pods, read as the API server and its controllers read
// them: which pods each selector picks when two releases of the chart share a namespace,
// what the HorizontalPodAutoscaler scales and on which metrics, and which Service settings
// reach the Service for its type.
import type { IDaemonSet } from "kubernetes-models/apps/v1/DaemonSet";
import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import type { IHorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import type { IPodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import type { IService } from "kubernetes-models/v1/Service";
import { describe, expect, it } from "vitest";
import { DEFAULT_RENDER, renderOrThrow, type Rendered } from "../../compiler/testing/render.ts";
import { helmBinaries } from "../../helm/run.ts";
import chartDefinition from "../../resources/index.ts";
import { compileToDirectory } from "../support/differential.ts";
import { labelSelectorMatches, serviceSelectorMatches, type Labels } from "../support/label-selector.ts";
import { serviceTypeProblems } from "../support/service-validation.ts";

const { dir } = compileToDirectory(chartDefinition);
const helm = helmBinaries()[0]!;

const render = (values: Record<string, unknown>, releaseName = DEFAULT_RENDER.releaseName) => renderOrThrow(helm, dir, values, { ...DEFAULT_RENDER, releaseName });
const only = <T,>(rendered: Rendered, template: string): T => {
  const documents = rendered[template];
  if (documents?.length !== 1) throw new Error(`expected one document from ${template}, got ${documents?.length ?? 0}`);
  return documents[0] as T;
};

/** A pod of Istio's stock gateway (istioctl's default ingress gateway) in the same namespace. */
const STOCK_GATEWAY_POD: Labels = { app: "istio-ingressgateway", istio: "ingressgateway" };

describe.each([
  { kind: "Deployment", template: "deployment.yaml", values: {} },
  // A DaemonSet takes no disruption budget (the chart refuses one: node drains skip its pods).
  { kind: "DaemonSet", template: "daemonset.yaml", values: { gateway: { kind: "DaemonSet", podDisruptionBudget: { enabled: false } } } },
])("two releases as a $kind in one namespace", ({ template, values }) => {
  const workloadsOf = async (releaseName: string) => {
    const rendered = await render(values, releaseName);
    const workload = only<IDeployment | IDaemonSet>(rendered, template);
    return { rendered, workload, podLabels: workload.spec!.template.metadata!.labels! };
  };

  it("each workload's selector is not empty and picks its own pods, not the other release's nor the stock gateway's", async () => {
    const [a, b] = [await workloadsOf("edge-a"), await workloadsOf("edge-b")];
    for (const [own, other] of [[a, b], [b, a]] as const) {
      const selector = own.workload.spec!.selector;
      // The API server refuses an empty selector ("empty selector is invalid for deployment" /
      // "... for daemonset") and one that does not match the template's labels
      // (apps/validation ValidateDeploymentSpec, ValidateDaemonSetSpec).
      expect(Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions?.length ?? 0)).toBeGreaterThan(0);
      expect(labelSelectorMatches(selector, own.podLabels)).toBe(true);
      // A selector that also picks the other release's pods lets each controller count (and
      // a DaemonSet adopt) the other's pods.
      expect(labelSelectorMatches(selector, other.podLabels)).toBe(false);
      expect(labelSelectorMatches(selector, STOCK_GATEWAY_POD)).toBe(false);
    }
  });

  it("each Service sends traffic to its own release's pods only", async () => {
    const [a, b] = [await workloadsOf("edge-a"), await workloadsOf("edge-b")];
    for (const [own, other] of [[a, b], [b, a]] as const) {
      const selector = only<IService>(own.rendered, "service.yaml").spec!.selector;
      expect(Object.keys(selector ?? {}).length).toBeGreaterThan(0);
      expect(serviceSelectorMatches(selector, own.podLabels)).toBe(true);
      expect(serviceSelectorMatches(selector, other.podLabels)).toBe(false);
      expect(serviceSelectorMatches(selector, STOCK_GATEWAY_POD)).toBe(false);
    }
  });
});

describe("the PodDisruptionBudget", () => {
  it("counts its own release's pods only: in policy/v1 an empty selector would count every pod of the namespace", async () => {
    const pods = async (releaseName: string) => {
      const rendered = await render({}, releaseName);
      return { budget: only<IPodDisruptionBudget>(rendered, "pdb.yaml"), labels: only<IDeployment>(rendered, "deployment.yaml").spec!.template.metadata!.labels! };
    };
    const [a, b] = [await pods("edge-a"), await pods("edge-b")];
    for (const [own, other] of [[a, b], [b, a]] as const) {
      // The disruption controller's pods are those LabelSelectorAsSelector(spec.selector)
      // matches (pkg/controller/disruption/disruption.go getPodsForPdb).
      expect(labelSelectorMatches(own.budget.spec!.selector, own.labels)).toBe(true);
      expect(labelSelectorMatches(own.budget.spec!.selector, other.labels)).toBe(false);
      expect(labelSelectorMatches(own.budget.spec!.selector, STOCK_GATEWAY_POD)).toBe(false);
    }
  });
});

describe("the HorizontalPodAutoscaler", () => {
  const autoscaled = (autoscaling: Record<string, unknown>) => render({ gateway: { autoscaling: { enabled: true, ...autoscaling } } });

  it("scales the Deployment the release renders, by the reference the autoscaler resolves", async () => {
    const rendered = await autoscaled({});
    const deployment = only<IDeployment>(rendered, "deployment.yaml");
    const hpa = only<IHorizontalPodAutoscaler>(rendered, "hpa.yaml");
    // The controller parses scaleTargetRef.apiVersion for the group, maps group and kind to a
    // resource and reads its scale subresource by name in the autoscaler's own namespace
    // (pkg/controller/podautoscaler/horizontal.go reconcileAutoscaler: ParseGroupVersion,
    // RESTMappings, scaleForResourceMappings).
    expect(hpa.spec!.scaleTargetRef).toEqual({ apiVersion: deployment.apiVersion, kind: deployment.kind, name: deployment.metadata!.name });
    expect(hpa.metadata!.namespace).toBe(deployment.metadata!.namespace);
    // The autoscaler owns the replica count: one in the Deployment would undo its work at every upgrade.
    expect(deployment.spec!.replicas).toBeUndefined();
  });

  it("holds the pods' average CPU at its utilization target, and memory when one is set", async () => {
    // A Resource metric with a Utilization target: the average usage over the pods as a
    // percentage of their requests (autoscaling/v2 MetricSpec; the API server refuses any
    // target type but Utilization, Value and AverageValue, and a Resource metric without a
    // name: autoscaling/validation validateResourceSource, validateMetricTarget).
    const utilization = (name: string, averageUtilization: number) => ({ type: "Resource", resource: { name, target: { type: "Utilization", averageUtilization } } });
    const cpuOnly = only<IHorizontalPodAutoscaler>(await autoscaled({ targetCPUUtilizationPercentage: 65 }), "hpa.yaml");
    expect(cpuOnly.spec!.metrics).toEqual([utilization("cpu", 65)]);
    const both = only<IHorizontalPodAutoscaler>(await autoscaled({ targetCPUUtilizationPercentage: 65, targetMemoryUtilizationPercentage: 80 }), "hpa.yaml");
    expect(both.spec!.metrics).toEqual([utilization("cpu", 65), utilization("memory", 80)]);
    expect([both.spec!.minReplicas, both.spec!.maxReplicas]).toEqual([2, 10]);
  });
});

describe("the Service's settings for its type", () => {
  const NODE_PORT = 30080;
  /** Every setting whose place depends on the type, each with a value of its own. */
  const EVERY_SETTING = {
    externalTrafficPolicy: "Local",
    healthCheckNodePort: 32100,
    loadBalancerIP: "203.0.113.10",
    loadBalancerClass: "example.com/internal",
    loadBalancerSourceRanges: ["203.0.113.0/24", "198.51.100.0/24"],
    allocateLoadBalancerNodePorts: false,
    ports: [{ name: "http2", port: 80, targetPort: 8081, nodePort: NODE_PORT }],
  } as const;
  type Setting = keyof typeof EVERY_SETTING;
  const PLACED = Object.keys(EVERY_SETTING).filter((key) => key !== "ports") as Setting[];
  /**
   * What each type uses. The API server refuses the load balancer's settings elsewhere
   * (service-validation.ts); loadBalancerIP it accepts everywhere but reads only for a
   * LoadBalancer (its API doc: "Only applies to Service Type: LoadBalancer").
   */
  const USED: Record<string, readonly string[]> = {
    ClusterIP: [],
    NodePort: ["externalTrafficPolicy", "nodePort"],
    LoadBalancer: [...PLACED, "nodePort"],
  };

  it.each(Object.keys(USED))("a %s Service carries exactly the settings its type uses, and the API server admits it", async (type) => {
    const spec = only<IService>(await render({ service: { ...EVERY_SETTING, type } }), "service.yaml").spec!;
    expect(serviceTypeProblems(spec)).toEqual([]);
    const carried = [...PLACED.filter((key) => spec[key as keyof typeof spec] !== undefined), ...(spec.ports!.some((port) => port.nodePort !== undefined) ? ["nodePort"] : [])];
    expect(carried.sort()).toEqual([...USED[type]!].sort());
    for (const key of PLACED.filter((setting) => carried.includes(setting))) expect(spec[key as keyof typeof spec], key).toEqual(EVERY_SETTING[key]);
    if (carried.includes("nodePort")) expect(spec.ports!.find((port) => port.name === "http2")!.nodePort).toBe(NODE_PORT);
  });

  it("keeps the Local policy on a ClusterIP Service with external IPs, whose addresses take outside traffic too", async () => {
    // externalTrafficPolicy governs traffic to a Service's externally-facing addresses:
    // node ports, load balancer IPs and external IPs (core/v1 ServiceSpec's API doc), and the
    // API server admits it wherever one exists (kubernetes pkg/api/v1/service/util.go
    // ExternallyAccessible; kube-proxy keeps such traffic on the node by ExternalPolicyLocal).
    // Dropped, the node forwards with SNAT and nginx logs a node's address for every client.
    const spec = only<IService>(await render({ service: { type: "ClusterIP", externalIPs: ["203.0.113.20"], externalTrafficPolicy: "Local" } }), "service.yaml").spec!;
    expect([spec.externalIPs, spec.externalTrafficPolicy]).toEqual([["203.0.113.20"], "Local"]);
    expect(serviceTypeProblems(spec)).toEqual([]);
  });

  it("keeps a health-check node port with the Local policy, which is what the API server asks of it", async () => {
    const spec = only<IService>(await render({ service: { type: "LoadBalancer", externalTrafficPolicy: "Local", healthCheckNodePort: 32100 } }), "service.yaml").spec!;
    expect([spec.externalTrafficPolicy, spec.healthCheckNodePort]).toEqual(["Local", 32100]);
    expect(serviceTypeProblems(spec)).toEqual([]);
  });
});
