// Parts of a document rendered only when a condition holds: when, unless, ifElse.
import { describe, exprIR, makeExpr, symbolicIR, type Expr } from "./expr.ts";
import { callerLocation, DefinitionError } from "./location.ts";
import { entriesMarker, isPlainObject, isText, itemMarker, nodeMarker, TEXT, type Text } from "./markers.ts";
import { toEntriesIR, toItemsIR, toNodeIR } from "./to-ir.ts";

/** Renders `then` only when cond is truthy (Go template truthiness), else `otherwise`. */
export function when(cond: Expr<unknown>, then: Text, otherwise?: Text): Text;
export function when<T extends readonly unknown[]>(cond: Expr<unknown>, then: T, otherwise?: T): T;
export function when<T extends object>(cond: Expr<unknown>, then: T, otherwise?: T): Partial<T>;
export function when(cond: Expr<unknown>, then: unknown, otherwise?: unknown): unknown {
  const at = callerLocation();
  const c = symbolicIR(cond, "when(...) needs a symbolic condition", at, "a plain JavaScript value can use an ordinary if");
  if (isText(then)) {
    const other = otherwise === undefined ? { type: "lines" as const, lines: [] } : asText(otherwise, "when(...) else branch")[TEXT];
    return { [TEXT]: { type: "lines", lines: [{ type: "when", cond: c, then: then[TEXT], otherwise: other, at }] } };
  }
  if (Array.isArray(then)) {
    const other = otherwise === undefined ? [] : asArray(otherwise, "when(...) else branch");
    return [itemMarker({ type: "when", cond: c, then: toItemsIR(then, "when"), otherwise: toItemsIR(other, "when"), at })];
  }
  if (isPlainObject(then)) {
    const other = otherwise === undefined ? {} : asObject(otherwise, "when(...) else branch");
    return entriesMarker({ type: "when", cond: c, then: toEntriesIR(then, ""), otherwise: toEntriesIR(other, ""), at });
  }
  throw new DefinitionError(`when(...) takes map entries, list items or lines(...), got ${describe(then)}; for a single value use ifElse(...)`, at);
}

/** Renders `then` only when cond is falsy. */
export function unless(cond: Expr<unknown>, then: Text): Text;
export function unless<T extends readonly unknown[]>(cond: Expr<unknown>, then: T): T;
export function unless<T extends object>(cond: Expr<unknown>, then: T): Partial<T>;
export function unless(cond: Expr<unknown>, then: unknown): unknown {
  return when(makeExpr({ op: "call", fn: "not", args: [exprIR(cond)] }), then as object);
}

/** A single value chosen by a condition: `key: ifElse(cond, a, b)`. */
export function ifElse<A, B>(cond: Expr<unknown>, then: A, otherwise: B): A | B {
  const at = callerLocation();
  return nodeMarker({ type: "choose", cond: symbolicIR(cond, "ifElse(...) needs a symbolic condition", at), then: toNodeIR(then, "ifElse"), otherwise: toNodeIR(otherwise, "ifElse"), at }) as A | B;
}

function asText(value: unknown, what: string): Text {
  if (!isText(value)) throw new DefinitionError(`${what} must be lines(...) like the first branch, got ${describe(value)}`);
  return value;
}

function asArray(value: unknown, what: string): readonly unknown[] {
  if (!Array.isArray(value)) throw new DefinitionError(`${what} must be a list like the first branch, got ${describe(value)}`);
  return value;
}

function asObject(value: unknown, what: string): Record<string, unknown> {
  if (!isPlainObject(value)) throw new DefinitionError(`${what} must be map entries like the first branch, got ${describe(value)}`);
  return value;
}
