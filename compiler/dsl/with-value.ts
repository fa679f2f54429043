// A part of a document rendered only when a value is set, with the value bound (Go `with`).
import { describe, exprIR, isExpr, type Expr, type Sym } from "./expr.ts";
import { callerLocation, DefinitionError } from "./location.ts";
import { entriesMarker, isPlainObject, isText, itemMarker, newScope, TEXT, type Text } from "./markers.ts";
import { schemaOfRef, scopeRef } from "./symbolic.ts";
import { toEntriesIR, toItemsIR } from "./to-ir.ts";

/** Renders the body only when the value is non-empty, with the value bound as `.` (Go `with`). */
export function withValue<T>(value: Expr<T>, render: (it: Sym<NonNullable<T>>) => Text): Text;
export function withValue<T, R extends readonly unknown[]>(value: Expr<T>, render: (it: Sym<NonNullable<T>>) => R): R;
export function withValue<T, R extends object>(value: Expr<T>, render: (it: Sym<NonNullable<T>>) => R): Partial<R>;
export function withValue(value: Expr<unknown>, render: (it: never) => unknown): unknown {
  const at = callerLocation();
  if (!isExpr(value)) throw new DefinitionError(`withValue(...) needs a symbolic value, got ${describe(value)}`, at);
  const expr = exprIR(value);
  const scope = newScope("with", "with");
  const body = render(scopeRef(scope, schemaOfRef(value)) as never);
  if (isText(body)) return { [TEXT]: { type: "lines", lines: [{ type: "with", scope, expr, body: body[TEXT], at }] } };
  if (Array.isArray(body)) return [itemMarker({ type: "with", scope, expr, body: toItemsIR(body, "withValue"), at })];
  if (isPlainObject(body)) return entriesMarker({ type: "with", scope, expr, body: toEntriesIR(body, ""), at });
  throw new DefinitionError(`withValue(...) must return map entries, list items or lines(...), got ${describe(body)}`, at);
}
