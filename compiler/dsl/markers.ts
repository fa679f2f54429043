// Definitions are plain objects and arrays; combinators return markers that stand for IR
// inside them (a map entry group, a list item, a single node, lines of text) until
// ./to-ir.ts turns the whole definition into IR.
import type { EntryIR, ItemIR, NodeIR, Scope, TextIR } from "../ir/index.ts";
import { isExpr } from "./expr.ts";

export const NODE = Symbol("helm-compiler.node");
export const ITEM = Symbol("helm-compiler.item");
export const TEXT = Symbol("helm-compiler.text");
// Object spread keeps string keys in insertion order (symbol keys would move to the end),
// so a conditional entry group is stored under a unique string key that no YAML key uses.
export const ENTRY_KEY_PREFIX = "\u0000helm-compiler-entries:";

let markerCounter = 0;
let scopeCounter = 0;

export interface NodeMarker { readonly [NODE]: NodeIR }
export interface ItemMarker { readonly [ITEM]: ItemIR }

/** Multi-line text with references: a config file, rendered as a YAML block scalar. */
export interface Text { readonly [TEXT]: TextIR }

export function isText(value: unknown): value is Text {
  return typeof value === "object" && value !== null && TEXT in value;
}

export function entriesMarker(entry: EntryIR): Record<string, never> {
  return { [`${ENTRY_KEY_PREFIX}${++markerCounter}`]: entry } as unknown as Record<string, never>;
}

export function itemMarker(item: ItemIR): ItemMarker {
  return { [ITEM]: item };
}

export function nodeMarker(node: NodeIR): NodeMarker {
  return { [NODE]: node };
}

export function newScope(kind: Scope["kind"], name: string, keyName?: string): Scope {
  return keyName === undefined ? { id: ++scopeCounter, name, kind } : { id: ++scopeCounter, name, kind, keyName };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype && !isExpr(value);
}
