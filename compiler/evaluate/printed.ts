// Values as Helm prints them and YAML reads them back: numbers, nil and missing values.
import type { ExprIR } from "../ir/types.ts";
import { kindOf } from "../ir/kinds.ts";
import { assertNever } from "../ir/types.ts";
import { goInt, goPrint } from "./go-semantics.ts";
import { printsAsGoInteger, readBackNumber, withJsonIntegers } from "./go-types.ts";
import type { RenderContext } from "./render-context.ts";

/** What toYaml then YAML parsing gives back: JSON-like data with undefined dropped. */
export function normaliseYaml(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value)) as unknown;
}

/**
 * A scalar action's value as Helm prints it: a Go integer in decimal, a float64 as fmt's %v
 * (2e+06), anything else through toJson.
 */
export function asPrinted(ir: ExprIR, value: unknown): unknown {
  if (typeof value !== "number") return withJsonIntegers(value);
  if (printsAsGoInteger(ir)) return BigInt(goInt(value));
  return kindOf(ir) === "number" ? readBackNumber(goPrint(value)) : withJsonIntegers(value);
}

export function printedData(value: unknown, context: RenderContext): unknown {
  return context.printedNumbers ? withJsonIntegers(value) : value;
}

/**
 * A missing value in a scalar position, as the emitted action renders it: `| quote` of nil
 * is empty (so YAML null), `| int` is 0, `| toJson` is null, and a bare action prints
 * text/template's "<no value>", which Helm erases from the output (pkg/engine/engine.go,
 * render), leaving YAML null.
 */
export function valueAsRendered(ir: ExprIR, value: unknown): unknown {
  if (value !== undefined && value !== null) return value;
  const kind = kindOf(ir);
  switch (kind) {
    case "string":
      return null;
    case "integer":
      return 0;
    case "number":
    case "boolean":
    case "object":
    case "array":
    case "unknown":
      return null;
    default:
      return assertNever(kind, "value kind");
  }
}
