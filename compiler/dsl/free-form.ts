// A user's free-form YAML (labels, resources, affinity, extra items): written out or
// spread into the chart's own map or list, unchecked by the chart.
import { exprIR, symbolicIR, type Expr } from "./expr.ts";
import { callerLocation } from "./location.ts";
import { entriesMarker, itemMarker, newScope, nodeMarker } from "./markers.ts";
import { scopeRef } from "./symbolic.ts";

/**
 * A free-form value (labels, resources, affinity) written out as YAML. Its type is
 * `never` so it fits any typed field: the user's free-form YAML is not checked against
 * the field's Kubernetes type (the API server does that).
 */
export function toYaml(value: Expr<unknown>): never {
  return nodeMarker({ type: "toYaml", expr: symbolicIR(value, "toYaml(...) needs a symbolic value") }) as never;
}

/** Merges a free-form map's entries into the enclosing map (omitted when empty). */
export function spreadYaml(value: Expr<Record<string, unknown> | undefined>): Record<string, never> {
  const at = callerLocation();
  const expr = symbolicIR(value, "spreadYaml(...) needs a symbolic map", at);
  const scope = newScope("with", "with");
  const self = exprIR(scopeRef(scope, undefined));
  return entriesMarker({ type: "with", scope, expr, body: [{ type: "spread", expr: self }], at, freeFormSpread: true });
}

/** Appends a free-form list's items to the enclosing list (omitted when empty). */
export function spreadItems(value: Expr<readonly unknown[] | undefined>): never[] {
  const at = callerLocation();
  const expr = symbolicIR(value, "spreadItems(...) needs a symbolic list", at);
  const scope = newScope("with", "with");
  const self = exprIR(scopeRef(scope, undefined));
  return [itemMarker({ type: "with", scope, expr, body: [{ type: "spread", expr: self }], at })] as unknown as never[];
}
