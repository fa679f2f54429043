// gopkg.in/yaml.v3's resolution of plain (unquoted) scalars, by hand: the `yaml` package
// follows YAML 1.2, but helm-unittest decodes with yaml.v3, which still reads 0777 as
// octal, 08 as a float and quotes y/n/on/off on output. Snapshots depend on the difference.

export type ResolvedScalar =
  | { readonly tag: "null"; readonly value: null }
  | { readonly tag: "bool"; readonly value: boolean }
  | { readonly tag: "int" | "float"; readonly value: number }
  | { readonly tag: "timestamp" | "merge" | "str"; readonly value: string };

const SPECIAL: ReadonlyMap<string, ResolvedScalar> = new Map<string, ResolvedScalar>([
  ...["true", "True", "TRUE"].map((s) => [s, { tag: "bool", value: true }] as const),
  ...["false", "False", "FALSE"].map((s) => [s, { tag: "bool", value: false }] as const),
  ...["", "~", "null", "Null", "NULL"].map((s) => [s, { tag: "null", value: null }] as const),
  ...[".nan", ".NaN", ".NAN"].map((s) => [s, { tag: "float", value: Number.NaN }] as const),
  ...[".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"].map((s) => [s, { tag: "float", value: Infinity }] as const),
  ...["-.inf", "-.Inf", "-.INF"].map((s) => [s, { tag: "float", value: -Infinity }] as const),
  ["<<", { tag: "merge", value: "<<" }],
]);

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;

export function resolvePlain(text: string): ResolvedScalar {
  const special = SPECIAL.get(text);
  if (special) return special;
  const first = text[0] ?? "";
  if (first === ".") {
    return DOT_FLOAT.test(text) ? { tag: "float", value: Number(text) } : { tag: "str", value: text };
  }
  if (!/[-+0-9]/.test(first)) return { tag: "str", value: text };
  if (isTimestamp(text)) return { tag: "timestamp", value: text };
  const plain = text.replaceAll("_", "");
  const integer = goParseInt(plain);
  if (integer !== undefined) return { tag: "int", value: integer };
  if (YAML_STYLE_FLOAT.test(plain)) {
    const float = Number(plain);
    if (Number.isFinite(float)) return { tag: "float", value: float };
  }
  return { tag: "str", value: text };
}

/** strconv.ParseInt(s, 0, 64) or ParseUint: sign, then 0x / 0o / 0b / leading-0 octal or decimal. */
export function goParseInt(text: string): number | undefined {
  const match = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(text);
  if (!match) return undefined;
  const [, sign, digits] = match as unknown as [string, string, string];
  let magnitude: bigint;
  const prefix = digits.slice(0, 2).toLowerCase();
  if (prefix === "0x" || prefix === "0o" || prefix === "0b") magnitude = BigInt(`0${prefix[1]}${digits.slice(2)}`);
  else if (digits.length > 1 && digits.startsWith("0")) magnitude = BigInt(`0o${digits.slice(1)}`);
  else magnitude = BigInt(digits);
  const limit = sign === "-" ? 2n ** 63n : 2n ** 64n - 1n;
  if (magnitude > limit) return undefined;
  return Number(sign === "-" ? -magnitude : magnitude);
}

const TIMESTAMP_FORMATS = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?(Z|[-+]\d{2}:\d{2})$/,
  /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?$/,
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
];

/** yaml.v3 tries time.Parse with four layouts; a match makes the scalar a !!timestamp. */
function isTimestamp(text: string): boolean {
  if (!/^\d{4}-/.test(text)) return false;
  for (const format of TIMESTAMP_FORMATS) {
    const match = format.exec(text);
    if (!match) continue;
    const [month, day] = [Number(match[2]), Number(match[3])];
    const [hour, minute, second] = [Number(match[4] ?? 0), Number(match[5] ?? 0), Number(match[6] ?? 0)];
    if (month < 1 || month > 12 || day < 1 || day > daysIn(Number(match[1]), month)) return false;
    if (hour > 23 || minute > 59 || second > 59) return false;
    return true;
  }
  return false;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const OLD_BOOLS = new Set(["y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "n", "N", "no", "No", "NO", "off", "Off", "OFF"]);
const BASE_60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** yaml.v3 writes a string unquoted only when reading it back unquoted gives the same string. */
export function stringNeedsQuotes(text: string): boolean {
  return resolvePlain(text).tag !== "str" || OLD_BOOLS.has(text) || BASE_60_FLOAT.test(text);
}
