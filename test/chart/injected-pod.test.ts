// The gateway pod as it runs: the chart's Deployment after Istio's gateway injection
// (test/support/istio-injection.ts, every Istio version the model covers), for the defaults,
// every injection-mode example and Kubernetes with and without native sidecars. Each check
// names what would stop the pod from starting or from logging on a real cluster.
import type { IDaemonSet } from "kubernetes-models/apps/v1/DaemonSet";
import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { helmBinaries } from "../../helm/run.ts";
import { DEFAULT_RENDER, renderOrThrow } from "../../compiler/testing/render.ts";
import { EXAMPLES } from "../../resources/examples.ts";
import chartDefinition from "../../resources/index.ts";
import { requirePrograms } from "../datapath/rig/programs.ts";
import { compileToDirectory } from "../support/differential.ts";
import { INJECTION_VERSIONS, injectGatewayPod, type IstiodSettings, type PodTemplate } from "../support/istio-injection.ts";
import { validateDocument } from "../support/kubernetes-models.ts";
import { PodRejectedError, runStartupProbeInPod } from "../support/pod-network.ts";

type Json = Record<string, unknown>;
type Values = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const { dir } = compileToDirectory(chartDefinition);
const [helm] = helmBinaries();
const KUBE_VERSIONS = ["v1.28.3", "v1.31.2"];
const QUEUE_SYSCTL = "net.unix.max_dgram_qlen";

const VALUE_SETS: { name: string; values: Values }[] = [
  { name: "defaults", values: {} },
  { name: "autoscaling on", values: { gateway: { autoscaling: { enabled: true } } } },
  { name: "DaemonSet", values: { gateway: { kind: "DaemonSet", podDisruptionBudget: { enabled: false } } } },
  {
    name: "the official chart's istio-proxy and pod settings",
    values: {
      gateway: {
        extraVolumes: [{ name: "certs", secret: { secretName: "gw-certs" } }],
        proxyVolumeMounts: [{ name: "certs", mountPath: "/etc/certs", readOnly: true }],
        proxyEnv: { ISTIO_META_ROUTER_MODE: "standard" },
        proxyEnvFrom: [{ name: "TOKEN", valueFrom: { secretKeyRef: { name: "gw-token", key: "token" } } }],
        proxyLifecycle: { preStop: { exec: { command: ["sleep", "5"] } } },
        proxyReadinessProbe: { httpGet: { path: "/healthz/ready", port: 15021 }, periodSeconds: 5 },
        proxyImagePullPolicy: "Always",
        podSecurityContext: { supplementalGroups: [4000] },
      },
    },
  },
  ...EXAMPLES.filter((example) => (example.values.gateway as { mode?: string } | undefined)?.mode !== "istioOperator").map((example) => ({ name: `example ${example.name}`, values: example.values as Values })),
];

const containersOf = (spec: Json, key: "containers" | "initContainers") => (spec[key] ?? []) as Json[];
const nativeSidecars = (spec: Json) => containersOf(spec, "initContainers").filter((container) => container["restartPolicy"] === "Always");

/** Where the queue is raised: at sandbox creation (-1), by the init container at that index, or never. */
function queueRaisedAt(spec: Json, wanted: number): number | undefined {
  const sysctls = ((spec["securityContext"] as Json | undefined)?.["sysctls"] ?? []) as { name: string; value: string }[];
  if (sysctls.some((sysctl) => sysctl.name === QUEUE_SYSCTL && Number(sysctl.value) >= wanted)) return -1;
  const index = containersOf(spec, "initContainers").findIndex((container) => {
    const privileged = (container["securityContext"] as Json | undefined)?.["privileged"] === true;
    const words = [...((container["command"] ?? []) as string[]), ...((container["args"] ?? []) as string[])];
    return privileged && container["restartPolicy"] !== "Always" && words.some((word) => word.startsWith(`${QUEUE_SYSCTL}=`) && Number(word.split("=")[1]) >= wanted);
  });
  return index >= 0 ? index : undefined;
}

/** A probe's target port, resolved against the container's own named ports; undefined for exec. */
function probePort(container: Json, probe: Json): number | string | undefined {
  const action = (probe["httpGet"] ?? probe["tcpSocket"] ?? probe["grpc"]) as Json | undefined;
  if (!action) return undefined;
  const port = action["port"] as number | string;
  const own = ((container["ports"] ?? []) as Json[]).find((candidate) => candidate["name"] === port);
  return own ? (own["containerPort"] as number) : port;
}

interface Case {
  readonly values: Values;
  readonly rendered: PodTemplate;
  readonly injected: PodTemplate;
}

/** The checks, each returning what is wrong (nothing when the pod is right). */
const CHECKS: Record<string, (pod: Case) => string[]> = {
  "the socket queue is raised before fluent-bit creates the socket": ({ values, injected }) => {
    if (values.accessLog?.source === "envoy" || values.kernelQueue?.method === "none") return [];
    const wanted = values.kernelQueue?.maxDgramQlen ?? 4096;
    const raisedAt = queueRaisedAt(injected.spec, wanted);
    if (raisedAt === undefined) return [`${QUEUE_SYSCTL} is never raised to ${wanted} in the injected pod (pod sysctls: ${JSON.stringify((injected.spec["securityContext"] as Json)["sysctls"])})`];
    const fluentBit = containersOf(injected.spec, "initContainers").findIndex((container) => container["name"] === "fluent-bit");
    return fluentBit >= 0 && raisedAt > fluentBit ? [`the queue is raised by init container ${raisedAt}, after fluent-bit (${fluentBit}) bound the socket`] : [];
  },
  "nginx's startup check passes in the injected pod's network namespace (real kernel)": ({ values, injected }) => {
    if (values.accessLog?.source === "envoy" || values.kernelQueue?.method === "none") return [];
    try {
      const probe = runStartupProbeInPod(injected.spec, "nginx", kubeletAllows(values), platformUser(values));
      return probe.status === 0 ? [] : [`nginx's startup probe fails (exit ${probe.status}): ${probe.output.trim()}`];
    } catch (error) {
      if (error instanceof PodRejectedError) return [error.message];
      throw error;
    }
  },
  "no native sidecar's startup probe waits for a container that starts after it": ({ injected }) =>
    nativeSidecars(injected.spec).flatMap((container) => {
      const probe = container["startupProbe"] as Json | undefined;
      if (!probe) return [];
      const port = probePort(container, probe);
      const own = ((container["ports"] ?? []) as Json[]).map((candidate) => candidate["containerPort"]);
      // The kubelet starts the next container only once this probe passes (KEP-753): a port
      // served by a later container, pilot-agent's included, never answers in time.
      return port === undefined || own.includes(port) ? [] : [`${String(container["name"])}'s startup probe targets port ${port}, which it does not serve: ${JSON.stringify(probe)}`];
    }),
  "every container the HPA sums has a CPU request when autoscaling is on": ({ values, injected }) => {
    if (!values.gateway?.autoscaling?.enabled) return [];
    // kubernetes pkg/controller/podautoscaler/replica_calculator.go calculatePodRequests:
    // regular containers and restartable init containers; one without a request fails the HPA.
    return [...containersOf(injected.spec, "containers"), ...nativeSidecars(injected.spec)]
      .filter((container) => ((container["resources"] as Json | undefined)?.["requests"] as Json | undefined)?.["cpu"] === undefined)
      .map((container) => `missing request for cpu in container ${String(container["name"])}`);
  },
  "istio-proxy has resources and a hardened securityContext": ({ injected }) => {
    const proxy = containersOf(injected.spec, "containers").find((container) => container["name"] === "istio-proxy")!;
    const resources = (proxy["resources"] ?? {}) as { requests?: Json; limits?: Json };
    const security = (proxy["securityContext"] ?? {}) as Json;
    const problems: string[] = [];
    if (resources.requests?.["cpu"] === undefined || resources.requests?.["memory"] === undefined) problems.push(`istio-proxy requests ${JSON.stringify(resources.requests ?? {})}`);
    if (resources.limits?.["memory"] === undefined) problems.push("istio-proxy has no memory limit");
    const hardened = { allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ["ALL"] } };
    for (const [key, value] of Object.entries(hardened)) if (JSON.stringify(security[key]) !== JSON.stringify(value)) problems.push(`istio-proxy securityContext.${key} is ${JSON.stringify(security[key])}, not ${JSON.stringify(value)}`);
    return problems;
  },
  "injection leaves the chart's containers, init containers and volumes as rendered, in their order": ({ rendered, injected }) => {
    const problems: string[] = [];
    for (const key of ["containers", "initContainers"] as const) {
      for (const ours of containersOf(rendered.spec, key).filter((container) => container["name"] !== "istio-proxy")) {
        const after = containersOf(injected.spec, key).find((container) => container["name"] === ours["name"]);
        if (JSON.stringify(after) !== JSON.stringify(ours)) problems.push(`${key} ${String(ours["name"])} changed: ${JSON.stringify(after)}`);
      }
      const names = (spec: Json) => containersOf(spec, key).map((container) => container["name"]).filter((name) => name !== "istio-proxy");
      if (JSON.stringify(names(injected.spec)) !== JSON.stringify(names(rendered.spec))) problems.push(`${key} order ${JSON.stringify(names(injected.spec))}`);
    }
    for (const volume of (rendered.spec.volumes ?? []) as Json[]) {
      const after = (injected.spec.volumes ?? []).find((candidate) => candidate["name"] === volume["name"]);
      if (JSON.stringify(after) !== JSON.stringify(volume)) problems.push(`volume ${String(volume["name"])} became ${JSON.stringify(after)}`);
    }
    return problems;
  },
  // A pod on the host network would share the node's ports (two gateway pods of a node would
  // clash on nginx's) and its day files would no longer be one pod's per node for a DaemonSet.
  "the pod stays off the host network": ({ injected }) => (injected.spec["hostNetwork"] === true ? ["hostNetwork is true"] : []),
  // reapplyOverwrittenContainers patches the pod's own istio-proxy back over the template's
  // (istio/istio pkg/kube/inject/webhook.go), and the template's pod securityContext is merged
  // into the pod's: what the user set must reach the running pod.
  "the user's istio-proxy and pod settings survive injection": ({ values, injected }) => {
    const gateway = (values["gateway"] ?? {}) as Json;
    const proxy = containersOf(injected.spec, "containers").find((container) => container["name"] === "istio-proxy") ?? {};
    const problems: string[] = [];
    const env = (proxy["env"] ?? []) as Json[];
    for (const [name, value] of Object.entries((gateway["proxyEnv"] ?? {}) as Record<string, string>)) if (!env.some((entry) => entry["name"] === name && entry["value"] === value)) problems.push(`env ${name} missing`);
    for (const entry of (gateway["proxyEnvFrom"] ?? []) as Json[]) if (!env.some((candidate) => isDeepStrictEqual(candidate, entry))) problems.push(`env ${String(entry["name"])} missing`);
    const mounts = (proxy["volumeMounts"] ?? []) as Json[];
    for (const mount of (gateway["proxyVolumeMounts"] ?? []) as Json[]) if (!mounts.some((candidate) => isDeepStrictEqual(candidate, mount))) problems.push(`volumeMount ${String(mount["name"])} missing`);
    // A strategic merge: the user's keys win, the template's others stay (a probe keeps
    // Istio's thresholds unless the user sets them; values-schema says so).
    for (const [value, key] of [["proxyLifecycle", "lifecycle"], ["proxyReadinessProbe", "readinessProbe"]] as const) {
      const wanted = (gateway[value] ?? {}) as Json;
      const got = (proxy[key] ?? {}) as Json;
      for (const [field, setting] of Object.entries(wanted)) if (!isDeepStrictEqual(got[field], setting)) problems.push(`${key}.${field} is ${JSON.stringify(got[field])}`);
    }
    if (gateway["proxyImagePullPolicy"] && proxy["imagePullPolicy"] !== gateway["proxyImagePullPolicy"]) problems.push(`imagePullPolicy is ${String(proxy["imagePullPolicy"])}`);
    const podContext = (injected.spec["securityContext"] ?? {}) as Json;
    for (const [key, value] of Object.entries((gateway["podSecurityContext"] ?? {}) as Json)) if (!isDeepStrictEqual(podContext[key], value)) problems.push(`pod securityContext.${key} is ${JSON.stringify(podContext[key])}`);
    return problems;
  },
  // A spread constraint whose selector matches none of the pods spreads nothing, silently.
  "topology spread constraints select the gateway's own pods": ({ injected }) => {
    const labels = injected.metadata.labels ?? {};
    return ((injected.spec["topologySpreadConstraints"] ?? []) as Json[]).flatMap((constraint) =>
      Object.entries(((constraint["labelSelector"] as Json | undefined)?.["matchLabels"] ?? {}) as Record<string, string>)
        .filter(([key, value]) => labels[key] !== value)
        .map(([key, value]) => `${String(constraint["topologyKey"])}: selects ${key}=${value}, the pods have ${labels[key] ?? "no such label"}`),
    );
  },
  "kubectl logs and exec default to the access log's writer": ({ values, injected }) => {
    const writer = values.accessLog?.source === "envoy" ? "istio-proxy" : "nginx";
    const annotations = injected.metadata.annotations ?? {};
    return ["kubectl.kubernetes.io/default-container", "kubectl.kubernetes.io/default-logs-container"]
      .filter((key) => annotations[key] !== writer)
      .map((key) => `${key} is ${annotations[key]}, not ${writer}`);
  },
};

async function renderedPod(values: Values, kubeVersion: string): Promise<{ pod: PodTemplate; name: string }> {
  const rendered = await renderOrThrow(helm!, dir, values, { ...DEFAULT_RENDER, kubeVersion });
  // A Deployment or a DaemonSet (gateway.kind): the same pod template either way.
  const workload = (rendered["deployment.yaml"]?.[0] ?? rendered["daemonset.yaml"]?.[0]) as IDeployment | IDaemonSet | undefined;
  if (!workload) throw new Error("neither deployment.yaml nor daemonset.yaml rendered a workload");
  // The workload itself, as the API server's schema has it (the DaemonSet's updateStrategy …).
  const problems = validateDocument(workload);
  if (problems.length > 0) throw new Error(`the rendered workload is not valid: ${problems.join("; ")}`);
  return { pod: workload.spec!.template as unknown as PodTemplate, name: workload.metadata!.name! };
}

/**
 * What kernelQueue.podSysctlSurvivesInjection acknowledges the cluster has: istiod's
 * values.gateways.securityContext carrying the queue sysctl (beside the unprivileged-ports one
 * it replaces), and kubelets that allow it.
 */
const acknowledgedIstiod = (values: Values): Omit<IstiodSettings, "version"> =>
  values.kernelQueue?.podSysctlSurvivesInjection
    ? { gatewaysSecurityContext: { sysctls: [{ name: "net.ipv4.ip_unprivileged_port_start", value: "0" }, { name: QUEUE_SYSCTL, value: String(values.kernelQueue?.maxDgramQlen ?? 4096) }] } }
    : {};
const kubeletAllows = (values: Values): string[] => (values.kernelQueue?.podSysctlSurvivesInjection ? [QUEUE_SYSCTL] : []);
/** On OpenShift the container names no user: the SCC assigns one from the namespace's range, in group 0. */
const platformUser = (values: Values) => (values.platform === "openshift" ? { uid: 1000680000, gid: 0 } : undefined);

const ISTIOD: readonly { name: string; settings: Omit<IstiodSettings, "version"> }[] = [
  { name: "istiod defaults", settings: {} },
  { name: "holdApplicationUntilProxyStarts", settings: { holdApplicationUntilProxyStarts: true } },
];

describe.each(VALUE_SETS)("injected gateway pod, $name", ({ values }) => {
  describe.each(KUBE_VERSIONS)("Kubernetes %s", (kubeVersion) => {
    it.each(Object.keys(CHECKS))("%s", async (check) => {
      if (check.includes("real kernel")) requirePrograms("unshare", "setpriv");
      const { pod: rendered, name } = await renderedPod(values, kubeVersion);
      const problems = INJECTION_VERSIONS.flatMap((version) =>
        ISTIOD.flatMap(({ name: istiod, settings }) => {
          const injected = injectGatewayPod(rendered, name, { version, ...acknowledgedIstiod(values), ...settings });
          return CHECKS[check]!({ values, rendered, injected }).map((problem) => `Istio ${version}, ${istiod}: ${problem}`);
        }),
      );
      expect(problems).toEqual([]);
    });
  });
});

describe("injected-pod checks", () => {
  it("are about a pod Istio actually injects with the gateway template", async () => {
    const { pod, name } = await renderedPod({}, "v1.31.2");
    expect(() => injectGatewayPod(pod, name, { version: "1.28" })).not.toThrow();
  });
});

describe("fluentBit.nativeSidecar", () => {
  // Native sidecars (init containers with restartPolicy Always, KEP-753) are alpha behind the
  // SidecarContainers feature gate in Kubernetes 1.28 and on by default from 1.29
  // (pkg/features/kube_features.go): auto follows the version, always is for a 1.28 cluster
  // that enabled the gate (or a render that cannot see the version), never for one without it.
  it.each([
    ["auto", "v1.28.3", false],
    ["auto", "v1.29.0", true],
    ["always", "v1.28.3", true],
    ["never", "v1.31.2", false],
  ] as const)("%s on Kubernetes %s: fluent-bit a native sidecar, %s", async (mode, kubeVersion, native) => {
    const { pod, name } = await renderedPod({ fluentBit: { nativeSidecar: mode } }, kubeVersion);
    const injected = injectGatewayPod(pod, name, { version: INJECTION_VERSIONS[INJECTION_VERSIONS.length - 1]! });
    const names = (key: "containers" | "initContainers") => containersOf(injected.spec, key).map((container) => container["name"]);
    expect(nativeSidecars(injected.spec).map((container) => container["name"])).toEqual(native ? ["fluent-bit"] : []);
    expect(names("containers").includes("fluent-bit")).toBe(!native);
    expect(names("initContainers").includes("fluent-bit")).toBe(native);
  });
});
