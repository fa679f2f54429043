// npm run bench:envoy-lua — CPU per record of Envoy mode's fluent-bit Lua filter, as the
// chart renders it, under LuaJIT (the Lua fluent-bit embeds). fluent-bit runs the filter for
// every request, so its cost adds to fluent-bit's CPU per line. Figures, not assertions: each
// row is compared with a baseline run in the same luajit process, a filter that only copies
// the record's keys into a new table (the least any Lua filter does), so the ratio holds on a
// shared, noisy machine.
//
//   BENCH_RECORDS  records per row (default 200000)
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { IConfigMap } from "kubernetes-models/v1/ConfigMap";
import { helmBinaries } from "../helm/run.ts";
import { renderOrThrow } from "../compiler/testing/render.ts";
import chart from "../resources/index.ts";
import { compileToDirectory } from "../test/support/differential.ts";
import { lua, type EnvoyRecord } from "../test/datapath/rig/envoy-lua.ts";
import { requireInstalled } from "../test/datapath/rig/programs.ts";

export interface Row {
  readonly records: string;
  readonly count: number;
  readonly filterMicroseconds: number;
  readonly baselineMicroseconds: number;
  /** filter / baseline CPU per record, both measured in the same process. */
  readonly ratio: number;
}

const TYPICAL: EnvoyRecord = {
  time_local: "1764059405.123",
  _start: "1764059405.123",
  vhost: "www.example.com:443",
  method: "GET",
  uri: "/api/items?page=2&sort=name",
  protocol: "HTTP/2",
  status: 200,
  size: 5120,
  reqtime: 12,
  upstream_time: 10,
  ua: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36",
  referer: "https://www.example.com/",
  client: "203.0.113.7",
  xff: "203.0.113.7",
  request_id: "4f1c2a9e-8b7d-4c3e-9f0a-1b2c3d4e5f60",
  header_x_trace_id: "trace-0001",
  _cookie: "other=1; session_id=abc123def456; theme=dark",
};

/** Long client-controlled values: the cap and the escaping work over 2 KiB each. */
const LONG: EnvoyRecord = { ...TYPICAL, uri: `/${"日本語".repeat(300)}?q="quoted"`, ua: `agent ${"é".repeat(1500)}`, _cookie: `session_id=${"x".repeat(3000)}` };

const VALUES = { accessLog: { source: "envoy", cookies: ["session_id"], requestHeaders: ["x-trace-id"] } };

async function renderedLua(): Promise<string> {
  const rendered = await renderOrThrow(helmBinaries()[0]!, compileToDirectory(chart).dir, VALUES);
  return (rendered["fluent-bit-configmap.yaml"]![0] as IConfigMap).data!["accesslog-envoy.lua"]!;
}

/** One luajit process: per row, the filter and the baseline over the same record, CPU time by os.clock. */
function benchScript(filter: string, rows: readonly { name: string; record: EnvoyRecord }[], count: number): string {
  return `${filter}
local function baseline(tag, timestamp, record)
  local copy = {}
  for key, value in pairs(record) do copy[key] = value end
  return 2, timestamp, copy
end
local function measure(fn, record, n)
  fn("accesslog", 0, record) -- warm the trace
  local started = os.clock()
  for _ = 1, n do fn("accesslog", 0, record) end
  return (os.clock() - started) / n * 1e6
end
for _, row in ipairs(${lua(rows.map((row) => ({ name: row.name, record: row.record })))}) do
  local base = measure(baseline, row.record, ${count})
  local filter = measure(accesslog_envoy, row.record, ${count})
  io.write(row.name, "\\t", string.format("%.3f", filter), "\\t", string.format("%.3f", base), "\\n")
end
`;
}

export async function runEnvoyLuaBench(count: number): Promise<Row[]> {
  requireInstalled("luajit");
  const script = benchScript(await renderedLua(), [{ name: "typical", record: TYPICAL }, { name: "2 KiB values", record: LONG }], count);
  const run = spawnSync("luajit", ["-"], { input: script, env: { ...process.env, TZ: "Asia/Tokyo" }, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`luajit failed: ${run.stderr}`);
  return run.stdout.trim().split("\n").map((line) => {
    const [records, filter, baseline] = line.split("\t") as [string, string, string];
    return { records, count, filterMicroseconds: Number(filter), baselineMicroseconds: Number(baseline), ratio: Number(filter) / Number(baseline) };
  });
}

export function formatTable(rows: readonly Row[]): string {
  const header = "| records | count | filter µs/record | baseline µs/record | filter/baseline | records/s per CPU |\n|---|---|---|---|---|---|";
  const body = rows.map((row) => `| ${row.records} | ${row.count} | ${row.filterMicroseconds.toFixed(2)} | ${row.baselineMicroseconds.toFixed(2)} | ${row.ratio.toFixed(1)} | ${Math.round(1e6 / row.filterMicroseconds)} |`);
  return [header, ...body].join("\n");
}

async function main(): Promise<void> {
  const count = Number(process.env["BENCH_RECORDS"] ?? 200_000);
  console.log(formatTable(await runEnvoyLuaBench(count)));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
