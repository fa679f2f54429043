// Go template and sprig semantics the concrete evaluator must reproduce exactly, since
// the compiler's guarantee is "helm template output == TypeScript evaluation". Written
// by hand: no library models Go's text/template truthiness or fmt's float formatting.
import { createHash } from "node:crypto";
import { goFormatFloat } from "../../golang/index.ts";
import { goJson } from "../ir/go-json.ts";

export { goFormatFloat, goJson };

/** text/template `if`/`with`/`and`/`or`: false, 0, "", nil and empty collections are false. */
export function goTruthy(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object") return Object.keys(value).length > 0;
  return true;
}

/**
 * fmt's %v for the values Helm hands a template. Helm decodes numbers in values files as
 * float64, which %v prints in shortest %g style with an exponent from 1e6 (and below 1e-4), so
 * 1000000 prints as 1e+06: that is why integers in text go through `| int`.
 */
export function goPrint(value: unknown): string {
  if (value === undefined) return "<no value>";
  if (value === null) return "<nil>";
  if (typeof value === "number") return goFormatFloat(value);
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(goPrint).join(" ")}]`;
  const entries = Object.keys(value as object).sort().map((key) => `${key}:${goPrint((value as Record<string, unknown>)[key])}`);
  return `map[${entries.join(" ")}]`;
}

/** sprig `int` (spf13/cast ToInt): truncates floats, parses strings, false → 0. */
export function goInt(value: unknown): number {
  if (typeof value === "number") return floatToInt64(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string") return castStringToInt(value);
  return 0;
}

/**
 * spf13/cast's string → int (cast/caste.go ToInt64E): strconv.ParseInt(trimZeroDecimal(s), 0,
 * 0), and 0 when that fails. Base 0 takes a sign, the prefixes 0x, 0o, 0b and a leading 0
 * (octal, so "08" fails), and underscores between digits (strconv/atoi.go, underscoreOK); no spaces, no
 * exponent, nothing beyond int64.
 */
function castStringToInt(text: string): number {
  const match = /^([+-]?)(0[xX]|0[oO]|0[bB]|0(?=[0-9a-fA-F_])|)([0-9a-fA-F_]+)$/.exec(trimZeroDecimal(text));
  if (!match) return 0;
  const [, sign, prefix, digits] = match as unknown as [string, string, string, string];
  const base = /^0[xX]$/.test(prefix) ? 16 : /^0[bB]$/.test(prefix) ? 2 : prefix === "" ? 10 : 8;
  // A prefix counts as a digit before an underscore ("0x_1"); a leading 0 of octal is a digit.
  const separated = prefix === "0" ? `0${digits}` : digits;
  if (/__|_$/.test(separated) || (prefix === "" && separated.startsWith("_"))) return 0;
  const plain = separated.replaceAll("_", "");
  const valid = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[base]!;
  if (!valid.test(plain)) return 0;
  const magnitude = [...plain.toLowerCase()].reduce((total, digit) => total * BigInt(base) + BigInt(Number.parseInt(digit, 16)), 0n);
  const parsed = sign === "-" ? -magnitude : magnitude;
  return parsed > 2n ** 63n - 1n || parsed < -(2n ** 63n) ? 0 : Number(parsed);
}

/** cast's trimZeroDecimal: "12.0" and "12.00" → "12"; "12.5", "12." stay. */
function trimZeroDecimal(text: string): string {
  let foundZero = false;
  for (let index = text.length; index > 0; index--) {
    const char = text[index - 1];
    if (char === ".") return foundZero ? text.slice(0, index - 1) : text;
    if (char !== "0") return text;
    foundZero = true;
  }
  return text;
}

/**
 * Go's int64(f) for a float64: the integer part, and where int64 cannot hold it (NaN, ±Inf,
 * |f| ≥ 2^63) what amd64's CVTTSD2SI gives, the "integer indefinite" -2^63 (the Go spec leaves
 * the result implementation-dependent; Helm's amd64 binaries print -9223372036854775808 for
 * `int 1e21`, measured with Helm 3.17 and 4.1).
 */
function floatToInt64(value: number): number {
  const integer = Math.trunc(value);
  return Number.isNaN(integer) || Math.abs(integer) >= 2 ** 63 ? -(2 ** 63) : integer;
}

/**
 * sprig `float64` (cast.ToFloat64): numbers as they are, booleans 1/0, strings through Go's
 * strconv.ParseFloat (decimal and exponent forms here, with underscores between digits as
 * atof.go's readFloat and underscoreOK allow; nothing around the number), else 0.
 */
export function goFloat(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value !== "string") return 0;
  const separated = /(^|[^0-9])_|_($|[^0-9])/.test(value) ? value : value.replaceAll("_", "");
  if (/^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(separated)) return Number(separated);
  if (/^[+-]?inf(inity)?$/i.test(value)) return value.startsWith("-") ? -Infinity : Infinity;
  // strconv's special(): a sign is read only before inf, so "+nan" is an error.
  if (/^nan$/i.test(value)) return Number.NaN;
  return 0;
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * sprig `semverCompare ">=M.m-0"` against a Kubernetes version such as "v1.31.2" or
 * "v1.29.0-eks-1". Without "-0", a pre-release version satisfies no constraint
 * (Masterminds/semver v3, constraints.go: a pre-release is compatible only with a
 * constraint that has one).
 */
export function semverAtLeast(constraint: string, version: string): boolean {
  const wanted = /^>=\s*(\d+)\.(\d+)(?:\.(\d+))?(-0)?$/.exec(constraint);
  if (!wanted) throw new Error(`unsupported semver constraint "${constraint}": only ">=major.minor[-0]" is modelled`);
  const actual = /^v?(\d+)\.(\d+)(?:\.(\d+))?(-)?/.exec(version);
  if (!actual) return false;
  if (actual[4] && !wanted[4]) return false;
  const a = [Number(actual[1]), Number(actual[2]), Number(actual[3] ?? 0)];
  const w = [Number(wanted[1]), Number(wanted[2]), Number(wanted[3] ?? 0)];
  for (let index = 0; index < 3; index++) {
    if (a[index]! !== w[index]!) return a[index]! > w[index]!;
  }
  return true;
}

/** text/template `eq`/`lt`...: numbers compare by value, other kinds must match. */
export function goCompare(fn: "eq" | "ne" | "lt" | "le" | "gt" | "ge", left: unknown, right: unknown): boolean {
  switch (fn) {
    case "eq":
      return left === right;
    case "ne":
      return left !== right;
    case "lt":
      return (left as number) < (right as number);
    case "le":
      return (left as number) <= (right as number);
    case "gt":
      return (left as number) > (right as number);
    case "ge":
      return (left as number) >= (right as number);
  }
}
