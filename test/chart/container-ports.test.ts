// The ports the pod's containers declare: what Kubernetes accepts and what refers to them by
// name (Services' targetPorts, probes, PodMonitors) can find. The containers share one network
// namespace, so a port is the pod's, not a container's.
import type { IContainer } from "kubernetes-models/v1/Container";
import { describe, expect, it } from "vitest";
import { DEFAULT_RENDER, renderOrThrow } from "../../compiler/testing/render.ts";
import { helmBinaries } from "../../helm/run.ts";
import chartDefinition from "../../resources/index.ts";
import { compileToDirectory } from "../support/differential.ts";
import { containerNamed, containersOf, podSpecOf } from "../support/rendered-pod.ts";

const { dir } = compileToDirectory(chartDefinition);
const helm = helmBinaries()[0]!;

/**
 * An IANA service name, what a container port's name must be (k8s.io/apimachinery
 * pkg/util/validation/validation.go, IsValidPortName): at most 15 characters of a-z, 0-9
 * and '-', at least one letter, no '-' at either end or twice in a row.
 */
function isValidPortName(name: string): boolean {
  return name.length <= 15 && /^[-a-z0-9]+$/.test(name) && /[a-z]/.test(name) && !name.startsWith("-") && !name.endsWith("-") && !name.includes("--");
}

const TLS_CERTIFICATES = [{ secretName: "example-com-tls", hosts: ["example.com"] }];

const CASES: { name: string; values: Record<string, unknown> }[] = [
  { name: "defaults", values: {} },
  { name: "nginx TLS with an offloaded port", values: { nginx: { tls: { enabled: true, certificates: TLS_CERTIFICATES, offloadedPort: 9080 } } } },
  { name: "Envoy mode", values: { accessLog: { source: "envoy" } } },
];

describe.each(CASES)("the pod's ports, $name", ({ values }) => {
  const containers = async (): Promise<IContainer[]> => {
    return containersOf(podSpecOf(await renderOrThrow(helm, dir, values, DEFAULT_RENDER)));
  };

  it("are each named, validly and once in the pod, on a port of their own", async () => {
    const ports = (await containers()).flatMap((container) => (container.ports ?? []).map((port) => ({ container: container.name, ...port })));
    expect(ports.length).toBeGreaterThan(0);
    // A Service's or probe's port by name finds the first container port of that name
    // (pkg/api/v1/pod/util.go FindPort; pkg/probe/util.go findPortByName): an unnamed port
    // cannot be referred to, a name twice in the pod is ambiguous.
    for (const port of ports) expect(port.name !== undefined && isValidPortName(port.name), `${port.container} port ${port.containerPort} named ${JSON.stringify(port.name)}`).toBe(true);
    const names = ports.map((port) => port.name);
    expect(new Set(names).size, names.join(", ")).toBe(names.length);
    // One network namespace: a second listener on a port fails to bind (EADDRINUSE).
    const numbers = ports.map((port) => `${port.containerPort}/${port.protocol ?? "TCP"}`);
    expect(new Set(numbers).size, numbers.join(", ")).toBe(numbers.length);
  });

  it("declare every port nginx listens on, as nginx's", async () => {
    const rendered = await renderOrThrow(helm, dir, values, DEFAULT_RENDER);
    const nginxConf = (rendered["nginx-configmap.yaml"]?.[0] as { data: Record<string, string> } | undefined)?.data["nginx.conf"];
    if (nginxConf === undefined) return expect(containersOf(podSpecOf(rendered)).map((container) => container.name)).not.toContain("nginx");
    // `listen <port>` (ngx_http_core_module): the ports nginx binds, whatever the parameters after.
    const listened = [...nginxConf.matchAll(/^\s*listen\s+([0-9]+)\b/gm)].map((match) => Number(match[1]));
    expect(listened.length).toBeGreaterThan(0);
    // Istio tells Envoy the pod's ports from the containers' (ISTIO_META_POD_PORTS in the injection
    // template), and a NetworkPolicy or Service can name only a declared port.
    const declared = (containerNamed(podSpecOf(rendered), "nginx").ports ?? []).map((port) => port.containerPort);
    expect([...new Set(listened)].sort((a, b) => a - b)).toEqual([...declared].sort((a, b) => a - b));
  });

  it("include Envoy's Prometheus port, as the official gateway chart declares it", async () => {
    // istio/istio manifests/charts/gateway/templates/deployment.yaml:101-104 (86c9f01): the
    // Deployment itself carries it, so PodMonitors selecting http-envoy-prom match before and
    // whatever the injection template adds.
    const proxy = containerNamed(podSpecOf(await renderOrThrow(helm, dir, values, DEFAULT_RENDER)), "istio-proxy");
    expect(proxy.ports).toContainEqual({ name: "http-envoy-prom", containerPort: 15090, protocol: "TCP" });
  });
});
