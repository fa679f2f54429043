// Where the emitter writes `| int`, and how it folds number literals into text. The
// evaluator decides independently what Helm prints; the differential tests compare them.
import { kindOf } from "../ir/kinds.ts";
import type { ExprIR } from "../ir/types.ts";

/**
 * A values or scope reference the schema declares an integer: Helm hands it to the template
 * as float64, which prints as 2e+06 from a million up, so it goes through `int` before it
 * is printed. Calls that return int64 (int, len, add) and literals print as integers already.
 */
export function needsIntPipe(ir: ExprIR): boolean {
  if (ir.op === "values" || ir.op === "scope" || ir.op === "builtin") return ir.kind === "integer";
  // default and required hand back one of their arguments as it is: a float64 when it came
  // from the values (`default 7 .Values.count` printed 2e+06 for 2000000).
  if (ir.op === "call" && (ir.fn === "default" || ir.fn === "required")) return kindOf(ir) === "integer" && ir.args.some(needsIntPipe);
  return false;
}

/**
 * A literal as Go's %v prints it, to be written into a format string, or null when the
 * literal is better left to Go: a template's integer literal is an int (decimal), and
 * JavaScript's and Go's float formats agree only between 1e-4 and 1e6.
 */
export function foldedLiteralText(value: string | number | boolean | null): string | null {
  if (value === null) return "<nil>";
  if (typeof value !== "number") return String(value);
  // -0 needs no exception: its exact decimal is "0", which Go prints for the int literal 0.
  if (Number.isInteger(value)) return fitsGoInt(value) ? exactDecimal(value) : null;
  return Math.abs(value) >= 1e-4 && Math.abs(value) < 1e6 ? String(value) : null;
}

/**
 * Whether an integer is a Go int literal: text/template parses a literal as int64 when it
 * can (go/src/text/template/parse/node.go, newNumber: strconv.ParseInt), and rejects an
 * integer-looking literal that overflows ("integer overflow", or at execution "overflows
 * int" for one that only fits uint64). Every such int prints in decimal.
 */
function fitsGoInt(value: number): boolean {
  return Math.abs(value) < 2 ** 63;
}

/** Every digit of an integer: String() rounds above 2^53 (2 ** 62 → 4611686018427388000, another int64). */
function exactDecimal(value: number): string {
  return BigInt(value).toString();
}

/**
 * A number as a Go template literal: an int in decimal where it fits int64, else a float
 * literal. String() writes 1e20 as 21 digits, which Go would refuse as an overflowing
 * integer; the exponent form is a float64, which Go prints as %v does (1e+20).
 */
export function goNumberLiteral(value: number): string {
  if (!Number.isInteger(value)) return String(value);
  return fitsGoInt(value) ? exactDecimal(value) : value.toExponential();
}

/** A number literal compared with a float64: an int literal gets a fraction, or Go's eq refuses the mix. */
export function goFloatLiteral(value: number): string {
  return Number.isInteger(value) && fitsGoInt(value) ? `${exactDecimal(value)}.0` : goNumberLiteral(value);
}
