// Conditions on whether a user changed a value from the chart's default.
import { DefinitionError } from "./location.ts";
import { describe, exprIR, isExpr, makeExpr, type Expr } from "./expr.ts";
import { schemaOfRef } from "./symbolic.ts";
import { goJson } from "../ir/go-json.ts";

/**
 * True when the value differs from its schema default: `ne (toJson v) "<default as JSON>"`.
 * JSON rather than `eq` because Go's eq cannot compare maps or lists; Helm's toJson sorts
 * map keys and escapes <, > and & as the compile-time goJson does, so the strings match
 * exactly for an unchanged value.
 */
export function differsFromDefault(value: Expr<unknown>): Expr<boolean> {
  if (!isExpr(value)) throw new DefinitionError(`differsFromDefault(...) needs a symbolic value, got ${describe(value)}`);
  const schema = schemaOfRef(value) as { safeParse?: (input: unknown) => { success: boolean; data?: unknown } } | undefined;
  const parsed = schema?.safeParse?.(undefined);
  if (!parsed?.success || parsed.data === undefined) {
    throw new DefinitionError("differsFromDefault(...) needs a value whose schema has a default");
  }
  return makeExpr({
    op: "call",
    fn: "ne",
    args: [{ op: "call", fn: "toJson", args: [exprIR(value)] }, { op: "literal", value: goJson(parsed.data) }],
  });
}
