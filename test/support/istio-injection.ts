// A model of what istiod's injection webhook does to a pod that asks for the `gateway`
// template (label sidecar.istio.io/inject "true", annotation inject.istio.io/templates
// "gateway"), written by hand from istio/istio's sources because istiod cannot run here.
// Line numbers are of release-1.28; the functions are the same in release-1.24 … 1.28
// except where a rule names a version.
//
//   pkg/kube/inject/webhook.go:463 injectPod: RunTemplate → reapplyOverwrittenContainers → postProcessPod
//   pkg/kube/inject/inject.go:407 RunTemplate: the template is strategic-merge-patched onto the pod
//   manifests/charts/istio-control/istio-discovery/files/gateway-injection-template.yaml: what the template renders
//   pkg/kube/inject/webhook.go:509 reapplyOverwrittenContainers: the pod's own istio-proxy is patched back on top
//   pkg/kube/inject/webhook.go:740 postProcessPod: prometheus merge, probe rewrite, status annotation, reorder
//
// Not modelled (no effect on the pods this chart renders): re-injection of an already injected
// pod (stripPod, reinsertOverrides), istio-init/istio-validation containers (the gateway
// template has none), overwriteClusterInfo, OpenShift UIDs, the proxy image resolution.
import { parse } from "yaml";
import { POD_PATCH_META, strategicMerge, type Json, type JsonMap } from "./strategic-merge.ts";

export const INJECTION_VERSIONS = ["1.24", "1.25", "1.26", "1.27", "1.28"] as const;
export type InjectionVersion = (typeof INJECTION_VERSIONS)[number];

/** istiod's settings that change the injected gateway pod. */
export interface IstiodSettings {
  readonly version: InjectionVersion;
  /** values.gateways.securityContext of istio-discovery (default {}: unset). */
  readonly gatewaysSecurityContext?: JsonMap;
  /** values.sidecarInjectorWebhook.rewriteAppHTTPProbe (default true). */
  readonly rewriteAppHTTPProbe?: boolean;
  /** meshConfig.defaultConfig.statusPort (default 15020). */
  readonly statusPort?: number;
  /** meshConfig.defaultConfig.holdApplicationUntilProxyStarts (default false). */
  readonly holdApplicationUntilProxyStarts?: boolean;
  /** meshConfig.enablePrometheusMerge (default true). */
  readonly enablePrometheusMerge?: boolean;
  /** The injecting istiod's revision ("" for default). */
  readonly revision?: string;
}

export interface PodTemplate {
  metadata: { labels?: Record<string, string>; annotations?: Record<string, string>; [key: string]: Json };
  spec: JsonMap & { containers: JsonMap[]; initContainers?: JsonMap[]; volumes?: JsonMap[] };
}

export class NotInjectedError extends Error {}

const PROXY = "istio-proxy";

/** strconv.ParseBool: what Go accepts as a boolean annotation. */
export function goParseBool(value: string): boolean | undefined {
  if (["1", "t", "T", "TRUE", "true", "True"].includes(value)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(value)) return false;
  return undefined;
}

/**
 * The pod's securityContext from the template (gateway-injection-template.yaml:18-25): istiod's
 * values.gateways.securityContext when set, else only the unprivileged-ports sysctl.
 */
function templateSecurityContext(settings: IstiodSettings): JsonMap {
  const configured = settings.gatewaysSecurityContext ?? {};
  return Object.keys(configured).length > 0 ? structuredClone(configured) : { sysctls: [{ name: "net.ipv4.ip_unprivileged_port_start", value: "0" }] };
}

/** The template's istio-proxy container (gateway-injection-template.yaml:26-204), at istiod's default values. */
function templateProxy(pod: PodTemplate, settings: IstiodSettings, appContainers: string[], workloadName: string): JsonMap {
  const annotations = pod.metadata.annotations ?? {};
  const podPorts = pod.spec.containers.flatMap((container) => (container["ports"] as Json[] | undefined) ?? []);
  return {
    name: PROXY,
    image: "docker.io/istio/proxyv2",
    ports: [{ containerPort: 15090, protocol: "TCP", name: "http-envoy-prom" }],
    args: ["proxy", "router", "--domain", "$(POD_NAMESPACE).svc.cluster.local", "--proxyLogLevel=warning", "--proxyComponentLogLevel=misc:error", "--log_output_level=default:info"],
    securityContext: { runAsUser: 1337, runAsGroup: 1337 },
    env: [
      { name: "PILOT_CERT_PROVIDER", value: "istiod" },
      { name: "CA_ADDR", value: `istiod${settings.revision ? `-${settings.revision}` : ""}.istio-system.svc:15012` },
      { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
      { name: "POD_NAMESPACE", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
      { name: "INSTANCE_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } },
      { name: "SERVICE_ACCOUNT", valueFrom: { fieldRef: { fieldPath: "spec.serviceAccountName" } } },
      { name: "HOST_IP", valueFrom: { fieldRef: { fieldPath: "status.hostIP" } } },
      { name: "ISTIO_CPU_LIMIT", valueFrom: { resourceFieldRef: { resource: "limits.cpu" } } },
      // protoToJSON .ProxyConfig: the mesh default with the pod's proxy.istio.io/config on top.
      { name: "PROXY_CONFIG", value: JSON.stringify(parse(annotations["proxy.istio.io/config"] ?? "{}")) },
      { name: "ISTIO_META_POD_PORTS", value: JSON.stringify(podPorts) },
      { name: "GOMEMLIMIT", valueFrom: { resourceFieldRef: { resource: "limits.memory" } } },
      { name: "GOMAXPROCS", valueFrom: { resourceFieldRef: { resource: "limits.cpu" } } },
      { name: "ISTIO_META_APP_CONTAINERS", value: appContainers.join(",") },
      { name: "ISTIO_META_CLUSTER_ID", value: "Kubernetes" },
      { name: "ISTIO_META_NODE_NAME", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } },
      { name: "ISTIO_META_INTERCEPTION_MODE", value: "REDIRECT" },
      { name: "ISTIO_META_WORKLOAD_NAME", value: workloadName },
    ],
    readinessProbe: { httpGet: { path: "/healthz/ready", port: 15021 }, initialDelaySeconds: 0, periodSeconds: 15, timeoutSeconds: 3, failureThreshold: 4 },
    volumeMounts: [
      { name: "workload-socket", mountPath: "/var/run/secrets/workload-spiffe-uds" },
      { name: "credential-socket", mountPath: "/var/run/secrets/credential-uds" },
      { name: "workload-certs", mountPath: "/var/run/secrets/workload-spiffe-credentials" },
      { mountPath: "/var/run/secrets/istio", name: "istiod-ca-cert" },
      { mountPath: "/var/lib/istio/data", name: "istio-data" },
      { mountPath: "/etc/istio/proxy", name: "istio-envoy" },
      { mountPath: "/var/run/secrets/tokens", name: "istio-token" },
      { name: "istio-podinfo", mountPath: "/etc/istio/pod" },
    ],
  };
}

/** The template's volumes (gateway-injection-template.yaml:205-268); 1.27+ writes workload-socket's emptyDir as null. */
function templateVolumes(settings: IstiodSettings): JsonMap[] {
  const nullEmptyDir = settings.version === "1.27" || settings.version === "1.28";
  return [
    { emptyDir: nullEmptyDir ? null : {}, name: "workload-socket" },
    { emptyDir: {}, name: "credential-socket" },
    { emptyDir: {}, name: "workload-certs" },
    { emptyDir: { medium: "Memory" }, name: "istio-envoy" },
    { name: "istio-data", emptyDir: {} },
    {
      name: "istio-podinfo",
      downwardAPI: { items: [{ path: "labels", fieldRef: { fieldPath: "metadata.labels" } }, { path: "annotations", fieldRef: { fieldPath: "metadata.annotations" } }] },
    },
    { name: "istio-token", projected: { sources: [{ serviceAccountToken: { path: "istio-token", expirationSeconds: 43200, audience: "istio-ca" } }] } },
    { name: "istiod-ca-cert", configMap: { name: "istio-ca-root-cert" } },
  ];
}

/** What the gateway template renders for this pod, as a pod overlay. */
export function renderGatewayTemplate(pod: PodTemplate, settings: IstiodSettings, workloadName: string): JsonMap {
  const labels = pod.metadata.labels ?? {};
  const annotations = pod.metadata.annotations ?? {};
  const appContainers = pod.spec.containers.map((container) => String(container["name"])).filter((name) => name !== PROXY);
  const templateAnnotations: Record<string, string> = { "istio.io/rev": settings.revision || "default" };
  // gateway-injection-template.yaml:9-16: only when the pod does not set them.
  if (appContainers.length > 0) {
    if (!("kubectl.kubernetes.io/default-logs-container" in annotations)) templateAnnotations["kubectl.kubernetes.io/default-logs-container"] = appContainers[0]!;
    if (!("kubectl.kubernetes.io/default-container" in annotations)) templateAnnotations["kubectl.kubernetes.io/default-container"] = appContainers[0]!;
  }
  return {
    metadata: {
      labels: {
        "service.istio.io/canonical-name": labels["service.istio.io/canonical-name"] || labels["app.kubernetes.io/name"] || labels["app"] || workloadName,
        "service.istio.io/canonical-revision": labels["service.istio.io/canonical-revision"] || labels["app.kubernetes.io/version"] || labels["version"] || "latest",
      },
      annotations: templateAnnotations,
    },
    spec: {
      securityContext: templateSecurityContext(settings),
      containers: [templateProxy(pod, settings, appContainers, workloadName)],
      volumes: templateVolumes(settings),
    },
  };
}

function findContainer(pod: PodTemplate, name: string): JsonMap | undefined {
  return pod.spec.containers.find((container) => container["name"] === name) ?? pod.spec.initContainers?.find((container) => container["name"] === name);
}

/** status.FormatProberURL (pilot/cmd/pilot-agent/status/server.go): the URLs pilot-agent serves for a container's probes. */
function proberURLs(container: string) {
  return {
    readinessProbe: `/app-health/${container}/readyz`,
    livenessProbe: `/app-health/${container}/livez`,
    startupProbe: `/app-health/${container}/startupz`,
    preStop: `/app-lifecycle/${container}/prestopz`,
    postStart: `/app-lifecycle/${container}/poststartz`,
  };
}

/**
 * convertAppProber (app_probe.go:68): HTTP, TCP and gRPC actions become an HTTP GET of
 * pilot-agent's status port; HTTPS becomes HTTP; exec is left alone.
 */
function rewriteAction(action: JsonMap, url: string, statusPort: number): JsonMap | undefined {
  const rewritten = structuredClone(action);
  if (isMap(action["httpGet"])) {
    const get = rewritten["httpGet"] as JsonMap;
    get["port"] = statusPort;
    get["path"] = url;
    if (get["scheme"] === "HTTPS") get["scheme"] = "HTTP";
    return rewritten;
  }
  for (const kind of ["tcpSocket", "grpc"]) {
    if (isMap(action[kind])) {
      delete rewritten[kind];
      rewritten["httpGet"] = { port: statusPort, path: url };
      return rewritten;
    }
  }
  return undefined;
}

const isMap = (value: Json): value is JsonMap => value !== null && typeof value === "object" && !Array.isArray(value);

/** DumpAppProbers (app_probe.go:168): the original probes pilot-agent will call, named ports resolved. */
function dumpAppProbers(pod: PodTemplate, statusPort: number, lifecycle: boolean): Record<string, JsonMap> {
  const probers: Record<string, JsonMap> = {};
  for (const container of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
    const name = String(container["name"]);
    if (name === PROXY) continue;
    const ports = Object.fromEntries(((container["ports"] as JsonMap[] | undefined) ?? []).filter((port) => port["name"]).map((port) => [port["name"], port["containerPort"]]));
    const urls = proberURLs(name);
    // kubeProbeToInternalProber keeps a probe's timeout; kubeLifecycleHandlerToInternalProber has none (and no gRPC).
    const handlers: [string, Json, boolean][] = [
      [urls.readinessProbe, container["readinessProbe"], true],
      [urls.livenessProbe, container["livenessProbe"], true],
      [urls.startupProbe, container["startupProbe"], true],
    ];
    const hooks = container["lifecycle"] as JsonMap | undefined;
    if (lifecycle && hooks) handlers.push([urls.preStop, hooks["preStop"], false], [urls.postStart, hooks["postStart"], false]);
    for (const [url, handler, isProbe] of handlers) {
      if (!isMap(handler)) continue;
      const prober: JsonMap = {};
      for (const kind of isProbe ? ["httpGet", "tcpSocket", "grpc"] : ["httpGet", "tcpSocket"]) if (isMap(handler[kind])) prober[kind] = structuredClone(handler[kind]);
      if (isProbe && handler["timeoutSeconds"]) prober["timeoutSeconds"] = handler["timeoutSeconds"];
      const action = (prober["httpGet"] ?? prober["tcpSocket"]) as JsonMap | undefined;
      if (!prober["grpc"]) {
        if (!action) continue;
        if (typeof action["port"] === "string") {
          if (!(action["port"] in ports)) continue;
          action["port"] = ports[action["port"]];
        } else if (action["port"] === statusPort) continue;
      }
      probers[url] = prober;
    }
  }
  return probers;
}

/**
 * applyRewrite (webhook.go:826) and patchRewriteProbe (app_probe.go:247): unless the pod's
 * sidecar.istio.io/rewriteAppHTTPProbers annotation (or istiod's rewriteAppHTTPProbe) says
 * false, every probe of every container but istio-proxy, init containers included, is
 * pointed at pilot-agent. Since 1.25 HTTP/TCP lifecycle hooks are too.
 */
function rewriteProbes(pod: PodTemplate, settings: IstiodSettings): void {
  const proxy = findContainer(pod, PROXY);
  if (!proxy) return;
  const annotations = pod.metadata.annotations ?? {};
  const fromAnnotation = annotations["sidecar.istio.io/rewriteAppHTTPProbers"];
  const rewrite = (fromAnnotation !== undefined ? goParseBool(fromAnnotation) : undefined) ?? settings.rewriteAppHTTPProbe ?? true;
  if (!rewrite) return;
  const meshStatusPort = settings.statusPort ?? 15020;
  const lifecycle = settings.version !== "1.24";
  const probers = dumpAppProbers(pod, meshStatusPort, lifecycle);
  if (Object.keys(probers).length > 0) {
    proxy["env"] = [...((proxy["env"] as Json[] | undefined) ?? []), { name: "ISTIO_KUBE_APP_PROBERS", value: JSON.stringify(probers) }];
  }
  const portAnnotation = annotations["status.sidecar.istio.io/port"];
  const statusPort = portAnnotation !== undefined ? Number.parseInt(portAnnotation, 10) : meshStatusPort;
  for (const container of [...pod.spec.containers, ...(pod.spec.initContainers ?? [])]) {
    if (container["name"] === PROXY) continue;
    const urls = proberURLs(String(container["name"]));
    for (const probe of ["readinessProbe", "livenessProbe", "startupProbe"] as const) {
      const current = container[probe];
      const rewritten = isMap(current) ? rewriteAction(current, urls[probe], statusPort) : undefined;
      if (rewritten) container[probe] = rewritten;
    }
    const hooks = container["lifecycle"];
    if (lifecycle && isMap(hooks)) {
      for (const hook of ["preStop", "postStart"] as const) {
        const handler = hooks[hook];
        // convertAppLifecycleHandler: only httpGet and tcpSocket (no gRPC hooks exist).
        const rewritten = isMap(handler) && !isMap(handler["grpc"]) ? rewriteAction(handler, urls[hook], statusPort) : undefined;
        if (rewritten) hooks[hook] = rewritten;
      }
    }
  }
}

/** applyPrometheusMerge (webhook.go:887): unless scrape is off, Envoy's merged metrics are announced on the pod. */
function mergePrometheus(pod: PodTemplate, settings: IstiodSettings): void {
  const annotations = (pod.metadata.annotations ??= {});
  const sanitized = (key: string) => key.replace(/[^a-zA-Z0-9_]/g, "_");
  const scrapeValue = Object.entries(annotations).find(([key]) => sanitized(key) === "prometheus_io_scrape")?.[1];
  const scrape = (scrapeValue !== undefined ? goParseBool(scrapeValue) : undefined) ?? true;
  const mergeAnnotation = annotations["prometheus.istio.io/merge-metrics"];
  const merge = (mergeAnnotation !== undefined ? goParseBool(mergeAnnotation) : undefined) ?? settings.enablePrometheusMerge ?? true;
  if (!scrape || !merge) return;
  const port = String(settings.statusPort ?? 15020);
  const existing = Object.entries(annotations).filter(([key]) => ["prometheus_io_scrape", "prometheus_io_port", "prometheus_io_path"].includes(sanitized(key)));
  if (existing.find(([key]) => sanitized(key) === "prometheus_io_port")?.[1] === port) return;
  if (existing.length > 0) {
    const config = Object.fromEntries(existing.map(([key, value]) => [sanitized(key).replace("prometheus_io_", ""), value]));
    const proxy = findContainer(pod, PROXY);
    if (proxy) proxy["env"] = [...((proxy["env"] as Json[] | undefined) ?? []), { name: "ISTIO_PROMETHEUS_ANNOTATIONS", value: JSON.stringify(config) }];
  }
  for (const [key] of existing) delete annotations[key];
  Object.assign(annotations, { "prometheus.io/port": port, "prometheus.io/path": "/stats/prometheus", "prometheus.io/scrape": "true" });
}

/** reorderPod (webhook.go:781): istio-proxy last, or first with holdApplicationUntilProxyStarts (mesh or the pod's proxy config). */
function reorderProxy(pod: PodTemplate, settings: IstiodSettings): void {
  const podConfig = (parse(pod.metadata.annotations?.["proxy.istio.io/config"] ?? "{}") ?? {}) as JsonMap;
  const hold = (podConfig["holdApplicationUntilProxyStarts"] as boolean | undefined) ?? settings.holdApplicationUntilProxyStarts ?? false;
  const proxy = pod.spec.containers.filter((container) => container["name"] === PROXY);
  const others = pod.spec.containers.filter((container) => container["name"] !== PROXY);
  pod.spec.containers = hold ? [...proxy, ...others] : [...others, ...proxy];
}

/** Go's json round trip through corev1.Pod: nulls of pointer and omitempty fields disappear. */
function dropNulls(value: Json): Json {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (isMap(value)) return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== null).map(([key, item]) => [key, dropNulls(item)]));
  return value;
}

/**
 * Whether istiod would inject this pod with the gateway template at all (inject.go
 * injectRequired, selectTemplates): the label (else the annotation) sidecar.istio.io/inject
 * says so, exactly "true" from 1.27, y/yes/true/on in any case before.
 */
export function requestsGatewayInjection(pod: PodTemplate, version: InjectionVersion): boolean {
  const inject = pod.metadata.labels?.["sidecar.istio.io/inject"] ?? pod.metadata.annotations?.["sidecar.istio.io/inject"];
  const accepted = version === "1.27" || version === "1.28" ? inject === "true" : ["y", "yes", "true", "on"].includes((inject ?? "").toLowerCase());
  const templates = (pod.metadata.annotations?.["inject.istio.io/templates"] ?? "").split(",").map((name) => name.trim());
  return accepted && templates.includes("gateway");
}

/**
 * The pod as the API server stores it after istiod's webhook, for a Deployment's pod
 * template. `workloadName` is the Deployment's name (DeploymentMeta.Name).
 */
export function injectGatewayPod(podTemplate: PodTemplate, workloadName: string, settings: IstiodSettings): PodTemplate {
  if (!requestsGatewayInjection(podTemplate, settings.version)) throw new NotInjectedError("the pod does not ask for Istio's gateway injection (label sidecar.istio.io/inject \"true\", annotation inject.istio.io/templates gateway)");
  const original = structuredClone(podTemplate);
  const template = renderGatewayTemplate(original, settings, workloadName);
  let pod = strategicMerge(original as unknown as JsonMap, template, POD_PATCH_META) as unknown as PodTemplate;
  // reapplyOverwrittenContainers: the pod's own istio-proxy (image "auto" dropped) goes back on top.
  const own = original.spec.containers.find((container) => container["name"] === PROXY);
  if (own) {
    const overlay = structuredClone(own);
    if (overlay["image"] === "auto") delete overlay["image"];
    pod = strategicMerge(pod as unknown as JsonMap, { spec: { containers: [overlay] } }, POD_PATCH_META) as unknown as PodTemplate;
  }
  mergePrometheus(pod, settings);
  rewriteProbes(pod, settings);
  const templateSpec = template["spec"] as { containers: JsonMap[]; volumes: JsonMap[] };
  pod.metadata.annotations = {
    ...pod.metadata.annotations,
    "sidecar.istio.io/status": JSON.stringify({
      containers: templateSpec.containers.map((container) => container["name"]),
      volumes: templateSpec.volumes.map((volume) => volume["name"]),
      revision: settings.revision || "default",
    }),
  };
  reorderProxy(pod, settings);
  return dropNulls(pod) as PodTemplate;
}
