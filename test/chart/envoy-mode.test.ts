// accessLog.source envoy as Helm renders it: no nginx anywhere, Envoy's fluentd logger
// scoped to this gateway's pods and wired to fluent-bit's forward input, the same field
// list driving nginx's log_format, Envoy's record and the Lua filter, and a clear failure
// for every nginx-only value that would otherwise be ignored.
import { describe, expect, it } from "vitest";
import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import type { IService } from "kubernetes-models/v1/Service";
import { helmBinaries } from "../../helm/run.ts";
import { renderOrThrow, renderWithHelm, type Rendered } from "../../compiler/testing/render.ts";
import { ENVOY_EQUIVALENTS } from "../../resources/access-log/envoy-fields.ts";
import chartDefinition from "../../resources/index.ts";
import { CHART_README } from "../../resources/readme.ts";
import { DEFAULT_FIELDS } from "../../values-schema/access-log.ts";
import { ISTIO_VERSIONS } from "../../values-schema/istio-gateways.ts";
import { compileToDirectory } from "../support/differential.ts";
import { DOCUMENTED_OPERATOR } from "../support/envoy-operators.ts";
import { validateDocument } from "../support/kubernetes-models.ts";

type Json = Record<string, unknown>;

const { dir } = compileToDirectory(chartDefinition);
const [helm] = helmBinaries();

const render = (values: Json): Promise<Rendered> => renderOrThrow(helm!, dir, values);

const envoy = (values: Json = {}): Json => ({ ...values, accessLog: { ...(values["accessLog"] as Json | undefined), source: "envoy" } });
const one = <T>(rendered: Rendered, file: string): T => {
  const documents = rendered[file];
  if (documents?.length !== 1) throw new Error(`${file}: expected one document, got ${documents?.length ?? 0}`);
  return documents[0] as T;
};
const configMapData = (rendered: Rendered, file: string) => one<{ data: Record<string, string> }>(rendered, file).data;

interface EnvoyFilterDocument {
  spec: {
    workloadSelector: { labels: Record<string, string> };
    configPatches: { applyTo: string; match: { context: string }; patch: { operation: string; value: { typed_config: { access_log: { name: string; typed_config: Json & { record: Record<string, string> } }[] } } } }[];
  };
}
const fluentdLogger = (rendered: Rendered) => one<EnvoyFilterDocument>(rendered, "envoy-access-log.yaml").spec.configPatches[0]!.patch.value.typed_config.access_log[0]!;

describe("Envoy mode renders", () => {
  it("a pod without nginx, its ConfigMap, volumes, socket or queue sysctl, and Envoy with the bootstrap cluster", async () => {
    const rendered = await render(envoy({ kernelQueue: { method: "initContainer" } }));
    expect(rendered["nginx-configmap.yaml"]).toBeUndefined();
    const pod = one<IDeployment>(rendered, "deployment.yaml").spec!.template;
    const spec = pod.spec!;
    const containers = [...(spec.initContainers ?? []), ...spec.containers];
    expect(containers.map((container) => container.name)).toEqual(["prepare-log-dir", "fluent-bit", "istio-proxy"]);
    expect(spec.volumes!.map((volume) => volume.name)).toEqual(["fluent-bit-config", "fluent-bit-buffer", "accesslog-output", "accesslog-envoy-bootstrap"]);
    expect(spec.securityContext!.sysctls).toBeUndefined();
    const fluentBit = containers.find((container) => container.name === "fluent-bit")!;
    expect(fluentBit.volumeMounts!.map((mount) => mount.name)).not.toContain("accesslog-socket");
    expect(fluentBit.env).toContainEqual({ name: "TZ", value: "Asia/Tokyo" });
    const proxy = containers.find((container) => container.name === "istio-proxy")!;
    expect(proxy.env).toContainEqual({ name: "ISTIO_BOOTSTRAP_OVERRIDE", value: "/etc/istio/accesslog-bootstrap/custom_bootstrap.json" });
    expect(proxy.volumeMounts).toEqual([{ name: "accesslog-envoy-bootstrap", mountPath: "/etc/istio/accesslog-bootstrap", readOnly: true }]);
    const annotations = pod.metadata!.annotations!;
    expect(annotations["kubectl.kubernetes.io/default-container"]).toBe("istio-proxy");
    expect(annotations["checksum/nginx-config"]).toBeUndefined();
    expect(annotations["checksum/envoy-bootstrap"]).toMatch(/^[0-9a-f]{64}$/);
    // No nginx hop: Envoy trusts only the proxies in front of the pod, and keeps the logger's stats.
    expect(JSON.parse(annotations["proxy.istio.io/config"]!)).toEqual({
      gatewayTopology: { numTrustedProxies: 0 },
      terminationDrainDuration: "30s",
      proxyStatsMatcher: { inclusionPrefixes: ["access_logs.fluentd"] },
    });
  });

  it("counts nginx as one trusted proxy in nginx mode, on top of the load balancers", async () => {
    const rendered = await render({ gateway: { numTrustedProxies: 1 } });
    const annotations = one<IDeployment>(rendered, "deployment.yaml").spec!.template.metadata!.annotations!;
    expect(JSON.parse(annotations["proxy.istio.io/config"]!).gatewayTopology).toEqual({ numTrustedProxies: 2 });
  });

  it("a Service whose traffic port targets Envoy's listener instead of nginx", async () => {
    const ports = one<IService>(await render(envoy()), "service.yaml").spec!.ports!;
    expect(ports.map((port) => [port.name, port.port, port.targetPort])).toEqual([["status-port", 15021, 15021], ["http2", 80, 8080]]);
  });

  it("an EnvoyFilter for this gateway's pods only, appending the fluentd logger to the gateway's HTTP listeners", async () => {
    const rendered = await render(envoy({ accessLog: { envoy: { bufferSizeBytes: 32768, flushInterval: "0.5s", port: 24300 } } }));
    const filter = one<EnvoyFilterDocument & Json>(rendered, "envoy-access-log.yaml");
    expect(validateDocument(filter)).toEqual([]);
    const podLabels = one<IDeployment>(rendered, "deployment.yaml").spec!.template.metadata!.labels!;
    expect(Object.keys(filter.spec.workloadSelector.labels).length).toBeGreaterThan(0);
    expect(podLabels).toMatchObject(filter.spec.workloadSelector.labels);
    expect(filter.spec.workloadSelector.labels).toHaveProperty("app.kubernetes.io/instance", "gw");
    const [patch] = filter.spec.configPatches;
    expect(patch).toMatchObject({ applyTo: "NETWORK_FILTER", match: { context: "GATEWAY" }, patch: { operation: "MERGE" } });
    const logger = fluentdLogger(rendered);
    expect(logger.name).toBe("envoy.access_loggers.fluentd");
    expect(logger.typed_config).toMatchObject({ tag: "accesslog", buffer_size_bytes: 32768, buffer_flush_interval: "0.5s" });
    expect(logger.typed_config).not.toHaveProperty("retry_options.max_connect_attempts");

    // The logger's cluster is the one the bootstrap adds, on the forward input's port.
    const bootstrap = JSON.parse(configMapData(rendered, "envoy-bootstrap-configmap.yaml")["custom_bootstrap.json"]!) as {
      static_resources: { clusters: { name: string; type: string; load_assignment: { endpoints: { lb_endpoints: { endpoint: { address: { socket_address: Json } } }[] }[] } }[] };
    };
    const [cluster] = bootstrap.static_resources.clusters;
    expect(cluster!.name).toBe(logger.typed_config["cluster"]);
    expect(cluster!.type).toBe("STATIC");
    expect(cluster!.load_assignment.endpoints[0]!.lb_endpoints[0]!.endpoint.address.socket_address).toEqual({ address: "127.0.0.1", port_value: 24300 });
    const conf = configMapData(rendered, "fluent-bit-configmap.yaml")["fluent-bit.conf"]!;
    expect(conf).toMatch(/\[INPUT\]\n\s+Name\s+forward\n\s+Listen\s+127\.0\.0\.1\n\s+Port\s+24300\n/);
    expect(conf).not.toMatch(/Shared_Key/);
    expect(conf).toMatch(/\[FILTER\]\n\s+Name\s+lua\n\s+Match\s+accesslog\n\s+script\s+\/fluent-bit\/etc\/accesslog\/accesslog-envoy\.lua\n\s+call\s+accesslog_envoy\n/);
  });

  it("patches the HTTP connection manager with a fluentd logger config Envoy accepts, its values written here from Istio's and Envoy's protos", async () => {
    const rendered = await render(envoy({ accessLog: { cookies: ["session"], envoy: { bufferSizeBytes: 16384, flushInterval: "0.25s", reconnectBaseInterval: "0.5s", reconnectMaxInterval: "30s" } } }));
    const [patch] = one<EnvoyFilterDocument>(rendered, "envoy-access-log.yaml").spec.configPatches;
    const { record, ...logger } = fluentdLogger(rendered).typed_config;
    const cluster = (JSON.parse(configMapData(rendered, "envoy-bootstrap-configmap.yaml")["custom_bootstrap.json"]!) as { static_resources: { clusters: { name: string }[] } }).static_resources.clusters[0]!.name;
    const fluentBitConf = configMapData(rendered, "fluent-bit-configmap.yaml")["fluent-bit.conf"]!;
    // fluent-bit's forward input keeps the tag Envoy sends: every filter and output must match it.
    const matches = [...fluentBitConf.matchAll(/^\s+Match\s+(\S+)$/gm)].map((match) => match[1]);
    expect(new Set(matches)).toEqual(new Set([logger["tag"]]));
    // istio/api networking/v1alpha3/envoy_filter.proto: ApplyTo NETWORK_FILTER, PatchContext
    // GATEWAY, Operation MERGE (merges into the listener's HCM, access_log lists append);
    // Envoy's HCM filter is named envoy.filters.network.http_connection_manager.
    expect({ ...patch, patch: { ...patch!.patch, value: { typed_config: { ...patch!.patch.value.typed_config, access_log: [] } } } }).toEqual({
      applyTo: "NETWORK_FILTER",
      match: { context: "GATEWAY", listener: { filterChain: { filter: { name: "envoy.filters.network.http_connection_manager" } } } },
      patch: { operation: "MERGE", value: { typed_config: { "@type": "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager", access_log: [] } } },
    });
    expect(fluentdLogger(rendered).name).toBe("envoy.access_loggers.fluentd");
    // envoyproxy/data-plane-api envoy/extensions/access_loggers/fluentd/v3/fluentd.proto:
    // cluster, tag and stat_prefix min_len 1, record required; RetryOptions.backoff_options is
    // config/core/v3/backoff.proto's BackoffStrategy (base_interval, max_interval).
    expect(cluster.length).toBeGreaterThan(0);
    expect(logger).toEqual({
      "@type": "type.googleapis.com/envoy.extensions.access_loggers.fluentd.v3.FluentdAccessLogConfig",
      cluster,
      tag: "accesslog",
      stat_prefix: "accesslog",
      buffer_flush_interval: "0.25s",
      buffer_size_bytes: 16384,
      retry_options: { backoff_options: { base_interval: "0.5s", max_interval: "30s" } },
    });
    // The logger's stats are access_logs.fluentd.<stat_prefix>.* (envoy source/extensions/
    // access_loggers/fluentd/fluentd_access_log_impl.cc), which Prometheus reads as the README's metric.
    expect(CHART_README).toContain(`envoy_access_logs_fluentd_${logger["stat_prefix"]}_entries_lost`);
    // The keys beside the fields are the ones accesslog-envoy.lua reads from each record.
    const lua = configMapData(rendered, "fluent-bit-configmap.yaml")["accesslog-envoy.lua"]!;
    const readByLua = new Set([...lua.matchAll(/record\.(_[a-z]+)/g)].map((match) => match[1]));
    const extra = Object.fromEntries(Object.entries(record).filter(([key]) => key.startsWith("_")));
    expect(new Set(Object.keys(extra))).toEqual(readByLua);
    // Envoy's usage.rst: %RESPONSE_CODE_DETAILS%, %START_TIME% with seconds.milliseconds, a request header.
    expect(extra).toEqual({ _start: "%START_TIME(%s.%3f)%", _details: "%RESPONSE_CODE_DETAILS%", _cookie: "%REQ(COOKIE)%" });
    expect(fluentdLogger(await render(envoy())).typed_config.record).not.toHaveProperty("_cookie");
  });

  // A client may send x-envoy-original-path itself. Envoy sets that header only when a route
  // rewrites the path (envoyproxy/envoy source/common/router/config_impl.cc,
  // RouteEntryImplBase::finalizePathHeader) and never removes a client's: the sanitising of
  // external requests (source/common/http/conn_manager_utility.cc, cleanInternalHeaders) strips
  // x-envoy-original-url and the x-envoy-retry/timeout controls, not this header, and Istio's
  // gateway HCM adds nothing that does (istio/istio release-1.28 pilot/pkg/networking/core/
  // gateway.go, listener_builder.go). So no operator of the record may read it.
  it("logs the uri from :path, which the client cannot override with x-envoy-original-path", async () => {
    const record = fluentdLogger(await render(envoy({ accessLog: { requestHeaders: ["x-custom"] } }))).typed_config.record;
    const uriField = DEFAULT_FIELDS.find((field) => field.nginx === "$request_uri")!;
    expect(record[uriField.name]).toBe("%REQ(:PATH)%");
    for (const [key, operator] of Object.entries(record)) {
      expect(operator, key).not.toMatch(/X-ENVOY-ORIGINAL-PATH/i);
      // %PATH%, %PATH(WQ)%, %PATH(NQ:ORIG)%... default to ORIG_OR_PATH, i.e. the header again.
      expect(operator, key).not.toMatch(/%PATH(\((?![^)]*:PATH\))[^)]*\))?%/);
    }
  });

  it("the IstioOperator's pods in the EnvoyFilter's selector in IstioOperator mode", async () => {
    const rendered = await render(envoy({ gateway: { mode: "istioOperator" } }));
    expect(one<EnvoyFilterDocument>(rendered, "envoy-access-log.yaml").spec.workloadSelector.labels).toEqual({ app: "gw-ingressgateway-accesslog" });
  });
});

// ---------------------------------------------------------------------------------------
// One field list, three renderings: nginx's log_format, Envoy's record, the Lua table.
// ---------------------------------------------------------------------------------------

interface NginxField {
  readonly name: string;
  readonly variable: string;
  readonly capped: boolean;
}

/** The JSON keys of nginx's log_format in order, with the variable each reads (through its cap map, if any). */
function nginxFields(nginxConf: string): NginxField[] {
  const capSource = new Map([...nginxConf.matchAll(/^\s+map "?(\$[a-z0-9_]+)"? \$log_field_([a-z0-9_]+) \{$/gm)].map((match) => [match[2]!, match[1]!]));
  // Every field ends with a comma; date, which both modes always add last, does not.
  return [...nginxConf.matchAll(/^\s+'"([a-z0-9_]+)":"(\$[a-z0-9_]+)",'$/gm)].map((match) => {
    const [, name, source] = match as unknown as [string, string, string];
    const capped = source.startsWith("$log_field_");
    return { name, variable: capped ? capSource.get(name)! : source, capped };
  });
}

interface LuaField {
  readonly name: string;
  readonly convert: string;
  readonly truncate: boolean;
  readonly cookie?: string;
}

function luaFields(lua: string): LuaField[] {
  return [...lua.matchAll(/^\s+\{ name = "([a-z0-9_]+)", convert = "([a-z_]+)"(?:, cookie = "([A-Za-z0-9_]+)")?(, truncate = true)? \},$/gm)].map((match) => ({
    name: match[1]!,
    convert: match[2]!,
    truncate: match[4] !== undefined,
    ...(match[3] === undefined ? {} : { cookie: match[3] }),
  }));
}

/** The day files' output and what follows it (forward); nginx mode's counter exporter comes before. */
const outputSections = (conf: string) => conf.slice(conf.search(/\[OUTPUT\]\n\s+Name\s+file\n/));

const FIELD_SETS: { name: string; accessLog: Json }[] = [
  { name: "the default fields", accessLog: {} },
  {
    name: "cookies, request headers and a field with its own Envoy operator",
    accessLog: {
      fields: [
        ...DEFAULT_FIELDS,
        { name: "upstream", nginx: "$upstream_addr", envoy: "%UPSTREAM_HOST%" },
        { name: "trace", nginx: "$http_x_b3_traceid", envoy: "%REQ(X-B3-TRACEID):64%", truncate: true },
      ],
      cookies: ["session", "ab_test"],
      requestHeaders: ["x-trace-id", "accept-language"],
      output: { format: "json" },
    },
  },
];

describe.each(FIELD_SETS)("one field list drives both modes: $name", ({ accessLog }) => {
  it("maps each nginx field to the Envoy operator that measures the same thing, and the shared table's conversion, field by field", async () => {
    const nginxRendered = await render({ accessLog });
    const envoyRendered = await render(envoy({ accessLog }));
    const fromNginx = nginxFields(configMapData(nginxRendered, "nginx-configmap.yaml")["nginx.conf"]!);
    const record = fluentdLogger(envoyRendered).typed_config.record;
    const fromLua = luaFields(configMapData(envoyRendered, "fluent-bit-configmap.yaml")["accesslog-envoy.lua"]!);
    const configured = (accessLog["fields"] as { name: string; envoy?: string }[] | undefined) ?? (DEFAULT_FIELDS as { name: string; envoy?: string }[]);

    // The same keys in the same order: the JSON line, and so the LTSV/JSON file, has one shape.
    expect(fromLua.map((field) => field.name)).toEqual(fromNginx.map((field) => field.name));
    expect(fromNginx.length).toBe(configured.length + ((accessLog["cookies"] as unknown[] | undefined)?.length ?? 0) + ((accessLog["requestHeaders"] as unknown[] | undefined)?.length ?? 0));

    fromNginx.forEach((nginxField, index) => {
      const luaField = fromLua[index]!;
      const own = configured.find((field) => field.name === nginxField.name)?.envoy;
      const where = `field ${nginxField.name} (${nginxField.variable})`;
      expect(luaField.truncate, where).toBe(nginxField.capped);
      const cookie = /^\$cookie_(.+)$/.exec(nginxField.variable)?.[1];
      const header = /^\$http_(.+)$/.exec(nginxField.variable)?.[1];
      if (own !== undefined) {
        expect(record[nginxField.name], where).toBe(own);
        expect(luaField.convert, where).toBe("text");
      } else if (cookie !== undefined && nginxField.name.startsWith("cookie_")) {
        // Envoy has no per-cookie operator: the Lua filter picks it from the Cookie header.
        expect(luaField, where).toMatchObject({ convert: "cookie", cookie });
        expect(record["_cookie"], where).toBe("%REQ(COOKIE)%");
        expect(record[nginxField.name], where).toBeUndefined();
      } else if (header !== undefined && nginxField.name.startsWith("header_")) {
        expect(record[nginxField.name]?.toLowerCase().replaceAll("-", "_"), where).toBe(`%req(${header})%`);
        expect(luaField.convert, where).toBe("text");
      } else {
        const documented = DOCUMENTED_OPERATOR[nginxField.variable];
        expect(documented, `${where}: the test has no documented operator for it`).toBeDefined();
        expect(record[nginxField.name], where).toBe(documented);
        // The conversion's behaviour is checked end to end, on real requests, by
        // test/datapath/envoy-equivalence.test.ts; here only that the Lua filter uses it.
        const equivalent = ENVOY_EQUIVALENTS[nginxField.variable as keyof typeof ENVOY_EQUIVALENTS];
        expect(luaField.convert, where).toBe(equivalent.convert);
      }
    });
    // The start time names the day, as $time_iso8601 does for nginx's date field.
    expect(record["_start"]).toBe("%START_TIME(%s.%3f)%");
  });

  it("writes the files with the same fluent-bit output in both modes", async () => {
    const nginxConf = configMapData(await render({ accessLog }), "fluent-bit-configmap.yaml")["fluent-bit.conf"]!;
    const envoyConf = configMapData(await render(envoy({ accessLog })), "fluent-bit-configmap.yaml")["fluent-bit.conf"]!;
    expect(outputSections(envoyConf)).toEqual(outputSections(nginxConf));
  });
});

// ---------------------------------------------------------------------------------------
// Values that only nginx would read fail the render, naming the key.
// ---------------------------------------------------------------------------------------

/** Each value, and what the refusal tells the user to do instead (after "there is no nginx"). */
const REMOVE_OR_NGINX = "remove it or use accessLog.source nginx";
const CONFLICTS: { key: string; values: Json; todo: string }[] = [
  { key: "nginx.errorPages", values: { nginx: { errorPages: { "404": "<h1>gone</h1>" } } }, todo: "remove it (Envoy answers with its own error responses) or use accessLog.source nginx" },
  { key: "nginx.errorPages", values: { nginx: { errorPages: { "502": null } } }, todo: "remove it (Envoy answers with its own error responses) or use accessLog.source nginx" },
  { key: "nginx.httpSnippet", values: { nginx: { httpSnippet: "map $x $y { default 1; }" } }, todo: REMOVE_OR_NGINX },
  { key: "nginx.serverSnippet", values: { nginx: { serverSnippet: "location /x { return 204; }" } }, todo: REMOVE_OR_NGINX },
  // Envoy's own setting for the client address: the number of trusted hops in X-Forwarded-For
  // (HttpConnectionManager xff_num_trusted_hops, which Istio sets from gatewayTopology.numTrustedProxies:
  // istio pilot/pkg/networking/core/gateway.go at 86c9f01, line 734).
  { key: "nginx.realIp.trustedCidrs", values: { nginx: { realIp: { trustedCidrs: ["10.0.0.0/8"] } } }, todo: "Envoy takes the client address from X-Forwarded-For after gateway.numTrustedProxies hops; set that instead" },
  // Istio's ProxyConfig gatewayTopology.proxyProtocol (the gateway listener gets a PROXY protocol
  // filter when it is set: istio pilot/pkg/networking/core/gateway.go at 86c9f01, line 169).
  { key: "nginx.proxyProtocol", values: { nginx: { proxyProtocol: true } }, todo: "enable the PROXY protocol on Envoy with Istio (proxy.istio.io/config gatewayTopology.proxyProtocol) instead" },
  { key: "nginx.extraEnv", values: { nginx: { extraEnv: [{ name: "A", value: "b" }] } }, todo: REMOVE_OR_NGINX },
  { key: "nginx.extraVolumeMounts", values: { nginx: { extraVolumeMounts: [{ name: "x", mountPath: "/x" }] } }, todo: REMOVE_OR_NGINX },
  // HTTPS in Envoy mode is a Gateway server's tls.credentialName, not nginx's Secrets.
  { key: "nginx.tls", values: { nginx: { tls: { enabled: true, certificates: [{ secretName: "example-com-tls", hosts: ["example.com"] }] } } }, todo: "HTTPS is Envoy's; give an Istio Gateway server tls.credentialName" },
  { key: "nginx.tls", values: { nginx: { tls: { offloadedPort: 8444 } } }, todo: "HTTPS is Envoy's; give an Istio Gateway server tls.credentialName" },
];

describe.each(helmBinaries())("$label refuses nginx-only values in Envoy mode", (anyHelm) => {
  it.each(CONFLICTS)("$key, saying what to do instead", async ({ key, values, todo }) => {
    const outcome = await renderWithHelm(anyHelm, dir, envoy(values));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error).toContain(`${key} is set, but accessLog.source is envoy and there is no nginx`);
    if (!outcome.ok) expect(outcome.error).toContain(todo);
    // The same values are fine with nginx.
    expect((await renderWithHelm(anyHelm, dir, values)).ok).toBe(true);
  });

  it("logs the TLS fields with Envoy's downstream TLS operators, and refuses $ssl_client_verify, which has none", async () => {
    const tlsFields = [
      { name: "tls_protocol", nginx: "$ssl_protocol" },
      { name: "tls_cipher", nginx: "$ssl_cipher" },
      { name: "sni", nginx: "$ssl_server_name" },
      { name: "client_dn", nginx: "$ssl_client_s_dn" },
    ];
    const rendered = await renderWithHelm(anyHelm, dir, envoy({ accessLog: { fields: [...DEFAULT_FIELDS, ...tlsFields] } }));
    expect(rendered.ok, rendered.ok ? "" : rendered.error).toBe(true);
    const filter = rendered.ok ? (rendered.rendered["envoy-access-log.yaml"]![0] as { spec: { configPatches: { patch: { value: { typed_config: { access_log: { typed_config: { record: Record<string, string> } }[] } } } }[] } }) : undefined;
    expect(filter!.spec.configPatches[0]!.patch.value.typed_config.access_log[0]!.typed_config.record).toMatchObject({
      tls_protocol: "%DOWNSTREAM_TLS_VERSION%",
      tls_cipher: "%DOWNSTREAM_TLS_CIPHER%",
      sni: "%REQUESTED_SERVER_NAME%",
      client_dn: "%DOWNSTREAM_PEER_SUBJECT%",
    });
    const verify = await renderWithHelm(anyHelm, dir, envoy({ accessLog: { fields: [...DEFAULT_FIELDS, { name: "client_verify", nginx: "$ssl_client_verify" }] } }));
    expect(verify.ok).toBe(false);
    if (!verify.ok) expect(verify.error).toContain("accessLog.fields: field client_verify takes its value from $ssl_client_verify, which has no Envoy equivalent the chart knows");
  });

  it("names a field whose nginx variable has no Envoy equivalent, and accepts it with its own operator", async () => {
    const field = { name: "upstream", nginx: "$upstream_addr" };
    const failed = await renderWithHelm(anyHelm, dir, envoy({ accessLog: { fields: [...DEFAULT_FIELDS, field] } }));
    expect(failed.ok).toBe(false);
    if (!failed.ok) expect(failed.error).toContain("accessLog.fields: field upstream takes its value from $upstream_addr, which has no Envoy equivalent the chart knows; give the field an envoy: command operator");
    const fixed = await renderWithHelm(anyHelm, dir, envoy({ accessLog: { fields: [...DEFAULT_FIELDS, { ...field, envoy: "%UPSTREAM_HOST%" }] } }));
    expect(fixed.ok, fixed.ok ? "" : fixed.error).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------
// What the README promises about versions and switching modes.
// ---------------------------------------------------------------------------------------

describe("the README on Envoy mode", () => {
  // envoyproxy/envoy changelogs/1.30.0.yaml adds the fluentd logger, its retry_options and
  // %COMMON_DURATION%; istio/proxy compiles the logger in from release-1.22
  // (bazel/extension_config/extensions_build_config.bzl). Istio 1.22 is older than any the chart describes.
  it("states the minimum Envoy and Istio for the operators the mapping uses, below every Istio the chart describes", () => {
    expect(CHART_README).toContain("Minimum versions: Envoy 1.30, Istio 1.22.");
    const operators = Object.values(ENVOY_EQUIVALENTS).map((equivalent) => equivalent.envoy).join(" ");
    expect(operators).toContain("%COMMON_DURATION(");
    for (const version of ISTIO_VERSIONS) expect(Number(version.split(".")[1]), version).toBeGreaterThanOrEqual(22);
  });

  // The bootstrap override is read when istio-proxy starts, and the Service's targetPort moves
  // at once (resources/service.ts serviceTargetPort): the README must say the switch rolls the pods.
  it("says that switching accessLog.source replaces the pods and what old pods do meanwhile", () => {
    expect(CHART_README).toContain("Switching `accessLog.source` replaces every pod");
    expect(CHART_README).toMatch(/nginx → envoy: the old pods are reached on\s+Envoy directly, unlogged/);
    expect(CHART_README).toMatch(/envoy → nginx: the old pods have\s+no nginx/);
  });
});
