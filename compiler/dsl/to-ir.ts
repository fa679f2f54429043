// A finished definition (plain objects, arrays, literals, references and markers) → IR.
import type { EntryIR, ItemIR, NodeIR, SourceLocation } from "../ir/index.ts";
import { omitChartKeysFromSpreads } from "./chart-keys.ts";
import { describe, exprIR, isExpr } from "./expr.ts";
import { DefinitionError, reportDefinitionError, UNKNOWN_LOCATION } from "./location.ts";
import { ENTRY_KEY_PREFIX, isText, ITEM, NODE, TEXT, type ItemMarker, type NodeMarker } from "./markers.ts";

/**
 * Stands in for a value a mistake left unusable, so the rest of the definition is still
 * converted and its other mistakes reported too; a template with a mistake is never emitted.
 */
const PLACEHOLDER: NodeIR = { type: "scalar", value: null };

export function toNodeIR(value: unknown, path: string): NodeIR {
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    if (typeof value === "number" && !Number.isFinite(value)) {
      reportDefinitionError(new DefinitionError(`${path}: ${value} cannot be written in YAML`, UNKNOWN_LOCATION));
      return PLACEHOLDER;
    }
    return { type: "scalar", value };
  }
  if (isExpr(value)) return { type: "expr", expr: exprIR(value) };
  if (isText(value)) return { type: "text", text: value[TEXT] };
  if (typeof value === "object" && NODE in value) {
    // `...ifElse(...)` among other keys copies the marker into the map, which would
    // otherwise turn the whole map into the chosen value and drop its keys.
    if (Reflect.ownKeys(value).length > 1) {
      reportDefinitionError(new DefinitionError(`${path || "document"}: ifElse(...) is a single value and cannot be spread among map keys; spread when(cond, {...}, {...}) instead`, (value as NodeMarker)[NODE].type === "choose" ? ((value as NodeMarker)[NODE] as { at: SourceLocation }).at : UNKNOWN_LOCATION));
    }
    return (value as NodeMarker)[NODE];
  }
  if (Array.isArray(value)) return { type: "seq", items: value.map((item, index) => toItemIR(item, `${path}[${index}]`)) };
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return { type: "map", entries: toEntriesIR(value as Record<string, unknown>, path) };
  }
  reportDefinitionError(new DefinitionError(`${path || "document"}: ${describe(value)} cannot be placed in a chart; use a literal, a symbolic value or a combinator`, UNKNOWN_LOCATION));
  return PLACEHOLDER;
}

export function toItemIR(value: unknown, path: string): ItemIR {
  if (typeof value === "object" && value !== null && ITEM in value) return (value as ItemMarker)[ITEM];
  return { type: "item", value: toNodeIR(value, path) };
}

export function toItemsIR(values: readonly unknown[], path: string): ItemIR[] {
  return values.map((value, index) => toItemIR(value, `${path}[${index}]`));
}

export function toEntriesIR(object: Record<string, unknown>, path: string): EntryIR[] {
  return omitChartKeysFromSpreads(
    Object.entries(object).map(([key, value]): EntryIR => {
      if (key.startsWith(ENTRY_KEY_PREFIX)) return value as EntryIR;
      const childPath = path ? `${path}.${key}` : key;
      if (value === undefined) {
        reportDefinitionError(new DefinitionError(`${childPath} is undefined: omit the key, or make it conditional with when(...)`, UNKNOWN_LOCATION));
        return { type: "entry", key, value: PLACEHOLDER };
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
