// Runs accesslog-envoy.lua (Envoy mode's fluent-bit filter) under the real luajit through
// envoy-lua-harness.lua: Lua source for its input, spelled byte-exactly, and its output parsed.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { requireInstalled } from "./programs.ts";

const LIBRARY = fileURLToPath(new URL("../../../resources/fluent-bit/accesslog-envoy.lua", import.meta.url));
const HARNESS = fileURLToPath(new URL("./envoy-lua-harness.lua", import.meta.url));

// ---------------------------------------------------------------------------------------
// Lua source for the harness's input: values spelled byte-exactly.
// ---------------------------------------------------------------------------------------

/** A Lua expression written as is, for values no literal can spell (0/0, newproxy()). */
export class LuaExpression {
  constructor(readonly source: string) {}
}
export const luaExpression = (source: string) => new LuaExpression(source);

export type LuaValue = string | Buffer | number | boolean | LuaExpression | undefined | readonly LuaValue[] | { readonly [key: string]: LuaValue };

/** Printable ASCII as is, every other byte as \ddd (three digits, so a digit after it is not absorbed). */
export function luaString(value: string | Buffer): string {
  const bytes = typeof value === "string" ? Buffer.from(value, "utf8") : value;
  let source = '"';
  for (const byte of bytes) {
    const printable = byte >= 0x20 && byte <= 0x7e && byte !== 0x22 && byte !== 0x5c;
    source += printable ? String.fromCharCode(byte) : `\\${byte.toString().padStart(3, "0")}`;
  }
  return `${source}"`;
}

function luaNumber(value: number): string {
  if (Number.isNaN(value)) return "(0/0)";
  if (!Number.isFinite(value)) return value > 0 ? "(1/0)" : "(-1/0)";
  // JavaScript's shortest round-trip form is a valid Lua numeral and reads back exactly.
  return `(${String(value)})`;
}

/** A Lua table constructor; undefined entries are left out, which is how Lua spells nil. */
export function lua(value: LuaValue): string {
  if (value === undefined) return "nil";
  if (typeof value === "string" || Buffer.isBuffer(value)) return luaString(value);
  if (typeof value === "number") return luaNumber(value);
  if (typeof value === "boolean") return String(value);
  if (value instanceof LuaExpression) return `(${value.source})`;
  if (Array.isArray(value)) return `{ ${value.map((item) => `${lua(item)},`).join(" ")} }`;
  const entries = Object.entries(value as { readonly [key: string]: LuaValue }).filter(([, item]) => item !== undefined);
  return `{ ${entries.map(([key, item]) => `[${luaString(key)}] = ${lua(item)},`).join(" ")} }`;
}

// ---------------------------------------------------------------------------------------
// Running the library in luajit through the harness.
// ---------------------------------------------------------------------------------------

export type Convert = "text" | "number" | "seconds_from_ms" | "local_time" | "host" | "protocol" | "forwarded_for" | "cookie";

export interface FieldSpec {
  readonly name: string;
  readonly convert: Convert;
  readonly truncate?: boolean;
  readonly cookie?: string;
}

/** The global table the chart prepends to the library. */
export function accesslogTable(fields: readonly FieldSpec[], maxFieldLength = 2048): string {
  return `ACCESSLOG = ${lua({ max_field_length: maxFieldLength, fields: fields.map((field) => ({ ...field })) })}`;
}

export type EnvoyRecord = { readonly [key: string]: LuaValue };

export interface Suite {
  readonly config: string;
  /** Make os.date("%z") return "": the library's own offset computation must take over. */
  readonly noStrftimeZone?: boolean;
  readonly calls: readonly { readonly timestamp: number; readonly record: EnvoyRecord | undefined }[];
}

export interface CallResult {
  /** How many values accesslog_envoy returned. */
  readonly returned: number;
  readonly code: number;
  readonly timestamp: number;
  /** The new record's string values, byte-exact. */
  readonly record: ReadonlyMap<string, Buffer>;
  /** Keys whose value was not a string (fluent-bit would write them differently from nginx mode). */
  readonly nonStrings: readonly string[];
}

export type SuiteResult = { readonly loaded: true; readonly calls: CallResult[] } | { readonly loaded: false; readonly error: string };

const fromHex = (hex: string) => Buffer.from(hex, "hex");

export function runHarness(timeZone: string, suites: readonly Suite[]): SuiteResult[] {
  requireInstalled("luajit");
  const input = `return ${lua(suites.map((suite) => ({ config: suite.config, no_strftime_zone: suite.noStrftimeZone, calls: suite.calls.map((call) => ({ ...call })) })))}`;
  const run = spawnSync("luajit", [HARNESS, LIBRARY], { input, env: { ...process.env, TZ: timeZone }, maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`luajit failed (${run.status ?? run.signal}): ${run.stderr.toString()}`);
  return parseHarnessOutput(run.stdout.toString("latin1"));
}

function parseHarnessOutput(output: string): SuiteResult[] {
  const suites: SuiteResult[] = [];
  let call: { returned: number; code: number; timestamp: number; record: Map<string, Buffer>; nonStrings: string[] } | undefined;
  for (const line of output.split("\n").filter(Boolean)) {
    const [kind, first = "", second = "", third = "", fourth = ""] = line.split(" ");
    const suite = suites.at(-1);
    if (kind === "suite") suites.push(second === "ok" ? { loaded: true, calls: [] } : { loaded: false, error: fromHex(third).toString("utf8") });
    else if (kind === "call" && second === "error") throw new Error(`accesslog_envoy raised: ${fromHex(third).toString("utf8")}`);
    else if (kind === "call") call = { returned: Number(second), code: Number(third), timestamp: Number(fourth), record: new Map(), nonStrings: [] };
    else if (kind === "key" && call) {
      const key = fromHex(first).toString("utf8");
      if (/^[0-9a-f]*$/.test(second)) call.record.set(key, fromHex(second));
      else call.nonStrings.push(`${key}: ${second}`);
    } else if (kind === "end" && call && suite?.loaded) {
      suite.calls.push(call);
      call = undefined;
    } else throw new Error(`unexpected harness output: ${line}`);
  }
  return suites;
}

