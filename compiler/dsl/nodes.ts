// Combinators that place values in a document: conditionals, ranges, `with`, free-form
// YAML, helpers and multi-line text. Definitions are plain objects and arrays; these
// combinators return markers that `toNodeIR` turns into IR. Their declared return types
// are what the marker stands for, so a definition still type-checks against the
// Kubernetes interface of the field it fills.
import type { EntryIR, ExprIR, HelperIR, ItemIR, LineIR, LinePartIR, NodeIR, Scope, SourceLocation, TextIR } from "../ir/types.ts";
import { assertNever } from "../ir/types.ts";
import { exprIR, includeHelper, isExpr, lift, makeExpr, describe, type Expr, type ExprLike, type Primitive, type Sym } from "./expr.ts";
import { callerLocation, DefinitionError, UNKNOWN_LOCATION } from "./location.ts";
import { elementSchema, schemaOfRef, scopeRef } from "./symbolic.ts";

const NODE = Symbol("helm-compiler.node");
const ITEM = Symbol("helm-compiler.item");
const TEXT = Symbol("helm-compiler.text");
// Object spread keeps string keys in insertion order (symbol keys would move to the end),
// so a conditional entry group is stored under a unique string key that no YAML key uses.
const ENTRY_KEY_PREFIX = "\u0000helm-compiler-entries:";

let markerCounter = 0;
let scopeCounter = 0;

interface NodeMarker { readonly [NODE]: NodeIR }
interface ItemMarker { readonly [ITEM]: ItemIR }

/** Multi-line text with references: a config file, rendered as a YAML block scalar. */
export interface Text { readonly [TEXT]: TextIR }

export function isText(value: unknown): value is Text {
  return typeof value === "object" && value !== null && TEXT in value;
}

function entriesMarker(entry: EntryIR): Record<string, never> {
  return { [`${ENTRY_KEY_PREFIX}${++markerCounter}`]: entry } as unknown as Record<string, never>;
}

function itemMarker(item: ItemIR): ItemMarker {
  return { [ITEM]: item };
}

function nodeMarker(node: NodeIR): NodeMarker {
  return { [NODE]: node };
}

function newScope(kind: Scope["kind"], name: string, keyName?: string): Scope {
  return keyName === undefined ? { id: ++scopeCounter, name, kind } : { id: ++scopeCounter, name, kind, keyName };
}

// ---------------------------------------------------------------- conversion to IR

export function toNodeIR(value: unknown, path: string): NodeIR {
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    if (typeof value === "number" && !Number.isFinite(value)) throw new DefinitionError(`${path}: ${value} cannot be written in YAML`, UNKNOWN_LOCATION);
    return { type: "scalar", value };
  }
  if (isExpr(value)) return { type: "expr", expr: exprIR(value) };
  if (isText(value)) return { type: "text", text: value[TEXT] };
  if (typeof value === "object" && NODE in value) {
    // `...ifElse(...)` among other keys copies the marker into the map, which would
    // otherwise turn the whole map into the chosen value and drop its keys.
    if (Reflect.ownKeys(value).length > 1) {
      throw new DefinitionError(`${path || "document"}: ifElse(...) is a single value and cannot be spread among map keys; spread when(cond, {...}, {...}) instead`, (value as NodeMarker)[NODE].type === "choose" ? ((value as NodeMarker)[NODE] as { at: SourceLocation }).at : UNKNOWN_LOCATION);
    }
    return (value as NodeMarker)[NODE];
  }
  if (Array.isArray(value)) return { type: "seq", items: value.map((item, index) => toItemIR(item, `${path}[${index}]`)) };
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return { type: "map", entries: toEntriesIR(value as Record<string, unknown>, path) };
  }
  throw new DefinitionError(`${path || "document"}: ${describe(value)} cannot be placed in a chart; use a literal, a symbolic value or a combinator`, UNKNOWN_LOCATION);
}

function toItemIR(value: unknown, path: string): ItemIR {
  if (typeof value === "object" && value !== null && ITEM in value) return (value as ItemMarker)[ITEM];
  return { type: "item", value: toNodeIR(value, path) };
}

function toItemsIR(values: readonly unknown[], path: string): ItemIR[] {
  return values.map((value, index) => toItemIR(value, `${path}[${index}]`));
}

export function toEntriesIR(object: Record<string, unknown>, path: string): EntryIR[] {
  return omitChartKeysFromSpreads(
    Object.entries(object).map(([key, value]): EntryIR => {
    if (key.startsWith(ENTRY_KEY_PREFIX)) return value as EntryIR;
    const childPath = path ? `${path}.${key}` : key;
    if (value === undefined) {
      throw new DefinitionError(`${childPath} is undefined: omit the key, or make it conditional with when(...)`, UNKNOWN_LOCATION);
    }
    return { type: "entry", key, value: toNodeIR(value, childPath) };
    }),
  );
}

/**
 * A user's map spread next to the chart's own keys would write a key twice when the user
 * sets one of them, and YAML forbids duplicate keys (helm lint passes, every YAML parser
 * rejects the pod). The spread omits every key the chart may write in the same map (sprig
 * `omit`), conditional ones included, whether or not their condition holds in this render:
 * such a key belongs to the chart, whose value wins, and a user's value for it is dropped.
 */
function omitChartKeysFromSpreads(entries: EntryIR[]): EntryIR[] {
  const chartKeys = [...new Set(entries.flatMap(chartKeysOf))];
  if (chartKeys.length === 0) return entries;
  return entries.map((entry) =>
    entry.type === "with" && entry.freeFormSpread
      ? { ...entry, expr: { op: "call", fn: "omit", args: [entry.expr, ...chartKeys.map((key): ExprIR => ({ op: "literal", value: key }))] } }
      : entry,
  );
}

/**
 * Literal keys an entry may write: its own, those under when/with/range (written only
 * when a condition holds, or once per element), and those of a YAML helper it spreads.
 */
function chartKeysOf(entry: EntryIR): string[] {
  switch (entry.type) {
    case "entry": return [entry.key];
    case "when": return [...entry.then, ...entry.otherwise].flatMap(chartKeysOf);
    // A user's free-form spread is theirs, not the chart's.
    case "with": return entry.freeFormSpread ? [] : entry.body.flatMap(chartKeysOf);
    case "range": return entry.body.flatMap(chartKeysOf);
    case "spread":
      return entry.expr.op === "include" && entry.expr.helper.body.type === "map"
        ? entry.expr.helper.body.entries.flatMap(chartKeysOf)
        : [];
    case "dynamicEntry": return [];
    default: return assertNever(entry, "map entry");
  }
}

function toTextIR(parts: readonly LinePart[]): TextIR {
  const lines: LineIR[] = [];
  for (const part of parts) {
    if (typeof part === "string") {
      for (const line of part.split("\n")) lines.push({ type: "line", parts: line === "" ? [] : [line] });
    } else if (isText(part)) {
      lines.push(...part[TEXT].lines);
    } else if (isExpr(part)) {
      lines.push({ type: "line", parts: [flattenInterpolation(exprIR(part))].flat() });
    } else {
      throw new DefinitionError(`lines(...): ${describe(part)} is not a line; use a string, tpl\`...\` or lines(...)`);
    }
  }
  return { type: "lines", lines };
}

function flattenInterpolation(ir: ExprIR): (string | ExprIR)[] {
  return ir.op === "interpolate" ? [...ir.parts] : [ir];
}

// ---------------------------------------------------------------- public combinators

export type LinePart = string | Expr<string | number | boolean> | Text;

const INLINE = Symbol("helm-compiler.inline");
/** A loop or condition inside one line (see inlineEach, inlineWhen); only line(...) takes it. */
export interface Inline { readonly [INLINE]: LinePartIR }
export type InlinePart = string | Expr<string | number | boolean> | Inline;

function toLineParts(parts: readonly InlinePart[]): LinePartIR[] {
  return parts.flatMap((part): LinePartIR[] => {
    if (typeof part === "string") {
      if (part.includes("\n")) throw new DefinitionError("line(...) parts must not contain newlines; use lines(...) for several lines");
      return part === "" ? [] : [part];
    }
    if (isExpr(part)) return flattenInterpolation(exprIR(part));
    if (typeof part === "object" && part !== null && INLINE in part) return [part[INLINE]];
    throw new DefinitionError(`line(...): ${describe(part)} is not a line part; use a string, tpl\`...\`, inlineEach or inlineWhen`);
  });
}

/** One line built from parts, some of them repeated or conditional within the line. */
export function line(...parts: InlinePart[]): Text {
  return { [TEXT]: { type: "lines", lines: [{ type: "line", parts: toLineParts(parts) }] } };
}

/** The parts once per list element, on the same line (Go `{{ range }}` inline). */
export function inlineEach<L>(list: Expr<L>, render: (item: Sym<Element<L>>) => InlinePart | InlinePart[], options: EachOptions = {}): Inline {
  if (!isExpr(list)) throw new DefinitionError(`inlineEach(...) needs a symbolic list, got ${describe(list)}`);
  const listIR = exprIR(list);
  const scope = newScope("range", options.as ?? rangeVariableName(listIR));
  const body = render(scopeRef(scope, elementSchema(schemaOfRef(list))) as never);
  return { [INLINE]: { type: "inlineRange", scope, expr: listIR, parts: toLineParts(Array.isArray(body) ? body : [body]) } };
}

/** Parts kept only when cond is truthy (else `otherwise`), on the same line. */
export function inlineWhen(cond: Expr<unknown>, then: InlinePart | InlinePart[], otherwise: InlinePart | InlinePart[] = []): Inline {
  if (!isExpr(cond)) throw new DefinitionError(`inlineWhen(...) needs a symbolic condition, got ${describe(cond)}`);
  const asList = (value: InlinePart | InlinePart[]) => (Array.isArray(value) ? value : [value]);
  return { [INLINE]: { type: "inlineWhen", cond: exprIR(cond), then: toLineParts(asList(then)), otherwise: toLineParts(asList(otherwise)) } };
}

/** Multi-line text. Each string is one line (or several, split on "\n"); nested lines() inline. */
export function lines(...parts: LinePart[]): Text {
  return { [TEXT]: toTextIR(parts) };
}

/**
 * A multi-line value (a config snippet from values) as lines of text, each indented by
 * `indent` spaces; one trailing newline is dropped. Interpolating such a value with tpl
 * would break the YAML block it sits in.
 */
export function indentedBlock(value: Expr<string>, indent = 0): Text {
  if (!isExpr(value)) throw new DefinitionError(`indentedBlock(...) needs a symbolic string, got ${describe(value)}`);
  return { [TEXT]: { type: "lines", lines: [{ type: "block", expr: exprIR(value), indent }] } };
}

/** Renders `then` only when cond is truthy (Go template truthiness), else `otherwise`. */
export function when(cond: Expr<unknown>, then: Text, otherwise?: Text): Text;
export function when<T extends readonly unknown[]>(cond: Expr<unknown>, then: T, otherwise?: T): T;
export function when<T extends object>(cond: Expr<unknown>, then: T, otherwise?: T): Partial<T>;
export function when(cond: Expr<unknown>, then: unknown, otherwise?: unknown): unknown {
  const at = callerLocation();
  if (!isExpr(cond)) throw new DefinitionError(`when(...) needs a symbolic condition, got ${describe(cond)}; a plain JavaScript value can use an ordinary if`, at);
  const c = exprIR(cond);
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
  if (!isExpr(cond)) throw new DefinitionError(`ifElse(...) needs a symbolic condition, got ${describe(cond)}`, at);
  return nodeMarker({ type: "choose", cond: exprIR(cond), then: toNodeIR(then, "ifElse"), otherwise: toNodeIR(otherwise, "ifElse"), at }) as A | B;
}

type Element<L> = NonNullable<L> extends readonly (infer E)[] ? E : NonNullable<L> extends Record<string, infer V> ? V : never;

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

/**
 * A free-form value (labels, resources, affinity) written out as YAML. Its type is
 * `never` so it fits any typed field: the user's free-form YAML is not checked against
 * the field's Kubernetes type (the API server does that).
 */
export function toYaml(value: Expr<unknown>): never {
  if (!isExpr(value)) throw new DefinitionError(`toYaml(...) needs a symbolic value, got ${describe(value)}`);
  return nodeMarker({ type: "toYaml", expr: exprIR(value) }) as never;
}

/** Merges a free-form map's entries into the enclosing map (omitted when empty). */
export function spreadYaml(value: Expr<Record<string, unknown> | undefined>): Record<string, never> {
  if (!isExpr(value)) throw new DefinitionError(`spreadYaml(...) needs a symbolic map, got ${describe(value)}`);
  const at = callerLocation();
  const scope = newScope("with", "with");
  const self = exprIR(scopeRef(scope, undefined));
  return entriesMarker({ type: "with", scope, expr: exprIR(value), body: [{ type: "spread", expr: self }], at, freeFormSpread: true });
}

/** Appends a free-form list's items to the enclosing list (omitted when empty). */
export function spreadItems(value: Expr<readonly unknown[] | undefined>): never[] {
  if (!isExpr(value)) throw new DefinitionError(`spreadItems(...) needs a symbolic list, got ${describe(value)}`);
  const at = callerLocation();
  const scope = newScope("with", "with");
  const self = exprIR(scopeRef(scope, undefined));
  return [itemMarker({ type: "with", scope, expr: exprIR(value), body: [{ type: "spread", expr: self }], at })] as unknown as never[];
}

// ---------------------------------------------------------------- helpers (_helpers.tpl)

export interface TextHelper extends Expr<string> {
  readonly helper: HelperIR;
}

/** A named template producing a string, e.g. the release's full name. */
export function textHelper(name: string, description: string, body: Expr<string> | Text): Expr<string> & { helper: HelperIR } {
  const text: TextIR = isText(body) ? body[TEXT] : { type: "lines", lines: [{ type: "line", parts: [exprIR(body)] }] };
  const helper: HelperIR = { name, description, body: text };
  return Object.assign(includeHelper<string>(helper), { helper });
}

/**
 * A named condition, so a long test is written once in _helpers.tpl and read as
 * `{{- if include "x.nativeSidecar" . }}`: the helper prints "true" or nothing.
 */
export function conditionHelper(name: string, description: string, cond: Expr<unknown>): Expr<boolean> {
  const text = lines(when(cond, lines("true")));
  const helper: HelperIR = { name, description, body: text[TEXT] };
  return Object.assign(includeHelper<boolean>(helper), { helper });
}

type MapSource = Expr<Readonly<Record<string, unknown>> | undefined> | YamlHelper | Readonly<Record<string, ExprLike<Primitive>>>;

/**
 * Maps merged key by key, the first source winning a key (sprig `merge` into a fresh
 * dict): where labels from the chart and from users meet, writing both maps out would
 * duplicate a key, which YAML forbids.
 */
export function mergeMaps(...sources: MapSource[]): Expr<Record<string, unknown>> {
  const args: ExprIR[] = sources.map((source): ExprIR => {
    if (isExpr(source)) return exprIR(source);
    if (typeof source === "object" && source !== null && "helper" in source && "spread" in source) {
      return { op: "call", fn: "fromYaml", args: [{ op: "include", helper: (source as YamlHelper).helper }] };
    }
    if (isPlainObject(source)) {
      return { op: "call", fn: "dict", args: Object.entries(source).flatMap(([key, value]) => [{ op: "literal", value: key } as ExprIR, lift(value)]) };
    }
    throw new DefinitionError(`mergeMaps(...) takes symbolic maps, YAML helpers or plain objects, got ${describe(source)}`);
  });
  const first = args[0];
  const destination: ExprIR = first && first.op === "call" && first.fn === "dict" ? first : { op: "call", fn: "dict", args: [] };
  return makeExpr({ op: "call", fn: "merge", args: destination === first ? args : [destination, ...args] });
}

export interface YamlHelper {
  readonly helper: HelperIR;
  /** Spread into a map: `labels: { ...labels.spread() }`. */
  spread(): Record<string, never>;
}

/** A named template producing YAML map entries, e.g. the common labels. */
export function yamlHelper(name: string, description: string, body: Record<string, unknown>): YamlHelper {
  const helper: HelperIR = { name, description, body: toNodeIR(body, name) };
  return {
    helper,
    spread: () => entriesMarker({ type: "spread", expr: { op: "include", helper } }),
  };
}

// ---------------------------------------------------------------- small utilities

function rangeVariableName(list: ExprIR): string {
  const last = list.op === "values" || list.op === "scope" ? list.path[list.path.length - 1] : undefined;
  if (!last || !/^[A-Za-z][A-Za-z0-9]*$/.test(last)) return "item";
  if (last.endsWith("ies") && last.length > 4) return `${last.slice(0, -3)}y`;
  if (last.endsWith("s") && !last.endsWith("ss") && last.length > 3) return last.slice(0, -1);
  return `${last}Item`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype && !isExpr(value);
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
