// YAML nodes → the parsed YAML Helm's output reads back as.
import type { EntryIR, ExprIR, ItemIR, NodeIR, Scope } from "../ir/types.ts";
import { assertNever } from "../ir/types.ts";
import { evaluateExpr } from "./expression.ts";
import { goPrint, goTruthy } from "./go-semantics.ts";
import { readBackNumber } from "./go-types.ts";
import { asPrinted, normaliseYaml, printedData, valueAsRendered } from "./printed.ts";
import type { RenderContext, Scopes } from "./render-context.ts";
import { bind, bindEntry, rangeEntries } from "./scopes.ts";
import { blockScalarValue, evaluateText } from "./text.ts";

/**
 * Evaluates a node as parsed YAML. A literal empty map or list is written `{}`/`[]`; one
 * whose conditional entries all vanished renders as a bare `key:` and so is null.
 */
export function evaluateNode(node: NodeIR, context: RenderContext, scopes: Scopes): unknown {
  switch (node.type) {
    case "scalar":
      return context.printedNumbers && typeof node.value === "number" ? readBackNumber(String(node.value)) : node.value;
    case "expr": {
      const value = valueAsRendered(node.expr, evaluateExpr(node.expr, context, scopes));
      return context.printedNumbers ? asPrinted(node.expr, value) : value;
    }
    case "toYaml":
      return printedData(normaliseYaml(evaluateExpr(node.expr, context, scopes)), context);
    case "text":
      return blockScalarValue(evaluateText(node.text, context, scopes));
    case "choose":
      return evaluateNode(goTruthy(evaluateExpr(node.cond, context, scopes)) ? node.then : node.otherwise, context, scopes);
    case "map": {
      if (node.entries.length === 0) return {};
      const result: Record<string, unknown> = {};
      evaluateEntries(node.entries, context, scopes, result);
      return Object.keys(result).length === 0 ? null : result;
    }
    case "seq": {
      if (node.items.length === 0) return [];
      const result: unknown[] = [];
      evaluateItems(node.items, context, scopes, result);
      return result.length === 0 ? null : result;
    }
    default:
      return assertNever(node, "node");
  }
}

function evaluateEntries(entries: readonly EntryIR[], context: RenderContext, scopes: Scopes, into: Record<string, unknown>): void {
  for (const entry of entries) {
    switch (entry.type) {
      case "entry":
        into[entry.key] = evaluateNode(entry.value, context, scopes);
        break;
      case "dynamicEntry":
        into[goPrint(evaluateExpr(entry.key, context, scopes))] = evaluateNode(entry.value, context, scopes);
        break;
      case "when":
        evaluateEntries(goTruthy(evaluateExpr(entry.cond, context, scopes)) ? entry.then : entry.otherwise, context, scopes, into);
        break;
      case "with":
      case "range":
        for (const inner of scopedBindings(entry, context, scopes)) evaluateEntries(entry.body, context, inner, into);
        break;
      case "spread": {
        const value = printedData(normaliseYaml(evaluateExpr(entry.expr, context, scopes)), context);
        if (value !== null && typeof value === "object" && !Array.isArray(value)) Object.assign(into, value);
        break;
      }
      default:
        assertNever(entry, "map entry");
    }
  }
}

function evaluateItems(items: readonly ItemIR[], context: RenderContext, scopes: Scopes, into: unknown[]): void {
  for (const item of items) {
    switch (item.type) {
      case "item":
        into.push(evaluateNode(item.value, context, scopes));
        break;
      case "when":
        evaluateItems(goTruthy(evaluateExpr(item.cond, context, scopes)) ? item.then : item.otherwise, context, scopes, into);
        break;
      case "with":
      case "range":
        for (const inner of scopedBindings(item, context, scopes)) evaluateItems(item.body, context, inner, into);
        break;
      case "spread": {
        const value = printedData(normaliseYaml(evaluateExpr(item.expr, context, scopes)), context);
        if (Array.isArray(value)) into.push(...value);
        break;
      }
      default:
        assertNever(item, "list item");
    }
  }
}

/** The scopes a `with` (once, when truthy) or a `range` (once per element) runs its body in. */
function scopedBindings(block: { type: "with" | "range"; scope: Scope; expr: ExprIR }, context: RenderContext, scopes: Scopes): Scopes[] {
  const value = evaluateExpr(block.expr, context, scopes);
  if (block.type === "with") return goTruthy(value) ? [bind(scopes, block.scope.id, value)] : [];
  return rangeEntries(value).map(([key, element]) => bindEntry(scopes, block.scope.id, key, element));
}
