// The kind of value an expression evaluates to, when known. The emitter reads it to
// quote strings and convert numbers; the evaluator to reproduce what those conversions
// print. It is part of the IR's meaning, so both sides read it from here.
import type { GoFunction } from "./functions.ts";
import type { CallIR, ExprIR, ValueKind } from "./types.ts";
import { assertNever } from "./assert-never.ts";

type CallKind = ValueKind | ((call: CallIR) => ValueKind);

/** `default d x` is x when x is set, else d: its kind is known only when both agree. */
const defaultKind = (call: CallIR): ValueKind => {
  const [fallback, value] = call.args.map(kindOf);
  return fallback === value ? value! : "unknown";
};

/** `required message x` is x or no render at all. */
const requiredKind = (call: CallIR): ValueKind => (call.args[1] === undefined ? "unknown" : kindOf(call.args[1]));

const CALL_KINDS = {
  eq: "boolean", ne: "boolean", lt: "boolean", le: "boolean", gt: "boolean", ge: "boolean",
  // Go's and/or return one of their operands, not a bool.
  and: "unknown", or: "unknown", not: "boolean", empty: "boolean",
  default: defaultKind, required: requiredKind, fail: "unknown",
  int: "integer", float64: "number", add: "integer", len: "integer", get: "unknown", hasKey: "boolean", semverCompare: "boolean",
  // trimPrefix hands back its subject as it is, which need not be a string, when the prefix is absent.
  toJson: "string", regexFindAll: "array", trunc: "string", trimPrefix: "unknown", trimSuffix: "string", replace: "string",
  lower: "string", upper: "string", contains: "boolean", hasPrefix: "boolean",
  dict: "object", list: "array", uniq: "array", merge: "object", omit: "object", ternary: "unknown", fromYaml: "object",
} as const satisfies Record<GoFunction, CallKind>;

export function kindOf(ir: ExprIR): ValueKind {
  switch (ir.op) {
    case "values":
    case "scope":
    case "builtin":
      return ir.kind;
    case "literal":
      if (ir.value === null) return "unknown";
      if (typeof ir.value === "number") return Number.isInteger(ir.value) ? "integer" : "number";
      return typeof ir.value as "string" | "boolean";
    case "call": {
      const kind: CallKind = CALL_KINDS[ir.fn];
      return typeof kind === "function" ? kind(ir) : kind;
    }
    case "include":
    case "interpolate":
    case "checksum":
    case "file":
      return "string";
    case "scopeKey":
      return ir.scope.keyIsIndex ? "integer" : "string";
    case "hasApiVersion":
      return "boolean";
    default:
      return assertNever(ir, "expression");
  }
}
