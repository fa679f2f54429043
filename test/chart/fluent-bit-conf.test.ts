// What fluent-bit.conf must say for the pipeline to lose nothing and to be watched, checked
// against fluent-bit's own defaults (fluent/fluent-bit, cited per setting) and against the
// rest of the rendered pod: the socket nginx writes to, the ports the probes and the
// PodMonitor use, the metric and output names the alerts select. The real fluent-bit runs
// these settings in test/datapath/fluent-bit-*.test.ts when FLUENT_BIT_BIN is there; this
// holds them without it.
import type { IContainer } from "kubernetes-models/v1/Container";
import { describe, expect, it } from "vitest";
import { DEFAULT_RENDER, renderOrThrow, type Rendered } from "../../compiler/testing/render.ts";
import { helmBinaries } from "../../helm/run.ts";
import chartDefinition from "../../resources/index.ts";
import { sections } from "../datapath/rig/fluent-bit-conf.ts";
import { forwardSettings } from "../datapath/rig/forward-output.ts";
import { parseWithOnigmo } from "../datapath/rig/parser.ts";
import { compileToDirectory } from "../support/differential.ts";
import { containerNamed, containersOf, podSpecOf } from "../support/rendered-pod.ts";
import { fluentBitBytes, quantity } from "../support/quantity.ts";

type Json = Record<string, unknown>;
type Section = ReturnType<typeof sections>[number];

const { dir } = compileToDirectory(chartDefinition);
const helm = helmBinaries()[0]!;
const MONITORING_API = "monitoring.coreos.com/v1";

const FORWARDING = {
  accessLog: {
    forward: { enabled: true, host: "fluentd.logging.svc", port: 24250, tag: "gw.access", tls: { enabled: true, caSecret: { name: "fluentd-ca" } }, sharedKeySecret: { name: "fluentd-key" } },
  },
  fluentBit: { storageLimit: "300M" },
};

async function render(values: Json): Promise<Rendered> {
  return renderOrThrow(helm, dir, values, { ...DEFAULT_RENDER, apiVersions: [...DEFAULT_RENDER.apiVersions, MONITORING_API] });
}

function conf(rendered: Rendered, key = "fluent-bit.conf"): Section[] {
  const configMap = (rendered["fluent-bit-configmap.yaml"] as { data: Record<string, string> }[] | undefined)?.[0];
  if (!configMap) throw new Error("no fluent-bit ConfigMap rendered");
  return sections(configMap.data[key]!);
}

const named = (all: Section[], kind: string, name: string): Section[] => all.filter((section) => section.kind === kind && section.entries.get("name") === name);
const only = (found: Section[], what: string): Section => {
  if (found.length !== 1) throw new Error(`${what}: expected one section, found ${found.length}`);
  return found[0]!;
};
const setting = (section: Section, key: string): string | undefined => section.entries.get(key.toLowerCase());

const podContainers = (rendered: Rendered): IContainer[] => containersOf(podSpecOf(rendered));
const fluentBitContainer = (rendered: Rendered): IContainer => containerNamed(podSpecOf(rendered), "fluent-bit");
const containerPort = (container: IContainer, name: string) => container.ports?.find((port) => port.name === name)?.containerPort;

function nginxSocket(rendered: Rendered, directive: "access_log" | "error_log"): string {
  const nginxConf = (rendered["nginx-configmap.yaml"]![0] as { data: Record<string, string> }).data["nginx.conf"]!;
  const match = new RegExp(`^\\s*${directive} syslog:server=unix:([^,]+),`, "m").exec(nginxConf);
  if (!match) throw new Error(`nginx.conf has no ${directive} to a unix socket`);
  return match[1]!;
}

describe("fluent-bit.conf, nginx mode", () => {
  it("reads the sockets nginx writes its access and error lines to, as a group both users share", async () => {
    const rendered = await render({});
    const all = conf(rendered);
    const [accessInput, errorInput] = named(all, "INPUT", "syslog");
    expect(setting(accessInput!, "Path")).toBe(nginxSocket(rendered, "access_log"));
    expect(setting(errorInput!, "Path")).toBe(nginxSocket(rendered, "error_log"));
    const users = podContainers(rendered).filter((container) => ["nginx", "fluent-bit"].includes(container.name)).map((container) => container.securityContext?.runAsUser);
    // nginx's worker and fluent-bit are different users in the pod's fsGroup: the socket
    // fluent-bit binds needs group write. Unix_Perm defaults to 0644 (plugins/in_syslog/syslog_conf.c).
    expect(new Set(users).size).toBe(2);
    expect(podSpecOf(rendered).securityContext?.fsGroup).toBeTypeOf("number");
    // Both containers see the sockets' directory, and it is one volume: fluent-bit binds the
    // sockets there and nginx sends to them.
    const socketDir = nginxSocket(rendered, "access_log").replace(/\/[^/]+$/, "");
    const socketVolumes = podContainers(rendered)
      .filter((container) => ["nginx", "fluent-bit"].includes(container.name))
      .map((container) => container.volumeMounts?.find((mount) => mount.mountPath === socketDir)?.name);
    expect(socketVolumes).toHaveLength(2);
    expect(socketVolumes[0]).toBeDefined();
    expect(socketVolumes[1]).toBe(socketVolumes[0]);
    for (const input of [accessInput!, errorInput!]) {
      expect(setting(input, "Mode")).toBe("unix_udp");
      expect(Number.parseInt(setting(input, "Unix_Perm")!, 8) & 0o070).toBe(0o060);
      expect(Number.parseInt(setting(input, "Unix_Perm")!, 8) & 0o007).toBe(0);
    }
  });

  it("reads the access socket on a thread of its own, with one datagram's buffer, records in memory when it does not forward", async () => {
    const input = named(conf(await render({ fluentBit: { inputBufferSize: "300K" } })), "INPUT", "syslog")[0]!;
    // Threaded defaults to false (src/flb_input.c, config map): the socket would drain only
    // between the outputs' flushes.
    expect(setting(input, "Threaded")).toBe("On");
    expect(setting(input, "Buffer_Chunk_Size")).toBe("300K");
    expect(setting(input, "Buffer_Max_Size")).toBe("300K");
    expect(setting(input, "storage.type")).toBe("memory");
    expect(setting(input, "Tag")).toBe("accesslog");
  });

  it("runs fluent-bit on this ConfigMap's fluent-bit.conf", async () => {
    const rendered = await render({});
    // -c names the configuration file (src/fluent-bit.c, long option "config"); without it
    // fluent-bit runs the image's own configuration and reads no socket.
    const container = fluentBitContainer(rendered);
    expect(container.args?.slice(0, 1)).toEqual(["-c"]);
    const file = container.args![1]!;
    const mount = container.volumeMounts!.find((candidate) => file === `${candidate.mountPath}/fluent-bit.conf`);
    expect(mount, `${file} is on no volume of fluent-bit`).toBeDefined();
    const volume = podSpecOf(rendered).volumes!.find((candidate) => candidate.name === mount!.name);
    const configMap = rendered["fluent-bit-configmap.yaml"]![0] as { metadata: { name: string }; data: Record<string, string> };
    expect(volume?.configMap?.name).toBe(configMap.metadata.name);
    expect(configMap.data["fluent-bit.conf"]).toContain("[INPUT]");
  });

  it("writes day files that survive a slow disk and new days: unlimited retries, directories made as needed", async () => {
    const rendered = await render({ fluentBit: { storageLimit: "200M" } });
    const output = only(named(conf(rendered), "OUTPUT", "file"), "file output");
    // Retry_Limit defaults to 1 (src/flb_output.c, config map "retry_limit"): a chunk is dropped
    // after one failed retry. Mkdir defaults to false (plugins/out_file/file.c): each new day's
    // directory would fail to open.
    expect(setting(output, "Retry_Limit")).toBe("no_limits");
    expect(setting(output, "Mkdir")).toBe("On");
    expect(setting(output, "Format")).toBe("template");
    expect(setting(output, "storage.total_limit_size")).toBe("200M");
    // A record that matched the parser but lacks a field is dropped, not filed with placeholders.
    expect(setting(output, "On_Missing_Field")).toBe("drop");
    expect(setting(output, "Fallback_File")).toBe(setting(output, "File"));
    // Files and the fallback land on the node's directory, as mounted into fluent-bit.
    const outputMount = fluentBitContainer(rendered).volumeMounts!.find((mount) => mount.name === "accesslog-output")!.mountPath;
    for (const key of ["Path", "Fallback_Path"]) expect(setting(output, key)!.startsWith(`${outputMount}/`), `${key} ${setting(output, key)}`).toBe(true);
  });

  it("keeps retry waits short and reloaded backlogs within the container's memory", async () => {
    const rendered = await render({});
    const service = only(ofKind(rendered, "SERVICE"), "SERVICE");
    // Retries wait up to scheduler.cap seconds, 2000 by default (include/fluent-bit/flb_scheduler.h, FLB_SCHED_CAP).
    expect(Number(setting(service, "scheduler.cap"))).toBeGreaterThan(0);
    expect(Number(setting(service, "scheduler.cap"))).toBeLessThanOrEqual(60);
    // storage.backlog.mem_limit defaults to 100M (include/fluent-bit/flb_storage.h), with the
    // input's Mem_Buf_Limit it must fit under the container's memory limit.
    const input = named(conf(rendered), "INPUT", "syslog")[0]!;
    const limit = quantity(fluentBitContainer(rendered).resources!.limits!["memory"] as string);
    expect(fluentBitBytes(setting(service, "storage.backlog.mem_limit")!) + fluentBitBytes(setting(input, "Mem_Buf_Limit")!)).toBeLessThan(limit);
    expect(setting(service, "storage.path")).toBe(fluentBitContainer(rendered).volumeMounts!.find((mount) => mount.name === "fluent-bit-buffer")!.mountPath);
  });

  it.each([
    // As a native sidecar the kubelet starts the next container, nginx, only after fluent-bit's
    // startup probe passed (pkg/kubelet/kuberuntime/kuberuntime_manager.go, computeInitContainerActions).
    { nativeSidecar: "always", gate: "startupProbe" },
    // As a regular container nothing orders the two: the pod is Ready, and takes traffic, only
    // once every container's readiness probe passes (pkg/kubelet/status/generate.go, GeneratePodReadyCondition).
    { nativeSidecar: "never", gate: "readinessProbe" },
  ] as const)("keeps traffic away until fluent-bit's health endpoint answers (nativeSidecar $nativeSidecar: its $gate)", async ({ nativeSidecar, gate }) => {
    const container = fluentBitContainer(await render({ fluentBit: { nativeSidecar, httpPort: 2100 } }));
    const probe = container[gate];
    expect(probe?.httpGet?.path).toBe("/api/v1/health");
    expect(containerPort(container, probe!.httpGet!.port as string)).toBe(2100);
  });

  it("serves the health endpoint the probes ask, on their port, and the counter the alert reads, on the PodMonitor's", async () => {
    const rendered = await render({ fluentBit: { httpPort: 2100, metricsPort: 2101 }, metrics: { podMonitor: { enabled: true }, prometheusRule: { enabled: true } } });
    const service = only(ofKind(rendered, "SERVICE"), "SERVICE");
    const container = fluentBitContainer(rendered);
    const probes = [container.startupProbe, container.readinessProbe, container.livenessProbe].filter((probe) => probe !== undefined);
    expect(probes.length).toBeGreaterThan(0);
    for (const probe of probes) {
      expect(probe.httpGet?.path).toBe("/api/v1/health");
      expect(containerPort(container, probe.httpGet!.port as string)).toBe(2100);
    }
    // /api/v1/health is registered only with Health_Check on (src/http_server/api/v1/register.c).
    expect(setting(service, "HTTP_Server")).toBe("On");
    expect(setting(service, "Health_Check")).toBe("On");
    expect(setting(service, "HTTP_Port")).toBe("2100");

    const all = conf(rendered);
    const counter = only(named(all, "FILTER", "log_to_metrics"), "log_to_metrics");
    const exporter = only(named(all, "OUTPUT", "prometheus_exporter"), "prometheus_exporter");
    expect(setting(exporter, "Match")).toBe(setting(counter, "Tag"));
    expect(setting(counter, "Match")).toBe(named(all, "INPUT", "syslog")[1]!.entries.get("tag"));
    // log_to_metrics names the counter <namespace>_<subsystem>_<name> (plugins/filter_log_to_metrics).
    const metric = ["Metric_Namespace", "Metric_Subsystem", "Metric_Name"].map((key) => setting(counter, key)).join("_");
    const rules = JSON.stringify(rendered["prometheusrule.yaml"]![0]);
    expect(rules).toContain(metric);
    const endpoints = (rendered["podmonitor.yaml"]![0] as { spec: { podMetricsEndpoints: { port: string; path: string }[] } }).spec.podMetricsEndpoints;
    const scraped = endpoints.map((endpoint) => [containerPort(container, endpoint.port), endpoint.path]);
    expect(scraped).toContainEqual([Number(setting(exporter, "Port")), "/metrics"]);
    expect(scraped).toContainEqual([2100, "/api/v2/metrics/prometheus"]);
    // The outputs' Aliases the alerts select by: checked for every value set below.
  });
});

describe("fluent-bit.conf, forwarding", () => {
  it("forwards at least once, as Forward protocol entries, from a filesystem buffer, to a verified host", async () => {
    const rendered = await render(FORWARDING);
    const all = conf(rendered);
    const forward = only(named(all, "OUTPUT", "forward"), "forward output");
    // require_ack_response defaults to false and retain_metadata_in_forward_mode to true
    // (plugins/out_forward/forward.c, config map): without acks a chunk is done once written
    // to the socket; with metadata the entries are [[time, metadata], record].
    expect(setting(forward, "Require_ack_response")).toBe("On");
    expect(setting(forward, "Retain_Metadata_In_Forward_Mode")).toBe("Off");
    expect(setting(forward, "Retry_Limit")).toBe("no_limits");
    expect(setting(forward, "storage.total_limit_size")).toBe("300M");
    expect([setting(forward, "Host"), setting(forward, "Port"), setting(forward, "Tag")]).toEqual(["fluentd.logging.svc", "24250", "gw.access"]);
    expect(all.filter((section) => section.kind === "OUTPUT").map((section) => section.entries.get("name"))).toEqual(["prometheus_exporter", "file", "forward"]);
    expect(setting(forward, "Match")).toBe(named(all, "INPUT", "syslog")[0]!.entries.get("tag"));
    // Without tls.verify_hostname fluent-bit checks only the chain (src/tls/openssl.c).
    expect([setting(forward, "tls"), setting(forward, "tls.verify"), setting(forward, "tls.verify_hostname")]).toEqual(["On", "On", "On"]);
    const container = fluentBitContainer(rendered);
    const caFile = setting(forward, "tls.ca_file")!;
    const caMount = container.volumeMounts!.find((mount) => caFile.startsWith(`${mount.mountPath}/`));
    expect(caMount, `${caFile} is on no volume of fluent-bit`).toBeDefined();
    // The file is the CA Secret's key: with items the kubelet writes each key at its item's
    // path under the mount, and only those (pkg/volume/secret/secret.go, MakePayload).
    expect(forwardSettings(rendered).tls?.ca).toEqual({ secret: "fluentd-ca", key: "ca.crt" });
    // ${VAR} in fluent-bit's config reads the environment: the pod's name and the Secret's key.
    expect(setting(forward, "Self_Hostname")).toBe("${POD_NAME}");
    expect(container.env).toContainEqual({ name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } });
    expect(setting(forward, "Shared_Key")).toBe("${FORWARD_SHARED_KEY}");
    expect(container.env).toContainEqual({ name: "FORWARD_SHARED_KEY", valueFrom: { secretKeyRef: { name: "fluentd-key", key: "shared-key" } } });
    // Records wait on disk while fluentd is away, so the input does not stop at Mem_Buf_Limit.
    expect(setting(named(all, "INPUT", "syslog")[0]!, "storage.type")).toBe("filesystem");
  });

  it("reads the CA from the key the values name, whatever its name", async () => {
    // Without items the kubelet writes every key of the Secret under its own name
    // (pkg/volume/secret/secret.go, MakePayload); fluent-bit reads one fixed file.
    const values = { accessLog: { forward: { ...FORWARDING.accessLog.forward, tls: { enabled: true, caSecret: { name: "fluentd-ca", key: "root-ca.pem" } } } } };
    expect(forwardSettings(await render(values)).tls?.ca).toEqual({ secret: "fluentd-ca", key: "root-ca.pem" });
  });

  it("says tls Off, or verify Off, when told so", async () => {
    const plain = only(named(conf(await render({ accessLog: { forward: { enabled: true, host: "fluentd.example.com" } } })), "OUTPUT", "forward"), "forward output");
    expect(setting(plain, "tls")).toBe("Off");
    const unverified = only(named(conf(await render({ accessLog: { forward: { enabled: true, host: "fluentd.example.com", tls: { enabled: true, verify: false } } } })), "OUTPUT", "forward"), "forward output");
    expect([setting(unverified, "tls"), setting(unverified, "tls.verify"), setting(unverified, "tls.verify_hostname")]).toEqual(["On", "Off", undefined]);
  });
});

describe("fluent-bit.conf, Envoy mode", () => {
  it("listens for Envoy's fluentd logger on the loopback only, threaded, and hands each record to the Lua filter", async () => {
    const rendered = await render({ accessLog: { source: "envoy", envoy: { port: 24300 } } });
    const all = conf(rendered);
    const input = only(named(all, "INPUT", "forward"), "forward input");
    expect([setting(input, "Listen"), setting(input, "Port"), setting(input, "Threaded"), setting(input, "storage.type")]).toEqual(["127.0.0.1", "24300", "On", "memory"]);
    expect(named(all, "INPUT", "syslog")).toEqual([]);
    const lua = only(named(all, "FILTER", "lua"), "lua filter");
    expect(setting(lua, "call")).toBe("accesslog_envoy");
    const container = fluentBitContainer(rendered);
    const script = setting(lua, "script")!;
    const configMount = container.volumeMounts!.find((mount) => mount.name === "fluent-bit-config")!;
    const configMap = (rendered["fluent-bit-configmap.yaml"]![0] as { data: Record<string, string> }).data;
    expect(script.startsWith(`${configMount.mountPath}/`)).toBe(true);
    expect(configMap[script.slice(configMount.mountPath!.length + 1)]).toMatch(/^function accesslog_envoy\(/m);
  });
});

const VALUE_SETS: { name: string; values: Json }[] = [
  { name: "the defaults", values: {} },
  { name: "forwarding", values: FORWARDING },
  { name: "JSON lines, a file per day in one directory", values: { accessLog: { output: { format: "json", layout: "filePerDay" } } } },
  { name: "Envoy mode", values: { accessLog: { source: "envoy" } } },
];

describe.each(VALUE_SETS)("fluent-bit's configuration files, $name", ({ values }) => {
  it("are files fluent-bit reads, every key with a value, every output and filter on a tag something produces", async () => {
    const rendered = await render({ ...values, metrics: { podMonitor: { enabled: true }, prometheusRule: { enabled: true } } });
    const all = conf(rendered);
    for (const section of [...all, ...conf(rendered, "parsers.conf")]) {
      for (const [key, value] of section.entries) expect(value, `[${section.kind}] ${key}`).not.toBe("");
    }
    // Envoy's records carry the tag of the EnvoyFilter's logger; the other inputs and log_to_metrics set theirs.
    const envoyTag = (rendered["envoy-access-log.yaml"]?.[0] as { spec: { configPatches: { patch: { value: { typed_config: { access_log: { typed_config: { tag: string } }[] } } } }[] } } | undefined)
      ?.spec.configPatches[0]!.patch.value.typed_config.access_log[0]!.typed_config.tag;
    const produced = new Set([...all.map((section) => section.entries.get("tag")), envoyTag].filter((tag) => tag !== undefined));
    const routed = all.filter((section) => section.kind === "OUTPUT" || section.kind === "FILTER");
    expect(routed.length).toBeGreaterThan(1);
    for (const section of routed) expect(produced, `[${section.kind}] ${section.entries.get("name")} Match ${section.entries.get("match")}`).toContain(section.entries.get("match"));
    // The day files and the forward output take the access log, whatever else runs.
    const accessTag = envoyTag ?? named(all, "INPUT", "syslog")[0]!.entries.get("tag");
    for (const output of all.filter((section) => section.kind === "OUTPUT" && ["file", "forward"].includes(section.entries.get("name")!))) expect(setting(output, "Match")).toBe(accessTag);
    // fluent-bit names an instance's metrics by its Alias, else by plugin and position (syslog.0,
    // file.1: src/flb_input.c and src/flb_output.c, flb_*_name); the access log's own input and
    // outputs carry one each, distinct, and the alerts select outputs only by those.
    const accessSections = all.filter((section) => (section.kind === "INPUT" && section.entries.get("tag") === accessTag) || (section.kind === "OUTPUT" && ["file", "forward"].includes(section.entries.get("name")!)));
    const aliases = accessSections.map((section) => section.entries.get("alias"));
    expect(aliases.every((alias) => alias !== undefined)).toBe(true);
    expect(new Set(aliases).size).toBe(aliases.length);
    const selected = [...JSON.stringify(rendered["prometheusrule.yaml"]![0]).matchAll(/name=\\"([a-z_]+)\\"/g)].map((match) => match[1]);
    expect(selected.length).toBeGreaterThan(0);
    for (const name of selected) expect(aliases, `the alerts select name="${name}"`).toContain(name);
    // A parser needs its Format (src/flb_parser.c refuses one without) and here a regex.
    const parsers = conf(rendered, "parsers.conf");
    expect(parsers.length).toBeGreaterThan(0);
    for (const parser of parsers) expect([parser.kind, setting(parser, "Format"), typeof setting(parser, "Regex")]).toEqual(["PARSER", "regex", "string"]);
    // Every input's memory is bounded (Mem_Buf_Limit defaults to 0, unlimited: src/flb_input.c),
    // together with the reloaded backlog under the container's memory limit.
    const inputs = all.filter((section) => section.kind === "INPUT");
    const service = only(ofKind(rendered, "SERVICE"), "SERVICE");
    const buffered = inputs.reduce((sum, input) => sum + fluentBitBytes(setting(input, "Mem_Buf_Limit")!), fluentBitBytes(setting(service, "storage.backlog.mem_limit")!));
    expect(buffered).toBeLessThan(quantity(fluentBitContainer(rendered).resources!.limits!["memory"] as string));
  });
});

describe("fluent-bit's service settings", () => {
  it("flush, grace and log level from the values, the parsers from the file the ConfigMap holds", async () => {
    const rendered = await render({ fluentBit: { flushSeconds: 2, graceSeconds: 7, logLevel: "warn" } });
    const service = only(ofKind(rendered, "SERVICE"), "SERVICE");
    expect([setting(service, "Flush"), setting(service, "Grace"), setting(service, "Log_Level")]).toEqual(["2", "7", "warn"]);
    const configMount = fluentBitContainer(rendered).volumeMounts!.find((mount) => mount.name === "fluent-bit-config")!.mountPath;
    const parsersFile = setting(service, "Parsers_File")!;
    expect(parsersFile.startsWith(`${configMount}/`)).toBe(true);
    expect(conf(rendered, parsersFile.slice(configMount.length + 1)).length).toBeGreaterThan(0);
  });
});

/** nginx's syslog datagrams as it sends them with nohostname (src/core/ngx_syslog.c, ngx_syslog_add_header). */
const ACCESS_DATAGRAM = '<190>Dec  3 07:00:00 nginx_access: {"status":"200","date":"2026-12-03"}';
const errorDatagram = (message: string) => `<188>Dec  3 07:00:00 nginx_error: 2026/12/03 07:00:00 ${message}`;

describe("fluent-bit's parsers and the lost-line counter, under Onigmo", () => {
  const onigmo = (regex: string, texts: string[]) => parseWithOnigmo(regex, texts.map((text) => ({ bytes: Buffer.from(text), truncated: false }))).map((parsed) => (parsed.matched ? parsed.message : null));

  it("takes the message after nginx's syslog header, and nothing without one", async () => {
    const rendered = await render({ accessLog: { fields: [{ name: "status", nginx: "$status" }] } });
    const [accessParser, errorParser] = conf(rendered, "parsers.conf");
    expect(onigmo(setting(accessParser!, "Regex")!, [ACCESS_DATAGRAM, '{"status":"200","date":"2026-12-03"}', 'x: {"status":"200","date":"2026-12-03"}'])).toEqual([
      '{"status":"200","date":"2026-12-03"}',
      null,
      null,
    ]);
    expect(onigmo(setting(errorParser!, "Regex")!, [errorDatagram("[warn] 7#7: *1 x")])).toEqual(["2026/12/03 07:00:00 [warn] 7#7: *1 x"]);
  });

  // nginx warns once per line it could not hand over: ngx_http_log_module.c, ngx_http_log_handler
  // ("send() to syslog failed", "send() to syslog has written only %z of %uz").
  it("counts nginx's two warnings for a line not handed over, and no other line of its error log", async () => {
    const all = conf(await render({}));
    const counter = only(named(all, "FILTER", "log_to_metrics"), "log_to_metrics");
    // Counted, then dropped: discard_logs defaults to false (plugins/filter_log_to_metrics), and an
    // output matching more than the access log would receive nginx's error lines as records.
    expect(setting(counter, "Discard_Logs")).toBe("On");
    // log_to_metrics refuses to start without a description ("metric_description is not set").
    expect(setting(counter, "Metric_Description")).toMatch(/\S/);
    const [key, ...regex] = setting(counter, "Regex")!.split(" ");
    expect(key).toBe("message");
    const messages = [
      "[warn] 7#7: *1 send() to syslog failed (11: Resource temporarily unavailable) while logging request, client: 10.0.0.1",
      "[warn] 7#7: *2 send() to syslog has written only 1024 of 2048 while logging request, client: 10.0.0.1",
      "[warn] 7#7: *3 an upstream response is buffered to a temporary file /tmp/proxy/1/00/0000000001",
      "[error] 7#7: *4 connect() failed (111: Connection refused) while connecting to upstream",
      "[notice] 1#1: signal process started",
    ];
    const counted = onigmo(`(?<message>${regex.join(" ")})`, messages).map((match) => match !== null);
    expect(counted).toEqual([true, true, false, false, false]);
  });
});

function ofKind(rendered: Rendered, kind: string): Section[] {
  return conf(rendered).filter((section) => section.kind === kind);
}
