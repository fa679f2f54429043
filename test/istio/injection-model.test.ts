// The injection model's own rules, each against the Istio (release-1.24 … 1.28) or
// Kubernetes source it comes from. If a rule here is wrong, every injected-pod check of the
// chart is wrong with it.
import { describe, expect, it } from "vitest";
import { INJECTION_VERSIONS, injectGatewayPod, NotInjectedError, type PodTemplate } from "../support/istio-injection.ts";
import { POD_PATCH_META, strategicMerge, StrategicMergeError } from "../support/strategic-merge.ts";

type Json = Record<string, unknown>;
const byName = (items: readonly Json[] | undefined, name: string) => items?.find((item) => item["name"] === name);

/** A small gateway pod: a native sidecar with an HTTP startup probe, an app with exec and HTTP probes, istio-proxy. */
function gatewayPod(extra: { annotations?: Record<string, string>; securityContext?: Json } = {}): PodTemplate {
  return {
    metadata: {
      labels: { "sidecar.istio.io/inject": "true", "app.kubernetes.io/name": "gw" },
      annotations: { "inject.istio.io/templates": "gateway", ...extra.annotations },
    },
    spec: {
      securityContext: extra.securityContext ?? { fsGroup: 10001, seccompProfile: { type: "RuntimeDefault" }, sysctls: [{ name: "net.unix.max_dgram_qlen", value: "4096" }] },
      initContainers: [
        { name: "raise", image: "busybox", command: ["sysctl", "-w", "net.unix.max_dgram_qlen=4096"], securityContext: { privileged: true } },
        {
          name: "sidecar",
          image: "fluent-bit",
          restartPolicy: "Always",
          ports: [{ name: "http", containerPort: 2020 }],
          startupProbe: { httpGet: { path: "/api/v1/health", port: "http" }, periodSeconds: 1 },
          livenessProbe: { tcpSocket: { port: 2020 } },
        },
      ],
      containers: [
        {
          name: "app",
          image: "nginx",
          ports: [{ name: "health", containerPort: 8081 }],
          startupProbe: { exec: { command: ["true"] } },
          readinessProbe: { httpGet: { path: "/healthz", port: "health", scheme: "HTTPS" }, timeoutSeconds: 2 },
          lifecycle: { preStop: { httpGet: { path: "/drain", port: 8081 } }, postStart: { exec: { command: ["true"] } } },
        },
        { name: "istio-proxy", image: "auto", ports: [{ name: "http-envoy-prom", containerPort: 15090, protocol: "TCP" }], env: [{ name: "EXIT_ON_ZERO_ACTIVE_CONNECTIONS", value: "true" }], resources: { requests: { cpu: "100m" } } },
        { name: "extra", image: "busybox" },
      ],
      volumes: [{ name: "socket", emptyDir: { medium: "Memory" } }],
    },
  };
}

const inject = (pod: PodTemplate, settings: Partial<Parameters<typeof injectGatewayPod>[2]> = {}) => injectGatewayPod(pod, "gw", { version: "1.28", ...settings });

describe("strategic merge patch (kubernetes/apimachinery pkg/util/strategicpatch/patch.go)", () => {
  it("merges lists with a merge key element by element and replaces atomic lists whole (mergeSliceHandler)", () => {
    const merged = strategicMerge(
      { spec: { containers: [{ name: "a", env: [{ name: "X", value: "1" }] }], tolerations: [{ key: "a" }] } },
      { spec: { containers: [{ name: "a", env: [{ name: "Y", value: "2" }] }], tolerations: [{ key: "b" }] } },
      POD_PATCH_META,
    );
    expect(merged).toEqual({ spec: { containers: [{ name: "a", env: [{ name: "Y", value: "2" }, { name: "X", value: "1" }] }], tolerations: [{ key: "b" }] } });
  });

  it("puts elements new to the original before the original's own, keeping each side's order (mergeSortedSlice)", () => {
    const merged = strategicMerge({ spec: { volumes: [{ name: "ours-1" }, { name: "shared" }, { name: "ours-2" }] } }, { spec: { volumes: [{ name: "new-1" }, { name: "shared", x: 1 }, { name: "new-2" }] } }, POD_PATCH_META);
    expect((merged["spec"] as { volumes: Json[] }).volumes.map((volume) => volume["name"])).toEqual(["new-1", "ours-1", "shared", "new-2", "ours-2"]);
  });

  it("deletes a key patched with null and drops nulls from values new to the original (mergeMap, discardNullValuesFromPatch)", () => {
    expect(strategicMerge({ a: 1, b: { c: 2 } }, { a: null, d: { e: null, f: 1 } })).toEqual({ b: { c: 2 }, d: { f: 1 } });
  });

  it("refuses patch directives instead of guessing", () => {
    expect(() => strategicMerge({}, { spec: { $patch: "replace" } })).toThrow(StrategicMergeError);
  });
});

describe("Istio's gateway injection", () => {
  it("only injects pods that ask for the gateway template (inject.go injectRequired, selectTemplates)", () => {
    const pod = gatewayPod();
    pod.metadata.annotations = {};
    expect(() => inject(pod)).toThrow(NotInjectedError);
  });

  it("takes only \"true\" as the inject label from 1.27, and y/yes/on in any case before (inject.go injectRequired)", () => {
    const pod = gatewayPod();
    pod.metadata.labels = { ...pod.metadata.labels, "sidecar.istio.io/inject": "Yes" };
    expect(() => inject(pod, { version: "1.26" })).not.toThrow();
    expect(() => inject(pod, { version: "1.27" })).toThrow(NotInjectedError);
  });

  it.each(INJECTION_VERSIONS)("%s: replaces the pod's sysctls with the template's, keeping fsGroup and seccompProfile (gateway-injection-template.yaml securityContext; PodSecurityContext.sysctls is atomic)", (version) => {
    const injected = inject(gatewayPod(), { version });
    expect(injected.spec["securityContext"]).toEqual({ fsGroup: 10001, seccompProfile: { type: "RuntimeDefault" }, sysctls: [{ name: "net.ipv4.ip_unprivileged_port_start", value: "0" }] });
  });

  it("writes istiod's values.gateways.securityContext instead when set: its sysctls replace the pod's, and without sysctls the pod's stay", () => {
    const withSysctls = inject(gatewayPod(), { gatewaysSecurityContext: { sysctls: [{ name: "net.unix.max_dgram_qlen", value: "8192" }] } });
    expect((withSysctls.spec["securityContext"] as Json)["sysctls"]).toEqual([{ name: "net.unix.max_dgram_qlen", value: "8192" }]);
    const without = inject(gatewayPod(), { gatewaysSecurityContext: { runAsNonRoot: true } });
    expect(without.spec["securityContext"]).toMatchObject({ runAsNonRoot: true, sysctls: [{ name: "net.unix.max_dgram_qlen", value: "4096" }] });
  });

  it("merges containers, init containers and volumes by name and moves istio-proxy last (reorderPod MoveLast)", () => {
    const injected = inject(gatewayPod());
    expect(injected.spec.containers.map((container) => container["name"])).toEqual(["app", "extra", "istio-proxy"]);
    expect(injected.spec.initContainers!.map((container) => container["name"])).toEqual(["raise", "sidecar"]);
    expect(byName(injected.spec.initContainers, "sidecar")!["restartPolicy"]).toBe("Always");
    expect(injected.spec.volumes!.map((volume) => volume["name"])).toEqual(expect.arrayContaining(["socket", "istio-envoy", "istio-token", "istiod-ca-cert"]));
    expect(byName(injected.spec.volumes, "socket")).toEqual({ name: "socket", emptyDir: { medium: "Memory" } });
  });

  it("moves istio-proxy first when the pod's proxy config holds applications until the proxy starts (reorderPod MoveFirst)", () => {
    const injected = inject(gatewayPod({ annotations: { "proxy.istio.io/config": '{"holdApplicationUntilProxyStarts":true}' } }));
    expect(injected.spec.containers[0]!["name"]).toBe("istio-proxy");
  });

  it("re-applies the pod's istio-proxy over the template's: env by name, ports by containerPort, resources kept, image from the template (reapplyOverwrittenContainers)", () => {
    const proxy = byName(inject(gatewayPod()).spec.containers, "istio-proxy")!;
    expect(proxy["image"]).toBe("docker.io/istio/proxyv2");
    expect((proxy["ports"] as Json[]).filter((port) => port["containerPort"] === 15090)).toHaveLength(1);
    const env = (proxy["env"] as Json[]).map((variable) => variable["name"]);
    expect(env).toContain("EXIT_ON_ZERO_ACTIVE_CONNECTIONS");
    expect(env).toContain("PILOT_CERT_PROVIDER");
    expect(proxy["resources"]).toEqual({ requests: { cpu: "100m" } });
    // The template gives only the proxy's user and group; nothing hardens it unless the pod does.
    expect(proxy["securityContext"]).toEqual({ runAsUser: 1337, runAsGroup: 1337 });
  });

  it("rewrites HTTP and TCP probes of init containers too, to pilot-agent's port (app_probe.go patchRewriteProbe, convertAppProber)", () => {
    const injected = inject(gatewayPod());
    const sidecar = byName(injected.spec.initContainers, "sidecar")!;
    expect(sidecar["startupProbe"]).toEqual({ httpGet: { path: "/app-health/sidecar/startupz", port: 15020 }, periodSeconds: 1 });
    expect(sidecar["livenessProbe"]).toEqual({ httpGet: { path: "/app-health/sidecar/livez", port: 15020 } });
    const app = byName(injected.spec.containers, "app")!;
    expect(app["startupProbe"]).toEqual({ exec: { command: ["true"] } });
    expect(app["readinessProbe"]).toEqual({ httpGet: { path: "/app-health/app/readyz", port: 15020, scheme: "HTTP" }, timeoutSeconds: 2 });
    const probers = JSON.parse(String((byName(injected.spec.containers, "istio-proxy")!["env"] as Json[]).find((variable) => variable["name"] === "ISTIO_KUBE_APP_PROBERS")!["value"])) as Record<string, Json>;
    // DumpAppProbers: the original targets, named ports resolved, for pilot-agent to call.
    expect(probers["/app-health/sidecar/startupz"]).toEqual({ httpGet: { path: "/api/v1/health", port: 2020 } });
    expect(probers["/app-health/app/readyz"]).toEqual({ httpGet: { path: "/healthz", port: 8081, scheme: "HTTPS" }, timeoutSeconds: 2 });
  });

  it("rewrites HTTP lifecycle hooks only from 1.25 (app_probe.go convertAppLifecycleHandler, absent in release-1.24)", () => {
    const hooks = (version: (typeof INJECTION_VERSIONS)[number]) => byName(inject(gatewayPod(), { version }).spec.containers, "app")!["lifecycle"];
    expect(hooks("1.24")).toEqual({ preStop: { httpGet: { path: "/drain", port: 8081 } }, postStart: { exec: { command: ["true"] } } });
    expect(hooks("1.25")).toEqual({ preStop: { httpGet: { path: "/app-lifecycle/app/prestopz", port: 15020 } }, postStart: { exec: { command: ["true"] } } });
  });

  it("leaves probes alone when the pod's annotation says false in any form strconv.ParseBool takes, else follows istiod (ShouldRewriteAppHTTPProbers)", () => {
    for (const value of ["false", "FALSE", "0", "f"]) {
      const sidecar = byName(inject(gatewayPod({ annotations: { "sidecar.istio.io/rewriteAppHTTPProbers": value } })).spec.initContainers, "sidecar")!;
      expect(sidecar["startupProbe"]).toEqual({ httpGet: { path: "/api/v1/health", port: "http" }, periodSeconds: 1 });
    }
    const unparsable = byName(inject(gatewayPod({ annotations: { "sidecar.istio.io/rewriteAppHTTPProbers": "no" } })).spec.initContainers, "sidecar")!;
    expect((unparsable["startupProbe"] as { httpGet: Json }).httpGet["port"]).toBe(15020);
    const offInIstiod = byName(inject(gatewayPod(), { rewriteAppHTTPProbe: false }).spec.initContainers, "sidecar")!;
    expect((offInIstiod["startupProbe"] as { httpGet: Json }).httpGet["port"]).toBe("http");
  });

  it("uses the pod's status.sidecar.istio.io/port for rewritten probes (patchRewriteProbe)", () => {
    const sidecar = byName(inject(gatewayPod({ annotations: { "status.sidecar.istio.io/port": "15999" } })).spec.initContainers, "sidecar")!;
    expect((sidecar["startupProbe"] as { httpGet: Json }).httpGet["port"]).toBe(15999);
  });

  it("names the first app container as default container only where the pod names none (gateway-injection-template.yaml:9-16)", () => {
    expect(inject(gatewayPod()).metadata.annotations).toMatchObject({ "kubectl.kubernetes.io/default-container": "app", "kubectl.kubernetes.io/default-logs-container": "app" });
    const chosen = inject(gatewayPod({ annotations: { "kubectl.kubernetes.io/default-container": "extra" } })).metadata.annotations!;
    expect(chosen["kubectl.kubernetes.io/default-container"]).toBe("extra");
    expect(chosen["kubectl.kubernetes.io/default-logs-container"]).toBe("app");
  });

  it("announces merged Prometheus metrics unless scraping is off (applyPrometheusMerge)", () => {
    expect(inject(gatewayPod()).metadata.annotations).toMatchObject({ "prometheus.io/port": "15020", "prometheus.io/path": "/stats/prometheus", "prometheus.io/scrape": "true" });
    expect(inject(gatewayPod({ annotations: { "prometheus.io/scrape": "false" } })).metadata.annotations!["prometheus.io/port"]).toBeUndefined();
  });
});
