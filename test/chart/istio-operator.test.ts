// The IstioOperator mode: the chart's IstioOperator, post-processed the way istioctl
// post-processes the gateway Deployment it generates (test/support/istio-overlay.ts),
// must give the pod the same sidecars, init containers, volumes and settings as the
// Deployment of injection mode, for every Istio version the chart describes, without
// overwriting or losing anything of istioctl's.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { helmBinaries, runHelm } from "../../helm/run.ts";
import { renderOrThrow, renderWithHelm, type Rendered } from "../../compiler/testing/render.ts";
import chartDefinition from "../../resources/index.ts";
import { gatewaysWithInitContainers, generatedGatewaysHaveNoInitContainers } from "../../resources/istio-operator/overlays.ts";
import { ISTIO_GATEWAY_DEPLOYMENTS, ISTIO_VERSIONS } from "../../values-schema/istio-gateways.ts";
import { compileToDirectory } from "../support/differential.ts";
import { applyOverlayPatches, postProcessGatewayDeployment, splitOverlayPath, type GatewayComponent } from "../support/istio-overlay.ts";
import {
  atLeast, gatewayLabels, generatedPodDisruptionBudget, minorOf, podDisruptionBudgetApiErrors, postProcessPodDisruptionBudget, type IstioRelease,
} from "../support/istioctl-gateway.ts";
import { validateDocument } from "../support/kubernetes-models.ts";

type Json = Record<string, unknown>;
interface PodSpec {
  containers: Json[];
  initContainers?: Json[];
  volumes: Json[];
  securityContext: Json;
  [key: string]: unknown;
}
interface Workload {
  metadata: Json;
  spec: { template: { metadata: { labels: Record<string, string>; annotations: Record<string, string> }; spec: PodSpec } };
}

const { dir } = compileToDirectory(chartDefinition);
const [helm] = helmBinaries();
const GENERATED = parse(readFileSync("test/fixtures/istio-gateway/deployments.yaml", "utf8")) as Record<string, Json>;

/** The fixture Deployment as istioctl would name it for this component. */
function generatedDeployment(version: string, name: string, namespace: string): Json {
  const text = JSON.stringify(GENERATED[version]).replaceAll("GATEWAY_NAME", name).replaceAll("GATEWAY_NAMESPACE", namespace);
  return JSON.parse(text) as Json;
}

const render = (values: Json): Promise<Rendered> => renderOrThrow(helm!, dir, values);

async function renderError(values: Json): Promise<string> {
  const outcome = await renderWithHelm(helm!, dir, values);
  if (outcome.ok) throw new Error("expected the render to fail");
  return outcome.error;
}

function withMode(values: Json, mode: "injection" | "istioOperator", extra: Json = {}): Json {
  const gateway = { ...(values["gateway"] as Json | undefined), mode };
  return { ...values, ...extra, gateway };
}

const byName = (items: readonly Json[]) => Object.fromEntries(items.map((item) => [item["name"], item]));
const withoutProxy = (containers: readonly Json[]) => containers.filter((container) => container["name"] !== "istio-proxy");

const VALUE_SETS: { name: string; values: Json }[] = [
  { name: "defaults", values: {} },
  {
    name: "regular fluent-bit container, queue by init container, the user's extras",
    values: {
      fluentBit: { nativeSidecar: "never" },
      kernelQueue: { method: "initContainer" },
      accessLog: { output: { prepareHostPath: false } },
      gateway: {
        extraContainers: [{ name: "debug", image: "busybox:1.37", command: ["sleep", "infinity"] }],
        extraInitContainers: [{ name: "warm-up", image: "busybox:1.37", command: ["true"] }],
        extraVolumes: [{ name: "extra-a", emptyDir: {} }, { name: "extra-b", configMap: { name: "b" } }],
        podLabels: { "example.com/team": "edge", tier: "front" },
        podAnnotations: { "example.com/owner": "edge" },
        imagePullSecrets: [{ name: "regcred" }],
        topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: { istio: "ingressgateway" } } }],
        nodeSelector: { "kubernetes.io/os": "linux" },
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "example.com/pool", operator: "In", values: ["edge"] }] }] } } },
        tolerations: [{ key: "example.com/edge", operator: "Exists", effect: "NoSchedule" }],
        priorityClassName: "gateway-critical",
        terminationGracePeriodSeconds: 90,
      },
    },
  },
  {
    name: "forwarding to fluentd over TLS with a CA of its own",
    values: { accessLog: { forward: { enabled: true, host: "fluentd.logging.svc", tls: { enabled: true, caSecret: { name: "fluentd-ca" } } } } },
  },
  {
    name: "Envoy writes the log (no nginx), with extras",
    values: {
      accessLog: { source: "envoy", cookies: ["session"], requestHeaders: ["x-trace-id"] },
      gateway: { extraContainers: [{ name: "debug", image: "busybox:1.37" }], extraVolumes: [{ name: "extra-a", emptyDir: {} }] },
      fluentBit: { nativeSidecar: "never" },
    },
  },
  {
    name: "Recreate, a minimum ready time, autoscaled on memory as well",
    values: {
      gateway: {
        strategy: { type: "Recreate" },
        minReadySeconds: 15,
        dnsPolicy: "None",
        dnsConfig: { nameservers: ["10.0.0.10"], options: [{ name: "ndots", value: "2" }] },
        autoscaling: { enabled: true, minReplicas: 2, maxReplicas: 6, targetMemoryUtilizationPercentage: 80, behavior: { scaleDown: { stabilizationWindowSeconds: 600 } } },
      },
    },
  },
  {
    name: "autoscaled, no init containers, no queue sysctl",
    values: {
      kernelQueue: { method: "none" },
      accessLog: { output: { prepareHostPath: false } },
      fluentBit: { nativeSidecar: "never" },
      gateway: { autoscaling: { enabled: true, minReplicas: 3, maxReplicas: 9 }, proxyResources: { requests: { cpu: "500m" } } },
    },
  },
];

describe("the description of istioctl's gateway Deployment", () => {
  it.each(ISTIO_VERSIONS)("Istio %s: the chart's counts match the fixture written from Istio's gateway template", (version) => {
    const pod = (generatedDeployment(version, "g", "n") as unknown as Workload).spec.template.spec;
    expect(ISTIO_GATEWAY_DEPLOYMENTS[version]).toEqual({
      containers: pod.containers.length,
      initContainers: pod.initContainers?.length ?? 0,
      volumes: pod.volumes.length,
      proxyVolumeMounts: (pod.containers[0]!["volumeMounts"] as unknown[]).length,
    });
    expect(validateDocument(generatedDeployment(version, "g", "n"))).toEqual([]);
  });
});

describe("the compile's check that istioctl's gateway has no init containers (the overlays set the whole list)", () => {
  it("passes for every Istio version the chart describes, and names a version whose gateway has some", () => {
    expect(generatedGatewaysHaveNoInitContainers.run()).toEqual([]);
    const withInit = { ...ISTIO_GATEWAY_DEPLOYMENTS, "1.99": { ...ISTIO_GATEWAY_DEPLOYMENTS[ISTIO_VERSIONS[0]!]!, initContainers: 1 } };
    expect(gatewaysWithInitContainers(withInit)).toEqual([
      "values-schema/istio-gateways.ts: Istio 1.99's gateway has init containers; resources/istio-operator/overlays.ts must append to them by index",
    ]);
  });
});

describe.each(VALUE_SETS)("IstioOperator mode, $name", ({ values }) => {
  it("renders the IstioOperator and the ConfigMaps instead of the Deployment, Service, ServiceAccount, RBAC, HPA and PDB", async () => {
    const rendered = await render(withMode(values, "istioOperator"));
    const envoy = (values["accessLog"] as Json | undefined)?.["source"] === "envoy";
    const sourceFiles = envoy ? ["envoy-access-log.yaml", "envoy-bootstrap-configmap.yaml"] : ["nginx-configmap.yaml"];
    expect(Object.keys(rendered).sort()).toEqual([...sourceFiles, "fluent-bit-configmap.yaml", "istio-operator.yaml", "tests/test-connection.yaml"].sort());
    for (const documents of Object.values(rendered)) for (const document of documents) expect(validateDocument(document)).toEqual([]);
  });

  it.each(ISTIO_VERSIONS)("Istio %s: istioctl's Deployment gets the same pod as injection mode's", async (version) => {
    // The socket queue's method is per mode by default (kernelQueue.method auto): compare with
    // an injection-mode pod whose pod sysctl istiod is acknowledged to keep, as istioctl does.
    const queue = (values["kernelQueue"] as Json | undefined) ?? { method: "podSysctl", podSysctlSurvivesInjection: true };
    const injection = (await render(withMode({ ...values, kernelQueue: queue }, "injection")))["deployment.yaml"]![0] as Workload;
    const operator = (await render(withMode(values, "istioOperator", { istioOperator: { istioVersion: version } })))["istio-operator.yaml"]![0] as {
      metadata: Json;
      spec: { components: { ingressGateways: GatewayComponent[] } };
    };
    const [component] = operator.spec.components.ingressGateways;
    const generated = generatedDeployment(version, component!.name, "istio-ingress");
    const { deployment, overlayErrors } = postProcessGatewayDeployment(generated, component!);

    // Every patch applied: istioctl would have dropped a failing one without a word.
    expect(overlayErrors).toEqual([]);
    expect(validateDocument(deployment)).toEqual([]);

    const want = injection.spec.template.spec;
    const got = (deployment as unknown as Workload).spec.template.spec;
    const before = (generated as unknown as Workload).spec.template.spec;

    // The sidecars and the user's containers, identical; istio-proxy is istioctl's plus our env.
    expect(byName(withoutProxy(got.containers))).toEqual(byName(withoutProxy(want.containers)));
    const proxy = got.containers.find((container) => container["name"] === "istio-proxy")!;
    expect(proxy["image"]).toBe(before.containers[0]!["image"]);
    const wantProxy = want.containers.find((container) => container["name"] === "istio-proxy")!;
    expect(proxy["env"]).toEqual(expect.arrayContaining(wantProxy["env"] as Json[]));
    expect(proxy["volumeMounts"]).toEqual([...(before.containers[0]!["volumeMounts"] as Json[]), ...((wantProxy["volumeMounts"] as Json[] | undefined) ?? [])]);
    expect(got.containers[0]!["name"]).toBe("istio-proxy");

    // Init containers in the same start order (fluent-bit last when it is a native sidecar).
    expect(got.initContainers).toEqual(want.initContainers);

    // istioctl's volumes untouched and in place, ours after them in the same order.
    expect(got.volumes).toEqual([...before.volumes, ...want.volumes]);

    // The pod-level settings the sidecars depend on, merged into istioctl's.
    expect(got.securityContext).toEqual({ ...before.securityContext, ...want.securityContext });
    // The rollout, as the Deployment of injection mode has it.
    const workload = (deployment as unknown as { spec: Json }).spec;
    expect(workload["strategy"]).toEqual((injection.spec as unknown as Json)["strategy"]);
    expect(workload["minReadySeconds"]).toEqual((injection.spec as unknown as Json)["minReadySeconds"]);
    for (const key of ["terminationGracePeriodSeconds", "imagePullSecrets", "topologySpreadConstraints", "nodeSelector", "affinity", "tolerations", "priorityClassName", "dnsPolicy", "dnsConfig"]) {
      expect(got[key], key).toEqual(want[key]);
    }
    // Annotations only Istio's injection webhook reads.
    const { "inject.istio.io/templates": injectionTemplate, "sidecar.istio.io/rewriteAppHTTPProbers": _rewrite, ...annotations } = injection.spec.template.metadata.annotations;
    expect(injectionTemplate).toBe("gateway");
    expect((deployment as unknown as Workload).spec.template.metadata.annotations).toMatchObject(annotations);
    // `istio` is the release's in injection mode; istioctl's gateway chart sets ingressgateway
    // unless gateway.selectorLabels names one.
    const wantLabels = Object.fromEntries(Object.entries(injection.spec.template.metadata.labels).filter(([key]) => !key.startsWith("app.kubernetes.io/") && key !== "sidecar.istio.io/inject" && key !== "istio"));
    expect((deployment as unknown as Workload).spec.template.metadata.labels).toMatchObject(wantLabels);
  });
});

describe("IstioOperator fields", () => {
  it("puts replicas or autoscaling, the disruption budget, proxy resources and Service settings in the component's own fields", async () => {
    const values = withMode(
      {
        gateway: { autoscaling: { enabled: true, minReplicas: 3, maxReplicas: 9 }, proxyResources: { requests: { cpu: "500m" } }, serviceAccount: { annotations: { "iam.example.com/role": "gw" } } },
        service: { annotations: { "lb.example.com/internal": "true" }, labels: { "example.com/tier": "edge" }, externalTrafficPolicy: "Local" },
      },
      "istioOperator",
    );
    const operator = (await render(values))["istio-operator.yaml"]![0] as { spec: Json & { components: { ingressGateways: (GatewayComponent & Json)[] } } };
    const [component] = operator.spec.components.ingressGateways;
    expect(operator.spec["profile"]).toBe("empty");
    expect(component).toMatchObject({ name: "gw-ingressgateway-accesslog", namespace: "istio-ingress", label: { app: "gw-ingressgateway-accesslog" } });
    const k8s = component!.k8s as Json;
    expect(k8s["replicaCount"]).toBeUndefined();
    expect(k8s["hpaSpec"]).toMatchObject({ minReplicas: 3, maxReplicas: 9 });
    expect(k8s["podDisruptionBudget"]).toEqual({ maxUnavailable: 1, minAvailable: null });
    // Helm merges a values file's map into the default one: the other defaults stay.
    expect(k8s["resources"]).toEqual({ requests: { cpu: "500m", memory: "128Mi" }, limits: { cpu: "2000m", memory: "1024Mi" } });
    expect(k8s["serviceAnnotations"]).toEqual({ "lb.example.com/internal": "true" });
    expect(k8s["service"]).toMatchObject({ type: "LoadBalancer", externalTrafficPolicy: "Local", ports: [{ name: "status-port", port: 15021, targetPort: 15021 }, { name: "http2", port: 80, targetPort: 8081 }] });
    expect(component!.k8s!.overlays!.map((overlay) => [overlay.kind, overlay.name])).toEqual([
      ["Deployment", "gw-ingressgateway-accesslog"],
      ["Service", "gw-ingressgateway-accesslog"],
      ["ServiceAccount", "gw-ingressgateway-accesslog-service-account"],
    ]);
    expect(component!.k8s!.overlays![1]!.patches).toEqual([{ path: "metadata.labels.example\\.com/tier", value: "edge" }]);
    expect(operator.spec["values"]).toEqual({
      gateways: { "istio-ingressgateway": { autoscaleEnabled: true, autoscaleMin: 3, autoscaleMax: 9 } },
      global: { defaultPodDisruptionBudget: { enabled: true } },
    });
  });

  it("gives istioctl's HPA, Service and ServiceAccount what injection mode's have, and installs the gateway at the revision asked", async () => {
    // Where istioctl puts each field (operator/pkg/render/postprocess.go, postProcess): hpaSpec
    // is a strategic merge into its HorizontalPodAutoscaler's spec, service into its Service's
    // spec, serviceAnnotations into the Service's annotations; overlays select by kind and name
    // only. spec.revision becomes the gateway chart's `revision` value (render/manifest.go,
    // translateIstioOperatorToHelm); a gateway whose enabled is false is not rendered at all
    // (component/component.go, `spec.Enabled.GetValueOrTrue()`, since 1.24.0).
    const values: Json = {
      gateway: {
        revision: "canary",
        autoscaling: { enabled: true, minReplicas: 2, maxReplicas: 7, behavior: { scaleDown: { stabilizationWindowSeconds: 600 } } },
        serviceAccount: { annotations: { "iam.example.com/role": "gw" } },
      },
      service: {
        type: "NodePort",
        labels: { "example.com/tier": "edge" },
        ports: [
          { name: "status-port", port: 15021, targetPort: 15021 },
          { name: "http2", port: 80, targetPort: 8081, nodePort: 30080, appProtocol: "http" },
          { name: "dns", port: 53, targetPort: 8053, protocol: "UDP" },
        ],
      },
    };
    const injection = await render(withMode(values, "injection"));
    const operator = (await render(withMode(values, "istioOperator")))["istio-operator.yaml"]![0] as { spec: Json & { components: { ingressGateways: (GatewayComponent & Json)[] } } };
    const [component] = operator.spec.components.ingressGateways;
    const k8s = component!.k8s as Json & { service: Json; hpaSpec: Json };
    expect([operator.spec["revision"], component!["enabled"] ?? true]).toEqual(["canary", true]);

    const { scaleTargetRef: _target, ...hpaSpec } = (injection["hpa.yaml"]![0] as { spec: Json }).spec;
    expect(k8s.hpaSpec).toEqual(hpaSpec);

    const service = injection["service.yaml"]![0] as { metadata: { labels: Record<string, string> }; spec: Json };
    // The API server defaults a port's protocol to TCP (SetDefaults_ServicePort,
    // pkg/apis/core/v1/defaults.go); injection mode writes it, the IstioOperator only when set.
    const withDefaultProtocol = (ports: Json[]) => ports.map((port) => ({ protocol: "TCP", ...port }));
    expect([k8s.service["type"], withDefaultProtocol(k8s.service["ports"] as Json[])]).toEqual([service.spec["type"], service.spec["ports"]]);

    // The overlays, applied as istioctl applies them to the objects it generates.
    const overlays = component!.k8s!.overlays!;
    const patched = (kind: string, name: string) => {
      const object: Json = { metadata: { name, labels: {} } };
      const errors = overlays.filter((overlay) => overlay.kind === kind && overlay.name === name).flatMap((overlay) => applyOverlayPatches(object, overlay.patches));
      return { metadata: object["metadata"], errors };
    };
    // istioctl's gateway chart names its ServiceAccount after the gateway
    // (manifests/charts/gateways/istio-ingress/templates/serviceaccount.yaml: `{{ $gateway.name }}-service-account`).
    const serviceAccount = injection["serviceaccount.yaml"]![0] as { metadata: Json };
    expect(patched("ServiceAccount", `${component!.name}-service-account`)).toMatchObject({ metadata: { annotations: serviceAccount.metadata["annotations"] }, errors: [] });
    expect(patched("Service", component!.name)).toMatchObject({ metadata: { labels: { "example.com/tier": service.metadata.labels["example.com/tier"] } }, errors: [] });
  });

  it("refuses an Istio version it does not describe even when Helm skips the values schema, whose enum refuses it first", async () => {
    // Without the guard the overlays' indices would print empty (`containers[]`), and istioctl
    // would drop those patches without a word (postprocess.go): a gateway without its sidecars.
    const args = ["template", "gw", dir, "--namespace", "istio-ingress", "--set", "gateway.mode=istioOperator", "--set", "istioOperator.istioVersion=1.99"];
    const [bySchema, byTemplate] = await Promise.all([runHelm(helm!, args), runHelm(helm!, [...args, "--skip-schema-validation"])]);
    expect([bySchema.status, bySchema.stderr]).toEqual([1, expect.stringMatching(/istioOperator[\s\S]*istioVersion/)]);
    expect([byTemplate.status, byTemplate.stderr]).toEqual([
      1,
      expect.stringContaining(`istioOperator.istioVersion: the chart describes the gateway Deployment of Istio ${ISTIO_VERSIONS.join(", ")} only; pick one of them`),
    ]);
  });

  it("leaves the disruption budget out with one replica, as injection mode does", async () => {
    const operator = (await render(withMode({ gateway: { replicaCount: 1 } }, "istioOperator")))["istio-operator.yaml"]![0] as { spec: { values: Json; components: { ingressGateways: { k8s: Json }[] } } };
    expect(operator.spec.components.ingressGateways[0]!.k8s["podDisruptionBudget"]).toBeUndefined();
    expect(operator.spec.values["global"]).toEqual({ defaultPodDisruptionBudget: { enabled: false } });
  });

  it("renders only the ConfigMaps when istioOperator.render is off (the helm install beside istioctl)", async () => {
    const rendered = await render(withMode({ istioOperator: { render: false } }, "istioOperator"));
    expect(Object.keys(rendered).sort()).toEqual(["fluent-bit-configmap.yaml", "nginx-configmap.yaml", "tests/test-connection.yaml"]);
  });

  it.each(helmBinaries())("$label: refuses an Istio version the chart does not describe, naming the value and the choices", async (anyHelm) => {
    const outcome = await renderWithHelm(anyHelm, dir, withMode({ istioOperator: { istioVersion: "1.23" } }, "istioOperator"));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error).toContain("istioOperator");
    expect(outcome.error).toContain("istioVersion");
    for (const version of ISTIO_VERSIONS) expect(outcome.error).toContain(version);
  });

  it('fails with a clear message for service.type "None", which istioctl cannot honour', async () => {
    expect(await renderError(withMode({ service: { type: "None" } }, "istioOperator"))).toContain('service.type "None" is not possible with gateway.mode istioOperator');
  });

  it("selects the gateway's pods by the component's labels in the PodMonitor", async () => {
    const rendered = await renderOrThrow(helm!, dir, withMode({}, "istioOperator"), { releaseName: "gw", namespace: "istio-ingress", kubeVersion: "v1.31.0", apiVersions: ["monitoring.coreos.com/v1"] });
    expect((rendered["podmonitor.yaml"]![0] as { spec: Json }).spec["selector"]).toEqual({ matchLabels: { app: "gw-ingressgateway-accesslog" } });
  });
});

/** The IstioOperator the chart renders, parsed. */
interface RenderedOperator {
  spec: { values: Json; components: { ingressGateways: GatewayComponent[] } };
}

async function renderOperator(values: Json, release: IstioRelease): Promise<{ values: Json; component: GatewayComponent }> {
  const rendered = await render(withMode(values, "istioOperator", { istioOperator: { istioVersion: minorOf(release) } }));
  const operator = rendered["istio-operator.yaml"]![0] as RenderedOperator;
  return { values: operator.spec.values, component: operator.spec.components.ingressGateways[0]! };
}

// The releases where istioctl's PDB handling changes (test/support/istioctl-gateway.ts):
// 1.24.0/1.24.1 keep the template's minAvailable, 1.24.2 drops it, 1.28.0 renders the PDB
// only for more than one replica in Helm values, 1.28.8 copies k8s.replicaCount there.
const PDB_RELEASES: IstioRelease[] = ["1.24.0", "1.24.1", "1.24.2", "1.25.0", "1.26.0", "1.27.0", "1.28.0", "1.28.8"];

const PDB_VALUE_SETS: { name: string; values: Json }[] = [
  { name: "defaults (2 replicas)", values: {} },
  { name: "3 replicas, 2 unavailable", values: { gateway: { replicaCount: 3, podDisruptionBudget: { maxUnavailable: 2 } } } },
  { name: "autoscaled from 3", values: { gateway: { autoscaling: { enabled: true, minReplicas: 3, maxReplicas: 9 } } } },
  { name: "autoscaled from 1", values: { gateway: { autoscaling: { enabled: true, minReplicas: 1, maxReplicas: 9 } } } },
  { name: "1 replica", values: { gateway: { replicaCount: 1 } } },
  { name: "budget off", values: { gateway: { podDisruptionBudget: { enabled: false } } } },
  { name: "minAvailable 50%, unhealthy pods always evictable", values: { gateway: { replicaCount: 4, podDisruptionBudget: { minAvailable: "50%", unhealthyPodEvictionPolicy: "AlwaysAllow" } } } },
];

describe("the PodDisruptionBudget istioctl installs", () => {
  it("covers every Istio minor version the chart describes", () => {
    expect([...new Set(PDB_RELEASES.map(minorOf))]).toEqual(ISTIO_VERSIONS);
  });

  const injectionBudgets = new Map<string, Promise<Json | undefined>>();
  const injectionBudget = (name: string, values: Json) => {
    if (!injectionBudgets.has(name)) injectionBudgets.set(name, render(withMode(values, "injection")).then((rendered) => rendered["pdb.yaml"]?.[0] as Json | undefined));
    return injectionBudgets.get(name)!;
  };

  describe.each(PDB_VALUE_SETS)("$name", ({ name, values }) => {
    it.each(PDB_RELEASES)("Istio %s: the budget of injection mode, in a PDB the API server accepts", async (release) => {
      const want = await injectionBudget(name, values);
      const operator = await renderOperator(values, release);
      const pdb = postProcessPodDisruptionBudget(release, generatedPodDisruptionBudget(release, operator.values, operator.component), operator.component);
      if (!want) {
        expect(pdb).toBeUndefined();
        return;
      }
      expect(pdb, "istioctl renders no PDB").toBeDefined();
      expect(podDisruptionBudgetApiErrors(pdb!)).toEqual([]);
      expect(validateDocument(pdb)).toEqual([]);
      const spec = pdb!["spec"] as Json;
      const wantSpec = want["spec"] as Json;
      expect(spec["maxUnavailable"]).toBe(wantSpec["maxUnavailable"]);
      expect(spec["minAvailable"] ?? undefined).toBe(wantSpec["minAvailable"]);
      expect(spec["unhealthyPodEvictionPolicy"]).toBe(wantSpec["unhealthyPodEvictionPolicy"]);
      expect(spec["selector"]).toEqual({ matchLabels: gatewayLabels(release, operator.values, operator.component) });
    });
  });
});

describe("the labels istioctl gives the gateway (Deployment, pods, Service and PDB selectors)", () => {
  it.each(["1.24.0", "1.28.0"] as const)("Istio %s: istio: ingressgateway stays unless gateway.selectorLabels sets istio itself", async (release) => {
    const without = await renderOperator({ gateway: { selectorLabels: { gateway: "edge" } } }, release);
    expect(gatewayLabels(release, without.values, without.component)).toEqual({ app: "gw-ingressgateway-accesslog", gateway: "edge", istio: "ingressgateway" });
    const own = await renderOperator({ gateway: { selectorLabels: { istio: "accesslog-gateway" } } }, release);
    expect(gatewayLabels(release, own.values, own.component)).toEqual({ app: "gw-ingressgateway-accesslog", istio: "accesslog-gateway" });
  });
});

describe("the istioctl PDB model (test/support/istioctl-gateway.ts)", () => {
  const component = (podDisruptionBudget: Json): GatewayComponent => ({ name: "g", label: { app: "g" }, k8s: { podDisruptionBudget } });
  const generated = generatedPodDisruptionBudget("1.24.0", {}, component({}))!;

  it("orders releases", () => {
    expect(atLeast("1.24.2", "1.24.2")).toBe(true);
    expect(atLeast("1.24.10", "1.24.2")).toBe(true);
    expect(atLeast("1.24.1", "1.24.2")).toBe(false);
    expect(atLeast("1.25.0", "1.24.2")).toBe(true);
  });

  it("keeps the template's minAvailable next to maxUnavailable before 1.24.2 and drops it from then on", () => {
    expect((postProcessPodDisruptionBudget("1.24.1", generated, component({ maxUnavailable: 1 }))!["spec"] as Json)).toMatchObject({ minAvailable: 1, maxUnavailable: 1 });
    expect(podDisruptionBudgetApiErrors(postProcessPodDisruptionBudget("1.24.1", generated, component({ maxUnavailable: 1 }))!)).not.toEqual([]);
    expect(podDisruptionBudgetApiErrors(postProcessPodDisruptionBudget("1.24.2", generated, component({ maxUnavailable: 1 }))!)).toEqual([]);
  });

  it("deletes a key patched with null, in every release (strategic merge)", () => {
    for (const release of ["1.24.0", "1.28.0"] as const) {
      const spec = postProcessPodDisruptionBudget(release, generated, component({ maxUnavailable: 1, minAvailable: null }))!["spec"] as Json;
      expect(spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: { app: "g", istio: "ingressgateway" } } });
    }
  });

  it("renders no PDB from 1.28.0 unless Helm values ask for more than one replica; 1.28.8 reads k8s.replicaCount", () => {
    const twoReplicas: GatewayComponent = { name: "g", k8s: { replicaCount: 2 } };
    const off = { gateways: { "istio-ingressgateway": { autoscaleEnabled: false } } };
    expect(generatedPodDisruptionBudget("1.27.0", off, twoReplicas)).toBeDefined();
    expect(generatedPodDisruptionBudget("1.28.0", off, twoReplicas)).toBeUndefined();
    expect(generatedPodDisruptionBudget("1.28.8", off, twoReplicas)).toBeDefined();
    expect(generatedPodDisruptionBudget("1.28.0", { gateways: { "istio-ingressgateway": { autoscaleEnabled: false, replicaCount: 2 } } }, twoReplicas)).toBeDefined();
  });
});

describe("the overlay path model (test/support/istio-overlay.ts)", () => {
  const pod = () => ({ spec: { containers: [{ name: "a" }, { name: "b" }], volumes: [{ name: "v" }] } });

  it("splits paths on unescaped dots and list selectors", () => {
    expect(splitOverlayPath("spec.containers[name:a].env[2]")).toEqual(["spec", "containers", "[name:a]", "env", "[2]"]);
    expect(splitOverlayPath("spec.containers.[name:a]")).toEqual(["spec", "containers", "[name:a]"]);
    expect(splitOverlayPath("metadata.labels.example\\.com/team")).toEqual(["metadata", "labels", "example.com/team"]);
  });

  it("replaces below the length, appends at or past it, and selects by name", () => {
    const target = pod();
    expect(applyOverlayPatches(target, [
      { path: "spec.containers[0]", value: { name: "replaced" } },
      { path: "spec.containers[2]", value: { name: "at-length" } },
      { path: "spec.containers[9]", value: { name: "past-length" } },
      { path: "spec.containers[name:b].image", value: "x" },
    ])).toEqual([]);
    expect(target.spec.containers).toEqual([{ name: "replaced" }, { name: "b", image: "x" }, { name: "at-length" }, { name: "past-length" }]);
  });

  it("reports a name that matches nothing (istioctl skips that patch silently) and deletes without a value", () => {
    const target = pod();
    expect(applyOverlayPatches(target, [{ path: "spec.containers[name:zz].image", value: "x" }, { path: "spec.volumes[name:v]" }])).toEqual(["path spec.containers[name:zz].image: element [name:zz] not found"]);
    expect(target.spec.volumes).toEqual([]);
  });

  it("creates missing keys as maps, so an index on a missing list is not a list", () => {
    const target: Json = { spec: {} };
    applyOverlayPatches(target, [{ path: "spec.initContainers", value: [{ name: "i" }] }, { path: "spec.other[0]", value: { name: "o" } }]);
    expect(target).toEqual({ spec: { initContainers: [{ name: "i" }], other: { "[0]": { name: "o" } } } });
  });
});
