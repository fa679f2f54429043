// The same request gives the same line in both modes. The catalogue's requests go through
// real nginx (nginx mode); each is then described as Envoy's fluentd logger reports it (a
// typed record, one value per operator of Envoy mode's rendered EnvoyFilter, computed from
// the request as sent and from what nginx measured) and run through Envoy mode's rendered
// Lua filter under the real luajit. The record and the JSON line must equal nginx's, field
// by field and byte for byte, so fluent-bit writes the same LTSV or JSON line.
import type { IConfigMap } from "kubernetes-models/v1/ConfigMap";
import { describe, expect, it } from "vitest";
import { renderOrThrow } from "../../compiler/testing/render.ts";
import { ENVOY_COOKIE_KEY } from "../../resources/access-log/envoy-fields.ts";
import { ENVOY_LUA_LIBRARY } from "../../resources/fluent-bit/envoy-lua.ts";
import chart from "../../resources/index.ts";
import { values as valuesSchema } from "../../values-schema/index.ts";
import { compileToDirectory } from "../support/differential.ts";
import { header } from "./expect/request.ts";
import { startedOnFirstUse } from "./first-use.ts";
import { runHarness, type EnvoyRecord, type LuaValue } from "./rig/envoy-lua.ts";
import { DATA_PATH_HELM, type Values } from "./rig/rig.ts";
import { runCatalogue, type Logged } from "./run-catalogue.ts";
import { VALUE_SETS } from "./value-sets.ts";

interface EnvoyModeRender {
  /** Field name → the command operator in the EnvoyFilter's record. */
  readonly record: Readonly<Record<string, string>>;
  /** The ACCESSLOG table the chart prepends to the library. */
  readonly accessLogTable: string;
}

async function renderEnvoyMode(values: Values): Promise<EnvoyModeRender> {
  const { dir } = compileToDirectory(chart);
  const accessLog = { ...(values["accessLog"] as Values | undefined), source: "envoy" };
  const rendered = await renderOrThrow(DATA_PATH_HELM, dir, { ...values, accessLog });
  const filter = rendered["envoy-access-log.yaml"]![0] as {
    spec: { configPatches: { patch: { value: { typed_config: { access_log: { typed_config: { record: Record<string, string> } }[] } } } }[] };
  };
  const lua = (rendered["fluent-bit-configmap.yaml"]![0] as IConfigMap).data!["accesslog-envoy.lua"]!;
  const library = ENVOY_LUA_LIBRARY.replace(/\n$/, "");
  if (!lua.replace(/\n$/, "").endsWith(library)) throw new Error("the rendered accesslog-envoy.lua does not end with the library as shipped");
  return {
    record: filter.spec.configPatches[0]!.patch.value.typed_config.access_log[0]!.typed_config.record,
    accessLogTable: lua.replace(/\n$/, "").slice(0, -library.length),
  };
}

/** The TCP peer Envoy appends to X-Forwarded-For: any address, the Lua filter must drop it. */
const ENVOY_PEER = "10.20.30.40";

/** nginx's text of a number, as Envoy's typed formatter would send it. */
const milliseconds = (seconds: string | undefined): number | undefined => (seconds === undefined || seconds === "" ? undefined : Math.round(Number(seconds) * 1000));

/**
 * What Envoy's operator gives for this request, from the operator's documented meaning
 * (envoyproxy/envoy docs/root/configuration/observability/access_log/usage.rst), not from the
 * chart's mapping: request-side values come from the request as sent; what the server measured
 * (status, bytes, durations, start, peer) from the nginx variable that measures the same
 * quantity, wherever nginx's line logged it. A field mapped to the wrong operator therefore gets
 * another quantity (a status that is a byte count) and the comparison fails.
 */
function envoyValue(operator: string, logged: Logged, measuredAs: (nginxVariable: string) => string | undefined): LuaValue {
  const { request } = logged;
  switch (operator) {
    // "Request start time including milliseconds": the time nginx stamps as $time_iso8601.
    case "%START_TIME(%s.%3f)%":
      return `${Date.parse(measuredAs("$time_iso8601")!) / 1000}.000`;
    case "%REQ(:AUTHORITY)%":
      return header(request, "Host");
    case "%REQ(:METHOD)%":
      return request.method;
    case "%REQ(:PATH)%":
      return request.target;
    // Istio's gateway HCM has use_remote_address (istio/istio release-1.28
    // pilot/pkg/networking/core/gateway.go), so before any filter or logger sees the request
    // Envoy appends the peer to X-Forwarded-For with "," and no space (envoyproxy/envoy
    // source/common/http/conn_manager_utility.cc mutateRequestHeaders, Utility::appendXff in
    // source/common/http/utility.cc), in the header map the access log later reads
    // (conn_manager_impl.cc ActiveStream::decodeHeaders mutates *request_headers_ in place).
    case "%REQ(X-FORWARDED-FOR)%": {
      const received = header(request, "X-Forwarded-For");
      return received === undefined || received === "" ? ENVOY_PEER : `${received},${ENVOY_PEER}`;
    }
    // nginx makes its own $request_id; Envoy logs x-request-id. The ids differ by design
    // (README), so Envoy's stands in with nginx's value: what is compared is its rendering.
    case "%REQ(X-REQUEST-ID)%":
      return measuredAs("$request_id");
    // Every catalogue request reaches the upstream through the router.
    case "%RESPONSE_CODE_DETAILS%":
      return "via_upstream";
    // "Protocol. Currently either HTTP/1.1 HTTP/2 or HTTP/3": the request line's version.
    case "%PROTOCOL%":
      return request.version;
    // "HTTP response code": nginx's $status.
    case "%RESPONSE_CODE%":
      return Number(measuredAs("$status"));
    // "HTTP: Body bytes sent": nginx's $body_bytes_sent (not $bytes_sent, which counts headers).
    case "%BYTES_SENT%":
      return Number(measuredAs("$body_bytes_sent"));
    // "Total duration in milliseconds of the request from the start time to the last byte out".
    case "%DURATION%":
      return milliseconds(measuredAs("$request_time"));
    // From the first byte sent upstream to the last byte received from it: nginx's
    // $upstream_response_time for a request that went upstream once.
    case "%COMMON_DURATION(US_TX_BEG:US_RX_END:ms)%":
      return milliseconds(measuredAs("$upstream_response_time"));
    // "Remote address of the downstream connection, without any port component", after
    // X-Forwarded-For hops: nginx's $remote_addr after realip.
    case "%DOWNSTREAM_REMOTE_ADDRESS_WITHOUT_PORT%":
      return measuredAs("$remote_addr");
  }
  const requestHeader = /^%REQ\(([A-Za-z0-9-]+)\)%$/.exec(operator);
  if (requestHeader) return header(request, requestHeader[1]!);
  throw new Error(`the test does not know Envoy's ${operator}`);
}

function envoyRecordFor(render: EnvoyModeRender, fields: readonly { name: string; nginx: string }[], logged: Logged, nginx: Record<string, string>): EnvoyRecord {
  const measuredAs = (nginxVariable: string): string | undefined => {
    const field = fields.find((candidate) => candidate.nginx === nginxVariable);
    if (!field) throw new Error(`${logged.request.name}: no field logs ${nginxVariable}, which the test needs to know what Envoy would have measured`);
    return nginx[field.name];
  };
  const record: Record<string, LuaValue> = {};
  for (const [key, operator] of Object.entries(render.record)) {
    record[key] = key === ENVOY_COOKIE_KEY ? header(logged.request, "Cookie") : envoyValue(operator, logged, measuredAs);
  }
  return record;
}

describe.each(VALUE_SETS)(`${DATA_PATH_HELM.label}, nginx and Envoy modes, $name`, ({ values }) => {
  const catalogue = startedOnFirstUse(() => runCatalogue(values), (run) => run.rig.dispose());

  it("turn the same request into the same record and line, field by field", async () => {
    const run = await catalogue();
    const render = await renderEnvoyMode(values);
    const settings = valuesSchema.parse(values).accessLog;
    // Requests nginx refuses before parsing them, or answers itself while Envoy is down,
    // have no Envoy-mode counterpart.
    const compared = run.logged.filter((logged) => !logged.request.rejectedByNginx && !logged.request.envoyDown);
    expect(compared.length).toBeGreaterThan(15);
    const nginxRecords = compared.map((logged) => {
      const record = logged.parsed[0]?.record;
      if (!record) throw new Error(`${logged.request.name}: nginx's line did not decode`);
      return record as Record<string, string>;
    });
    const calls = compared.map((logged, index) => ({ timestamp: 0, record: envoyRecordFor(render, settings.fields, logged, nginxRecords[index]!) }));
    const [suite] = runHarness(settings.timeZone, [{ config: render.accessLogTable, calls }]);
    if (!suite?.loaded) throw new Error(`the rendered Lua did not load: ${suite?.error}`);

    compared.forEach((logged, index) => {
      const nginx = nginxRecords[index]!;
      const result = suite.calls[index]!;
      const fromEnvoy = Object.fromEntries([...result.record].map(([key, value]) => [key, value.toString("utf8")]));
      expect(result.nonStrings, logged.request.name).toEqual([]);
      expect(Object.keys(fromEnvoy).sort(), logged.request.name).toEqual([...Object.keys(nginx), "message"].sort());
      for (const [key, value] of Object.entries(nginx)) expect(fromEnvoy[key], `${logged.request.name}: ${key}`).toBe(value);
      // The JSON line as nginx sent it: same keys, order, escaping (json format writes it as is).
      expect(fromEnvoy["message"], `${logged.request.name}: message`).toBe(logged.parsed[0]!.message);
    });
  });
});
