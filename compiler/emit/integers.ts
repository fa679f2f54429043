// Where the emitter writes `| int`, and how it folds number literals into text. The
// evaluator decides independently what Helm prints; the differential tests compare them.
import type { ExprIR } from "../ir/types.ts";

/**
 * A values or scope reference the schema declares an integer: Helm hands it to the template
 * as float64, which prints as 2e+06 from a million up, so it goes through `int` before it
 * is printed. Calls that return int64 (int, len, add) and literals print as integers already.
 */
export function needsIntPipe(ir: ExprIR): boolean {
  return (ir.op === "values" || ir.op === "scope" || ir.op === "builtin") && ir.kind === "integer";
}

/**
 * A literal as Go's %v prints it, to be written into a format string, or null when the
 * literal is better left to Go: a template's integer literal is an int (decimal), and
 * JavaScript's and Go's float formats agree only between 1e-4 and 1e6.
 */
export function foldedLiteralText(value: string | number | boolean | null): string | null {
  if (value === null) return "<nil>";
  if (typeof value !== "number") return String(value);
  if (Number.isInteger(value)) return Math.abs(value) < 1e21 && !Object.is(value, -0) ? String(value) : null;
  return Math.abs(value) >= 1e-4 && Math.abs(value) < 1e6 ? String(value) : null;
}
