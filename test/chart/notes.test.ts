// NOTES.txt tells whoever installed the chart what to run next. Every command and every
// name, port, path and number it prints is checked against what the same values rendered:
// the pods a `kubectl -l` selects, the containers `-c` names, the ports fluent-bit serves,
// the endpoints its config enables, the file the day's log lands in. NOTES comes from real
// Helm 4 (`helm install --dry-run=client`), and must equal the evaluator's.
import type { IContainer } from "kubernetes-models/v1/Container";
import type { IPodSpec } from "kubernetes-models/v1/PodSpec";
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { notesWithTypescript, renderNotes, renderOrThrow, type Rendered } from "../../compiler/testing/render.ts";
import { helmBinaries } from "../../helm/run.ts";
import chartDefinition from "../../resources/index.ts";
import { sections } from "../datapath/rig/fluent-bit-conf.ts";
import { compileToDirectory } from "../support/differential.ts";

type Json = Record<string, unknown>;
type Section = ReturnType<typeof sections>[number];
interface Workload {
  metadata: { name: string };
  spec: { template: { metadata: { labels: Record<string, string> }; spec: IPodSpec } };
}
interface Component {
  name: string;
  label: Record<string, string>;
  k8s: { service: { type: string; ports: { port: number; targetPort: number }[] }; overlays: { kind: string; patches: { path: string; value: unknown }[] }[] };
}

const { compiled, dir } = compileToDirectory(chartDefinition);
const helms = helmBinaries();
/** The last is Helm 4 (helm/binaries.ts, HELM_SOURCES), or HELM_BIN alone. */
const helm4 = helms[helms.length - 1]!;
const NAMESPACE = "istio-ingress";
const FULLNAME = "gw-ingressgateway-accesslog";
const CHART = parse(readFileSync(join(dir, "Chart.yaml"), "utf8")) as { name: string; version: string };

const TLS_EXAMPLE = parse(readFileSync("chart/examples/https-at-nginx.yaml", "utf8")) as Json;
const VALUE_SETS: { name: string; values: Json }[] = [
  { name: "defaults", values: {} },
  {
    name: "Envoy writes the log, forwarded to fluentd, a file per day, a ClusterIP Service",
    values: {
      accessLog: { source: "envoy", forward: { enabled: true, host: "fluentd.logging.svc", port: 24250 }, output: { layout: "filePerDay", fileName: "gw.log", format: "json" }, timeZone: "UTC" },
      service: { type: "ClusterIP" },
      fluentBit: { httpPort: 2030 },
    },
  },
  { name: "HTTPS at nginx (chart/examples/https-at-nginx.yaml), other ports", values: { ...TLS_EXAMPLE, nginx: { ...(TLS_EXAMPLE["nginx"] as Json), tls: { ...((TLS_EXAMPLE["nginx"] as Json)["tls"] as Json), reloadCheckSeconds: 45 }, upstream: { port: 8090 } }, fluentBit: { httpPort: 2040, metricsPort: 2041 } } },
  { name: "IstioOperator mode", values: { gateway: { mode: "istioOperator" }, accessLog: { output: { hostPath: "/var/log/pods-extra" } } } },
  { name: "IstioOperator mode, the gateway's own istio label", values: { gateway: { mode: "istioOperator", selectorLabels: { istio: "edge", team: "web" } }, istioOperator: { istioVersion: "1.27", render: false } } },
  { name: "a pod sysctl on OpenShift", values: { platform: "openshift", kernelQueue: { method: "podSysctl", maxDgramQlen: 8192, podSysctlSurvivesInjection: true }, accessLog: { output: { prepareHostPath: false } } } },
  { name: "the kernel's queue left alone", values: { kernelQueue: { method: "none" }, gateway: { selectorLabels: { team: "web" } } } },
  { name: "a pod sysctl, no Service", values: { kernelQueue: { method: "podSysctl", podSysctlSurvivesInjection: true }, service: { type: "None" } } },
];

const valueAt = (values: Json, path: string): unknown => path.split(".").reduce<unknown>((at, key) => (at as Json | undefined)?.[key], values);
const istioOperatorMode = (values: Json) => valueAt(values, "gateway.mode") === "istioOperator";
const envoyMode = (values: Json) => valueAt(values, "accessLog.source") === "envoy";

/** The pod the gateway runs: the Deployment's, or in IstioOperator mode what the overlays add to istioctl's. */
function gatewayPod(rendered: Rendered, values: Json): { name: string; labels: Record<string, string>; containers: IContainer[]; spec: Partial<IPodSpec> } {
  if (!istioOperatorMode(values)) {
    const workload = rendered["deployment.yaml"]![0] as Workload;
    const spec = workload.spec.template.spec;
    // istio-proxy is in the template (image: auto); native sidecars are init containers.
    return { name: workload.metadata.name, labels: workload.spec.template.metadata.labels, containers: [...(spec.initContainers ?? []), ...spec.containers], spec };
  }
  const component = istioComponent(rendered);
  const patches = component.k8s.overlays.find((overlay) => overlay.kind === "Deployment")!.patches;
  const patched = (pattern: RegExp) => patches.filter((patch) => pattern.test(patch.path)).map((patch) => patch.value);
  const containers = [{ name: "istio-proxy" } as IContainer, ...(patched(/\.containers\[\d+\]$/) as IContainer[]), ...((patched(/\.initContainers$/)[0] ?? []) as IContainer[])];
  // istioctl's pods carry the component's label (its gateway chart's labels come from it).
  return { name: component.name, labels: component.label, containers, spec: { volumes: patched(/\.volumes\[\d+\]$/) as IPodSpec["volumes"] } };
}

function istioComponent(rendered: Rendered): Component {
  const operator = rendered["istio-operator.yaml"]?.[0] as { spec: { components: { ingressGateways: Component[] } } } | undefined;
  if (!operator) throw new Error("no IstioOperator rendered");
  return operator.spec.components.ingressGateways[0]!;
}

function fluentBitConf(rendered: Rendered): Section[] {
  const configMap = rendered["fluent-bit-configmap.yaml"]![0] as { data: Record<string, string> };
  return sections(configMap.data["fluent-bit.conf"]!);
}
const section = (conf: Section[], kind: string, name: string) => conf.find((entry) => entry.kind === kind && entry.entries.get("name") === name);

const commandLines = (notes: string, program: string) => notes.split("\n").map((line) => line.trim()).filter((line) => line.startsWith(`${program} `));
/** The lines after a heading up to the first that is not indented. */
function indentedAfter(notes: string, heading: string): string[] {
  const lines = notes.split("\n");
  const start = lines.findIndex((line) => line.trim() === heading);
  if (start < 0) throw new Error(`NOTES has no line ${heading}`);
  const block: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith("    ")) break;
    block.push(line.trim());
  }
  return block;
}

async function notesAndObjects(values: Json): Promise<{ notes: string; rendered: Rendered }> {
  // With istioOperator.render false the release has no IstioOperator; the gateway NOTES
  // speaks of is the one the first install rendered.
  const objects = istioOperatorMode(values) ? { ...values, istioOperator: { ...(values["istioOperator"] as Json | undefined), render: true } } : values;
  const [notes, rendered] = await Promise.all([renderNotes(helm4, dir, values), renderOrThrow(helm4, dir, objects)]);
  return { notes, rendered };
}

describe.each(VALUE_SETS)("NOTES.txt, $name", ({ values }) => {
  it("is what the evaluator renders too", async () => {
    const notes = await renderNotes(helm4, dir, values);
    expect(notes.trimEnd()).toBe(notesWithTypescript(chartDefinition, compiled, values).trimEnd());
  });

  it("names the chart, its version, the release and the namespace as Helm does", async () => {
    const { notes } = await notesAndObjects(values);
    expect(notes.split("\n")[0]).toBe(`${CHART.name} ${CHART.version} is installed as release "gw" in namespace "${NAMESPACE}".`);
  });

  it("selects exactly the gateway's pods, and names its workload and containers", async () => {
    const { notes, rendered } = await notesAndObjects(values);
    const pod = gatewayPod(rendered, values);
    const kubectl = commandLines(notes, "kubectl");
    expect(kubectl.length).toBeGreaterThanOrEqual(3);
    for (const command of kubectl) expect(command).toMatch(new RegExp(`^kubectl -n ${NAMESPACE} `));

    const selectors = kubectl.map((command) => /get pods -l (\S+)$/.exec(command)?.[1]).filter((selector) => selector !== undefined);
    expect(selectors).toHaveLength(1);
    const [key, value] = selectors[0]!.split("=");
    expect(pod.labels[key!]).toBe(value);
    // One release's pods only: the label must carry the release's name.
    expect(value).toMatch(/^gw(-|$)/);

    const workloads = kubectl.flatMap((command) => [...command.matchAll(/ deploy\/(\S+)/g)].map((match) => match[1]));
    expect(workloads.length).toBeGreaterThanOrEqual(2);
    for (const name of workloads) expect(name).toBe(pod.name);
    const containers = kubectl.flatMap((command) => [...command.matchAll(/ -c (\S+)/g)].map((match) => match[1]!));
    expect(containers).toContain("fluent-bit");
    expect(containers).toContain(envoyMode(values) ? "istio-proxy" : "nginx");
    for (const name of containers) expect(pod.containers.map((container) => container.name)).toContain(name);
  });

  it("names the Service istioctl or the chart renders, or none", async () => {
    const { notes, rendered } = await notesAndObjects(values);
    const services = commandLines(notes, "kubectl").map((command) => / get service (\S+)$/.exec(command)?.[1]).filter((name) => name !== undefined);
    const service = istioOperatorMode(values)
      ? { name: istioComponent(rendered).name, type: istioComponent(rendered).k8s.service.type }
      : (rendered["service.yaml"]?.[0] as { metadata: { name: string }; spec: { type: string } } | undefined);
    if (!service) {
      expect(services).toEqual([]);
      return;
    }
    const name = "metadata" in service ? service.metadata.name : service.name;
    const type = "spec" in service ? service.spec.type : service.type;
    expect(services).toEqual([name]);
    expect(notes).toContain(`Service (${type}):`);
    expect(notes.includes("wait for EXTERNAL-IP")).toBe(type === "LoadBalancer");
  });

  it("forwards and queries the ports and endpoints fluent-bit serves", async () => {
    const { notes, rendered } = await notesAndObjects(values);
    const fluentBit = gatewayPod(rendered, values).containers.find((container) => container.name === "fluent-bit")!;
    const declared = (fluentBit.ports ?? []).map((port) => port.containerPort);
    const forwardCommand = notes.replaceAll("\\\n", " ").split("\n").find((line) => line.includes(" port-forward "));
    const forwarded = / port-forward deploy\/\S+\s+([\d ]+?)\s*&$/.exec(forwardCommand ?? "")?.[1]?.split(/\s+/).map(Number);
    expect(forwarded, forwardCommand).toBeDefined();
    for (const port of forwarded!) expect(declared).toContain(port);

    const conf = fluentBitConf(rendered);
    const service = conf.find((entry) => entry.kind === "SERVICE")!.entries;
    const exporter = section(conf, "OUTPUT", "prometheus_exporter");
    const queries = commandLines(notes.replaceAll("; curl", "\ncurl"), "curl").map((command) => /^curl -s localhost:(\d+)(\/\S*)(?: \| grep (\S+))?/.exec(command)!);
    expect(queries.length).toBeGreaterThanOrEqual(2);
    for (const [command, port, path, grep] of queries) {
      expect(forwarded, command).toContain(Number(port));
      if (Number(port) === Number(service.get("http_port"))) {
        // The HTTP server's endpoints (src/http_server/api/v1/register.c: /api/v1/health only with Health_Check).
        expect(service.get("http_server")).toBe("On");
        expect(["/api/v1/health", "/api/v2/metrics/prometheus"]).toContain(path);
        if (path === "/api/v1/health") expect(service.get("health_check")).toBe("On");
      } else {
        // The exporter serves /metrics (plugins/out_prometheus_exporter/prom_http.c); the
        // counter's name joins namespace, subsystem and name with "_" (cmetrics, cmt_encode_prometheus.c).
        expect(exporter?.entries.get("port"), command).toBe(port);
        expect(path).toBe("/metrics");
        const counter = section(conf, "FILTER", "log_to_metrics")!.entries;
        expect(grep).toBe(["metric_namespace", "metric_subsystem", "metric_name"].map((key) => counter.get(key)).join("_"));
      }
    }
    // The exporter is queried exactly when fluent-bit runs one (nginx mode's lost-line counter).
    expect(queries.some(([, port]) => Number(port) === Number(exporter?.entries.get("port")))).toBe(exporter !== undefined);
  });

  it("gives the port Istio Gateway servers must use: the one nginx proxies to, or the Service's target in Envoy mode", async () => {
    const { notes, rendered } = await notesAndObjects(values);
    const port = Number(/must use port number (\d+) for their HTTP servers/.exec(notes)?.[1]);
    if (envoyMode(values)) {
      const service = rendered["service.yaml"]![0] as { spec: { ports: { targetPort: number | string }[] } };
      expect(service.spec.ports.map((entry) => entry.targetPort)).toContain(port);
    } else {
      const nginxConf = (rendered["nginx-configmap.yaml"]![0] as { data: Record<string, string> }).data["nginx.conf"]!;
      expect(/upstream envoy \{\s*server 127\.0\.0\.1:(\d+);/.exec(nginxConf)?.[1]).toBe(String(port));
    }
  });

  it("lists the selector labels Istio Gateway resources must use, which the gateway's pods carry", async () => {
    const { notes, rendered } = await notesAndObjects(values);
    const pod = gatewayPod(rendered, values);
    const selector = Object.fromEntries(indentedAfter(notes, "selector:").map((line) => /^(\S+): (\S+)/.exec(line)!.slice(1, 3) as [string, string]));
    expect(Object.keys(selector).length).toBeGreaterThan(0);
    const selectorLabels = (valueAt(values, "gateway.selectorLabels") ?? {}) as Record<string, string>;
    for (const [key, value] of Object.entries(selector)) {
      if (istioOperatorMode(values) && key === "istio" && !("istio" in selectorLabels)) {
        // istioctl's gateway chart merges istio: ingressgateway under the component's labels
        // (manifests/charts/gateways/istio-ingress/values.yaml, labels), so its pods have it.
        expect(value).toBe("ingressgateway");
        expect(pod.labels).not.toHaveProperty("istio");
      } else {
        expect(pod.labels[key], key).toBe(value);
      }
    }
    for (const key of Object.keys(selectorLabels)) expect(selector).toHaveProperty(key, selectorLabels[key]);
  });

  it("says where the day's file lands on the node, as fluent-bit writes it, in the format and time zone of the values", async () => {
    const { notes, rendered } = await notesAndObjects(values);
    const pod = gatewayPod(rendered, values);
    const fileOutput = section(fluentBitConf(rendered), "OUTPUT", "file")!.entries;
    const fluentBit = pod.containers.find((container) => container.name === "fluent-bit")!;
    const inContainer = `${fileOutput.get("path")}/${fileOutput.get("file")}`;
    const mount = fluentBit.volumeMounts!.find((entry) => inContainer.startsWith(`${entry.mountPath}/`))!;
    const hostPath = pod.spec.volumes!.find((volume) => volume.name === mount.name)!.hostPath!.path;
    const onNode = `${hostPath}${inContainer.slice(mount.mountPath.length)}`;

    const [, shown, fileName] = /on every node that runs a gateway pod,\n {2}(\S+)(?: {3}\(from fileName (\S+)\))?\n/.exec(notes)!;
    const asWritten = shown!.replace("YYYY-MM-DD", "$date").replace("<name>", (fileName ?? "").replace(/\.log$/, ""));
    expect(asWritten).toBe(onNode);
    const format = (valueAt(values, "accessLog.output.format") ?? "ltsv") as string;
    const timeZone = (valueAt(values, "accessLog.timeZone") ?? "Asia/Tokyo") as string;
    expect(notes).toContain(`as ${format} lines; the date is the request's own, in ${timeZone}.`);
  });

  it("names fluentd's address only when fluent-bit forwards there", async () => {
    const { notes, rendered } = await notesAndObjects(values);
    const forward = section(fluentBitConf(rendered), "OUTPUT", "forward");
    const shown = /forwarded to fluentd at (\S+):(\d+)\./.exec(notes);
    expect(shown !== null).toBe(forward !== undefined);
    if (forward) expect(shown!.slice(1, 3)).toEqual([forward.entries.get("host"), forward.entries.get("port")]);
  });

  it("tells how the socket queue is raised, with the pod's own sysctl and size", async () => {
    const { notes, rendered } = await notesAndObjects(values);
    const sysctls = (rendered["deployment.yaml"]?.[0] as Workload | undefined)?.spec.template.spec.securityContext?.sysctls ?? [];
    const operatorSysctls = istioOperatorMode(values) ? ((istioComponent(rendered).k8s as unknown as { securityContext: IPodSpec["securityContext"] }).securityContext?.sysctls ?? []) : [];
    const [sysctl] = [...sysctls, ...operatorSysctls];
    const shown = /The log socket's queue is raised to (\d+) with a pod sysctl/.exec(notes);
    expect(shown !== null).toBe(sysctl !== undefined);
    if (sysctl) {
      expect(shown![1]).toBe(sysctl.value);
      expect(notes).toContain(valueAt(values, "platform") === "openshift" ? `allowedUnsafeSysctls: [${sysctl.name}]` : `--allowed-unsafe-sysctls=${sysctl.name}`);
    }
    const nginxWithoutQueue = !envoyMode(values) && valueAt(values, "kernelQueue.method") === "none";
    expect(notes.includes("WARNING: kernelQueue.method=none keeps the kernel's queue of 10 datagrams")).toBe(nginxWithoutQueue);
  });

  it("in IstioOperator mode, renders the IstioOperator with a template the chart has, into the file istioctl installs", async () => {
    const { notes } = await notesAndObjects(values);
    const helmCommands = commandLines(notes, "helm");
    const istioctl = commandLines(notes, "istioctl");
    if (!istioOperatorMode(values)) {
      expect([...helmCommands, ...istioctl]).toEqual([]);
      return;
    }
    const rendering = /^helm template gw <chart> -n (\S+) -f <values> --show-only (\S+) > (\S+)$/.exec(helmCommands[0]!)!;
    expect(rendering[1]).toBe(NAMESPACE);
    expect(existsSync(join(dir, rendering[2]!))).toBe(true);
    expect(istioctl).toHaveLength(1);
    expect(istioctl[0]).toMatch(new RegExp(`^istioctl install -f ${rendering[3]!.replaceAll(".", "\\.")} -y +# Istio ${valueAt(values, "istioOperator.istioVersion") ?? "1\\.28"}$`));
    expect(rendering[3]).toBe(`${FULLNAME}-iop.yaml`);
    // The first install renders it; later ones must not render it again (istioOperator.render=false).
    expect(notes.includes("Render the IstioOperator and install it")).toBe(valueAt(values, "istioOperator.render") !== false);
  });
});

describe("NOTES.txt, HTTPS at nginx", () => {
  it("lists each certificate's Secret with the hosts nginx serves it for, the Service port and the reload interval", async () => {
    const values = VALUE_SETS.find((set) => set.name.startsWith("HTTPS"))!.values;
    const { notes, rendered } = await notesAndObjects(values);
    const pod = gatewayPod(rendered, values);
    const nginxConf = (rendered["nginx-configmap.yaml"]![0] as { data: Record<string, string> }).data["nginx.conf"]!;
    const servedHosts = (index: number) => new RegExp(`server_name ([^;]+);\\s*ssl_certificate /etc/nginx/tls/${index}/tls\\.crt;`).exec(nginxConf)?.[1];
    const listed = notes.split("\n").filter((line) => /^ {2}\S+: /.test(line) && !line.includes("kubectl"));
    expect(listed.length).toBe(2);
    listed.forEach((line, index) => {
      const [, secretName, hosts] = /^ {2}(\S+): (.+)$/.exec(line)!;
      const volume = pod.spec.volumes!.find((entry) => entry.secret?.secretName === secretName)!;
      const mount = pod.containers.find((container) => container.name === "nginx")!.volumeMounts!.find((entry) => entry.name === volume.name)!;
      expect(mount.mountPath).toBe(`/etc/nginx/tls/${index}`);
      expect(hosts).toBe(servedHosts(index));
    });

    // "the first is the default certificate": nginx's default server for TLS, which answers clients without SNI or with an unlisted name, serves it.
    expect(notes).toContain("which must exist in this namespace (the first is the default certificate):");
    expect(/listen \d+ ssl[^;]* default_server[^;]*;\s*server_name [^;]+;\s*ssl_certificate (\S+);/.exec(nginxConf)?.[1]).toBe("/etc/nginx/tls/0/tls.crt");

    const [, servicePort, nginxPort] = /nginx ends TLS on Service port (\d+) \(https, to nginx\.tls\.port (\d+)\)/.exec(notes)!;
    const service = rendered["service.yaml"]![0] as { spec: { ports: { port: number; targetPort: number | string }[] } };
    const https = service.spec.ports.find((port) => port.port === Number(servicePort))!;
    const nginxPorts = pod.containers.find((container) => container.name === "nginx")!.ports!;
    expect(nginxPorts.find((port) => port.name === https.targetPort || port.containerPort === https.targetPort)?.containerPort).toBe(Number(nginxPort));
    expect(nginxConf).toMatch(new RegExp(`listen ${nginxPort} ssl`));

    const seconds = /served within (\d+)s by a graceful nginx reload/.exec(notes)![1];
    const reloader = pod.containers.find((container) => container.name === "nginx")!.command!.join(" ");
    expect(reloader).toContain(`while sleep ${seconds} `);
    expect(notes).toContain(`Istio Gateway servers stay plain HTTP on port ${/server 127\.0\.0\.1:(\d+);/.exec(nginxConf)![1]}.`);
    expect(notes.includes("Plain HTTP is redirected to https (308)")).toBe(/return 308 https:/.test(nginxConf));
  });
});

/** The containers that keep running beside Envoy: regular ones and native sidecars (init containers with restartPolicy Always). */
function besideEnvoy(rendered: Rendered, values: Json): string[] {
  const pod = gatewayPod(rendered, values);
  const runToCompletion = new Set(
    istioOperatorMode(values)
      ? ((istioComponent(rendered).k8s.overlays.find((overlay) => overlay.kind === "Deployment")!.patches.find((patch) => /\.initContainers$/.test(patch.path))?.value ?? []) as IContainer[])
          .filter((container) => container.restartPolicy !== "Always")
          .map((container) => container.name)
      : (pod.spec.initContainers ?? []).filter((container) => container.restartPolicy !== "Always").map((container) => container.name),
  );
  return pod.containers.map((container) => container.name).filter((name) => name !== "istio-proxy" && !runToCompletion.has(name));
}

describe.each(VALUE_SETS)("NOTES.txt's paragraphs, $name", ({ values }) => {
  it("each stand apart under their own first line, present exactly when what they speak of is", async () => {
    const { notes, rendered } = await notesAndObjects(values);
    const service = rendered["service.yaml"]?.[0] ?? (istioOperatorMode(values) ? istioComponent(rendered).k8s.service : undefined);
    const tlsAtNginx = valueAt(values, "nginx.tls.enabled") === true;
    const podSysctl = /The log socket's queue is raised/.test(notes);
    const expected: (string | RegExp)[] = [
      /^ingressgateway-accesslog \S+ is installed as release "gw"/,
      ...(istioOperatorMode(values) ? ["gateway.mode is istioOperator: this release holds the ConfigMaps; istioctl installs the gateway.", /^Gateway pods \(istioctl renders Envoy; /, /^An IstioOperator without metadata\.name /] : [/^Gateway pods \(Istio injects Envoy at admission; /]),
      ...(service ? [/^Service \(\w+\):$/] : []),
      ...(tlsAtNginx ? [/^HTTPS: nginx ends TLS on Service port /] : envoyMode(values) ? [/^HTTPS: Envoy's own \(accessLog\.source envoy\)/] : []),
      "Istio Gateway resources select this gateway with:",
      "Access logs: one file per day on every node that runs a gateway pod,",
      "Check the sidecars:",
      ...(podSysctl ? [/^The log socket's queue is raised to \d+ with a pod sysctl/] : []),
      ...(!envoyMode(values) && valueAt(values, "kernelQueue.method") === "none" ? [/^WARNING: kernelQueue\.method=none /] : []),
    ];
    const firstLines = notes.trimEnd().split("\n\n").map((paragraph) => paragraph.split("\n")[0]!);
    expect(firstLines).toHaveLength(expected.length);
    firstLines.forEach((line, index) => {
      const heading = expected[index]!;
      if (typeof heading === "string") expect(line).toBe(heading);
      else expect(line).toMatch(heading);
    });
  });

  it("names the containers that run beside Envoy, which the release or istioctl's overlays add", async () => {
    const { notes, rendered } = await notesAndObjects(values);
    const [, injected, overlaid] = /^Gateway pods \((?:Istio injects Envoy at admission; (.+) runs? beside it|istioctl renders Envoy; the overlays add (.+))\):$/m.exec(notes) ?? [];
    const named = (injected ?? overlaid)?.split(" and ");
    expect(named?.sort()).toEqual(besideEnvoy(rendered, values).sort());
    // In IstioOperator mode the release holds the ConfigMaps and istioctl the gateway.
    if (istioOperatorMode(values)) {
      expect(rendered["deployment.yaml"]).toBeUndefined();
      expect(Object.keys(rendered)).toContain("fluent-bit-configmap.yaml");
    }
  });

  it("says who writes the access log: nginx, which receives the traffic, or Envoy", async () => {
    const { notes, rendered } = await notesAndObjects(values);
    if (envoyMode(values)) {
      expect(notes).toContain("Envoy's listener, which the Service targets: Envoy writes the access log (accessLog.source envoy).");
      expect((rendered["envoy-access-log.yaml"]?.[0] as { kind: string } | undefined)?.kind).toBe("EnvoyFilter");
    } else {
      expect(notes).toContain("the port nginx proxies to: nginx receives outside traffic and writes the access log.");
      expect((rendered["nginx-configmap.yaml"]![0] as { data: Record<string, string> }).data["nginx.conf"]).toMatch(/access_log syslog:/);
    }
  });

  it("in Envoy mode, leaves HTTPS to an Istio Gateway server and a Service port the chart does not add", async () => {
    const { notes, rendered } = await notesAndObjects(values);
    const ports = (rendered["service.yaml"]?.[0] as { spec: { ports: { name: string }[] } } | undefined)?.spec.ports ?? [];
    const says = notes.includes("HTTPS: Envoy's own (accessLog.source envoy): add an Istio Gateway server with tls.credentialName (the TLS Secret)\nand a Service port aimed at that server's port in service.ports; the chart adds none.");
    expect(says).toBe(envoyMode(values));
    if (says) expect(ports.map((port) => port.name)).not.toContain("https");
  });

  it("offers the privileged init container where the kubelets forbid the pod sysctl, off OpenShift", async () => {
    const { notes } = await notesAndObjects(values);
    const offered = notes.includes("\nor set kernelQueue.method=initContainer (privileged).");
    expect(offered).toBe(/The log socket's queue is raised/.test(notes) && valueAt(values, "platform") !== "openshift");
    if (!offered) return;
    const initContainer = { ...values, kernelQueue: { method: "initContainer" } };
    const { rendered } = await notesAndObjects(initContainer);
    const raise = gatewayPod(rendered, initContainer).containers.find((container) => container.command?.some((part) => part.includes("net.unix.max_dgram_qlen")));
    expect(raise?.securityContext?.privileged).toBe(true);
  });
});
