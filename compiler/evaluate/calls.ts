// What each Go template and sprig function returns: the evaluator's half of the closed
// function list (../ir/functions.ts). A function missing here fails to typecheck.
import type { ExprIR, GoFunction } from "../ir/types.ts";
import { goCompare, goFloat, goInt, goJson, goPrint, goTruthy, semverAtLeast } from "./go-semantics.ts";
import { RenderError } from "./render-context.ts";

/** A function's value from its argument expressions; `evaluate` evaluates one in the caller's scope. */
type CallEvaluator = (args: readonly ExprIR[], evaluate: (arg: ExprIR) => unknown) => unknown;

/** Most functions see their arguments' values, evaluated left to right. */
const strict = (apply: (values: unknown[]) => unknown): CallEvaluator => (args, evaluate) => apply(args.map(evaluate));

/** and/or short-circuit and return an operand, as in Go 1.18+. */
const shortCircuit = (stopWhen: boolean): CallEvaluator => (args, evaluate) => {
  let last: unknown;
  for (const arg of args) {
    last = evaluate(arg);
    if (goTruthy(last) === stopWhen) return last;
  }
  return last;
};

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object";

export const CALL_EVALUATORS = {
  eq: strict(([a, b]) => goCompare("eq", a, b)),
  ne: strict(([a, b]) => goCompare("ne", a, b)),
  lt: strict(([a, b]) => goCompare("lt", a, b)),
  le: strict(([a, b]) => goCompare("le", a, b)),
  gt: strict(([a, b]) => goCompare("gt", a, b)),
  ge: strict(([a, b]) => goCompare("ge", a, b)),
  and: shortCircuit(false),
  or: shortCircuit(true),
  not: strict(([a]) => !goTruthy(a)),
  empty: strict(([a]) => !goTruthy(a)),
  default: strict(([fallback, value]) => (goTruthy(value) ? value : fallback)),
  required: strict(([message, value]) => {
    if (value === undefined || value === null || value === "") throw new RenderError(String(message));
    return value;
  }),
  fail: strict(([message]) => {
    throw new RenderError(String(message));
  }),
  int: strict(([a]) => goInt(a)),
  float64: strict(([a]) => goFloat(a)),
  add: strict((terms) => terms.reduce((sum: number, term) => sum + goInt(term), 0)),
  // Go's len of a string counts bytes (reflect.Value.Len), not UTF-16 code units.
  len: strict(([a]) => (typeof a === "string" ? Buffer.byteLength(a, "utf8") : Array.isArray(a) ? a.length : isObject(a) ? Object.keys(a).length : 0)),
  get: strict(([map, key]) => (isObject(map) && Object.prototype.hasOwnProperty.call(map, String(key)) ? map[String(key)] : "")),
  hasKey: strict(([map, key]) => isObject(map) && Object.prototype.hasOwnProperty.call(map, String(key))),
  semverCompare: strict(([constraint, version]) => semverAtLeast(String(constraint), String(version))),
  toJson: strict(([a]) => (a === undefined ? "null" : goJson(a))),
  // Patterns the chart uses are in the common subset of RE2 and JavaScript regexps.
  // Go's FindAllString returns a nil slice, not an empty one, when nothing matches: toJson prints null.
  regexFindAll: strict(([pattern, text]) => {
    const found = [...String(text).matchAll(new RegExp(String(pattern), "g"))].map((match) => match[0]);
    return found.length > 0 ? found : null;
  }),
  trunc: strict(([length, value]) => {
    const text = goPrint(value);
    const n = length as number;
    return n >= 0 ? text.slice(0, n) : text.slice(Math.max(0, text.length + n));
  }),
  trimPrefix: strict(([prefix, text]) => (String(text).startsWith(String(prefix)) ? String(text).slice(String(prefix).length) : text)),
  trimSuffix: strict(([suffix, text]) => (String(text).endsWith(String(suffix)) ? String(text).slice(0, String(text).length - String(suffix).length) : text)),
  replace: strict(([search, replacement, text]) => goPrint(text).split(String(search)).join(String(replacement))),
  lower: strict(([a]) => String(a).toLowerCase()),
  upper: strict(([a]) => String(a).toUpperCase()),
  contains: strict(([needle, haystack]) => String(haystack).includes(String(needle))),
  hasPrefix: strict(([prefix, text]) => String(text).startsWith(String(prefix))),
  dict: strict((values) => {
    const result: Record<string, unknown> = {};
    // A missing value is Go's nil, which toJson writes as null (JavaScript would drop the key);
    // a key without a value gets "" (sprig dict.go, dict).
    for (let index = 0; index < values.length; index += 2) result[String(values[index])] = index + 1 < values.length ? (values[index + 1] ?? null) : "";
    return result;
  }),
  list: strict((values) => values.map((value) => value ?? null)),
  uniq: strict(([a]) => (Array.isArray(a) ? a.filter((item, index) => a.findIndex((other) => goJson(other) === goJson(item)) === index) : [])),
  merge: strict((sources) => {
    const result: Record<string, unknown> = {};
    for (const source of sources) mergeInto(result, source);
    return result;
  }),
  omit: strict(([map, ...keys]) => {
    if (!isObject(map)) return {};
    const omitted = new Set(keys.map(String));
    return Object.fromEntries(Object.entries(map).filter(([key]) => !omitted.has(key)));
  }),
  // sprig's ternary takes a bool; jsonObject only passes it one (see dsl/json.ts).
  ternary: strict(([then, otherwise, cond]) => (cond === true ? then : otherwise)),
  // A YAML helper's include already evaluates to its map; Go parses the helper's text.
  fromYaml: strict(([a]) => (isObject(a) ? a : {})),
} satisfies Record<GoFunction, CallEvaluator>;

/**
 * sprig `merge` (mergo without override): a key keeps the first value that is not empty
 * in Go's sense; an empty one ("", 0, false, nil, {}) is replaced by a later source's, and
 * maps on both sides merge recursively. A nil in a source is skipped (mergo's deepMerge
 * passes over a nil map element unless overwriting), so it neither adds nor clears a key.
 */
function mergeInto(target: Record<string, unknown>, source: unknown): void {
  if (source === null || typeof source !== "object" || Array.isArray(source)) return;
  for (const [key, value] of Object.entries(source)) {
    if (value === null || value === undefined) continue;
    const existing = target[key];
    const bothMaps = [existing, value].every((item) => item !== null && typeof item === "object" && !Array.isArray(item));
    if (bothMaps && goTruthy(existing)) {
      const copy = { ...(existing as Record<string, unknown>) };
      mergeInto(copy, value);
      target[key] = copy;
    } else if (!(key in target) || !goTruthy(existing)) {
      target[key] = value;
    }
  }
}
