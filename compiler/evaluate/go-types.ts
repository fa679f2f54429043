// Which expressions print as Go integers, decided from Go and sprig semantics alone (the
// emitter has its own rule for where it writes `| int`; the differential tests hold the two
// to each other, so they must not share it).
import type { ExprIR } from "../ir/types.ts";
import { assertNever } from "../ir/types.ts";

/**
 * Helm decodes every number of a values file as float64, which fmt prints as 2e+06 from a
 * million up; Go template integer literals, a range index and sprig's int, len and add are
 * int64 and print in decimal. A value the schema declares an integer is one the chart means
 * to print as an integer (Kubernetes refuses 2e+06 for an int32 field), however the template
 * gets there.
 */
export function printsAsGoInteger(ir: ExprIR): boolean {
  switch (ir.op) {
    case "literal":
      // text/template makes a number literal an int64 when strconv.ParseInt accepts it
      // (go/src/text/template/parse/node.go, newNumber); a larger integer can only be a float64.
      return typeof ir.value === "number" && Number.isInteger(ir.value) && Math.abs(ir.value) < 2 ** 63;
    case "values":
    case "scope":
    case "builtin":
      return ir.kind === "integer";
    case "scopeKey":
      return ir.scope.keyIsIndex === true;
    case "call":
      if (ir.fn === "int" || ir.fn === "len" || ir.fn === "add") return true;
      // `default d x` is x when x is set, else d: an integer only when both are.
      if (ir.fn === "default") return ir.args.every(printsAsGoInteger);
      if (ir.fn === "required") return ir.args[1] !== undefined && printsAsGoInteger(ir.args[1]);
      return false;
    case "include":
    case "interpolate":
    case "checksum":
    case "file":
    case "hasApiVersion":
      return false;
    default:
      return assertNever(ir, "expression");
  }
}

/**
 * A number as the YAML parser reads back what Helm printed, integers as bigint so that a
 * comparison sees 2e+06 and 2000000 as different: YAML reads digits as an integer and
 * anything with an exponent or a point as a float.
 */
export function readBackNumber(printed: string): number | bigint {
  return /^-?[0-9]+$/.test(printed) ? BigInt(printed) : Number(printed);
}

/**
 * Data Helm wrote with toJson or toYaml (encoding/json, then go-yaml for toYaml): a float64
 * that is a whole number below 1e21 is written in digits and read back as an integer.
 */
export function withJsonIntegers(value: unknown): unknown {
  if (typeof value === "number") return Number.isInteger(value) && Math.abs(value) < 1e21 ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(withJsonIntegers);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withJsonIntegers(item)]));
  return value;
}
