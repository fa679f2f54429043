// One output per element of a values list or entry of a values map (Go `range`).
import type { ExprIR, Scope } from "../ir/index.ts";
import { describe, exprIR, isExpr, makeExpr, type Expr, type Sym } from "./expr.ts";
import { callerLocation, DefinitionError } from "./location.ts";
import { entriesMarker, isPlainObject, isText, itemMarker, newScope, TEXT, type Text } from "./markers.ts";
import { elementSchema, schemaOfRef, scopeRef } from "./symbolic.ts";
import { toEntriesIR, toItemIR, toItemsIR, toNodeIR } from "./to-ir.ts";

export type Element<L> = NonNullable<L> extends readonly (infer E)[] ? E : NonNullable<L> extends Record<string, infer V> ? V : never;

export interface EachOptions {
  /** Name of the range variable in the template ($name); defaults from the list's key. */
  readonly as?: string;
}

/** One output per element of a values list: list items, or lines of text. */
/** A render callback that also takes the element's index binds it as `$<name>Index`. */
export function each<L>(list: Expr<L>, render: (item: Sym<Element<L>>, index: Expr<number>) => Text, options?: EachOptions): Text;
export function each<L, R>(list: Expr<L>, render: (item: Sym<Element<L>>, index: Expr<number>) => R, options?: EachOptions): R[];
export function each(list: Expr<unknown>, render: (item: never, index: never) => unknown, options: EachOptions = {}): unknown {
  const at = callerLocation();
  if (!isExpr(list)) throw new DefinitionError(`each(...) needs a symbolic list, got ${describe(list)}; map a plain array with .map()`, at);
  const listIR = exprIR(list);
  const name = options.as ?? rangeVariableName(listIR);
  const scope: Scope = render.length > 1 ? { ...newScope("range", name, `${name}Index`), keyIsIndex: true } : newScope("range", name);
  const index = makeExpr<number>({ op: "scopeKey", scope });
  const body = render(scopeRef(scope, elementSchema(schemaOfRef(list))) as never, index as never);
  if (isText(body)) return { [TEXT]: { type: "lines", lines: [{ type: "range", scope, expr: listIR, body: body[TEXT], at }] } };
  const items = Array.isArray(body) ? toItemsIR(body, "each") : [toItemIR(body, "each")];
  return [itemMarker({ type: "range", scope, expr: listIR, body: items, at })];
}

export interface EachEntryOptions {
  /** Names of the key and value variables in the template ($key, $value). */
  readonly as?: readonly [string, string];
}

/** One output per entry of a values map, in key order (as Go's range visits maps). */
export function eachEntry<M>(map: Expr<M>, render: (key: Expr<string>, value: Sym<Element<M>>) => Text, options?: EachEntryOptions): Text;
export function eachEntry<M, R>(map: Expr<M>, render: (key: Expr<string>, value: Sym<Element<M>>) => R, options?: EachEntryOptions): R extends readonly unknown[] ? R : R extends object ? Partial<R> : R[];
export function eachEntry(map: Expr<unknown>, render: (key: never, value: never) => unknown, options: EachEntryOptions = {}): unknown {
  const at = callerLocation();
  if (!isExpr(map)) throw new DefinitionError(`eachEntry(...) needs a symbolic map, got ${describe(map)}`, at);
  const mapIR = exprIR(map);
  const [keyName, valueName] = options.as ?? ["key", "value"];
  const scope = newScope("range", valueName, keyName);
  const key = makeExpr<string>({ op: "scopeKey", scope });
  const body = render(key as never, scopeRef(scope, elementSchema(schemaOfRef(map))) as never);
  if (isText(body)) return { [TEXT]: { type: "lines", lines: [{ type: "range", scope, expr: mapIR, body: body[TEXT], at }] } };
  if (Array.isArray(body)) return [itemMarker({ type: "range", scope, expr: mapIR, body: toItemsIR(body, "eachEntry"), at })];
  if (isPlainObject(body)) return entriesMarker({ type: "range", scope, expr: mapIR, body: toEntriesIR(body, ""), at });
  throw new DefinitionError(`eachEntry(...) must return map entries, list items or lines(...), got ${describe(body)}`, at);
}

/** A map entry whose key is computed: `...entry(tpl\`${code}.html\`, page)`. */
export function entry(key: Expr<string>, value: unknown): Record<string, never> {
  if (!isExpr(key)) throw new DefinitionError(`entry(...) needs a symbolic key; a literal key is an ordinary property`);
  return entriesMarker({ type: "dynamicEntry", key: exprIR(key), value: toNodeIR(value, "entry") });
}

export function rangeVariableName(list: ExprIR): string {
  const last = list.op === "values" || list.op === "scope" ? list.path[list.path.length - 1] : undefined;
  if (!last || !/^[A-Za-z][A-Za-z0-9]*$/.test(last)) return "item";
  if (last.endsWith("ies") && last.length > 4) return `${last.slice(0, -3)}y`;
  if (last.endsWith("s") && !last.endsWith("ss") && last.length > 3) return last.slice(0, -1);
  return `${last}Item`;
}
