// Binding `with` and `range` variables, in the order and with the keys Go's range visits.
import type { Scopes } from "./render-context.ts";

/** Go's range visits list elements in order (key = index) and map entries in key order. */
export function rangeEntries(value: unknown): [unknown, unknown][] {
  if (Array.isArray(value)) return value.map((element, index) => [index, element]);
  if (value !== null && typeof value === "object") {
    return Object.keys(value).sort().map((key) => [key, (value as Record<string, unknown>)[key]]);
  }
  return [];
}

/** Keys are stored under the negated scope id, beside the value. */
export function bindEntry(scopes: Scopes, id: number, key: unknown, value: unknown): Scopes {
  return new Map(scopes).set(id, value).set(-id, key);
}

export function bind(scopes: Scopes, id: number, value: unknown): Scopes {
  return new Map(scopes).set(id, value);
}
