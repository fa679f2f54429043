// A JSON document written as an ordinary map, for annotations whose value is JSON (Istio's
// proxy.istio.io/config). It compiles to `dict`/`list` pipelines under `toJson`, so Go's
// encoding/json writes the text (sorted keys, HTML-safe escapes) instead of a hand-built
// printf format that a reviewer has to unescape in their head.
import type { EntryIR, ExprIR, ItemIR, NodeIR, SourceLocation } from "../ir/types.ts";
import { kindOf } from "../ir/kinds.ts";
import { assertNever } from "../ir/types.ts";
import { makeExpr, type Expr } from "./expr.ts";
import { DefinitionError, UNKNOWN_LOCATION } from "./location.ts";
import { toNodeIR } from "./to-ir.ts";

/**
 * The map as JSON text: `{{ dict "a" (dict "b" .Values.x) | toJson }}`. Values are literals,
 * references, nested maps and lists; `...when(cond, {...})` adds keys only when cond holds.
 */
export function jsonObject(shape: Record<string, unknown>): Expr<string> {
  return makeExpr({ op: "call", fn: "toJson", args: [jsonValue(toNodeIR(shape, "jsonObject"), "jsonObject")] });
}

function jsonValue(node: NodeIR, path: string): ExprIR {
  switch (node.type) {
    case "scalar":
      return { op: "literal", value: node.value };
    case "expr":
      return node.expr;
    case "map":
      return jsonMap(node.entries, path);
    case "seq":
      return { op: "call", fn: "list", args: node.items.map((item, index) => jsonItem(item, `${path}[${index}]`)) };
    case "choose":
      return ternary(jsonValue(node.then, path), jsonValue(node.otherwise, path), node.cond);
    case "toYaml":
    case "text":
      throw new DefinitionError(`${path}: jsonObject(...) holds literals, references, maps and lists, not ${node.type === "text" ? "lines(...)" : "toYaml(...)"}`, UNKNOWN_LOCATION);
    default:
      return assertNever(node, "node");
  }
}

function jsonItem(item: ItemIR, path: string): ExprIR {
  if (item.type !== "item") throw new DefinitionError(`${path}: a list inside jsonObject(...) cannot hold ${item.type} items; build it in values instead`, "at" in item ? item.at : UNKNOWN_LOCATION);
  return jsonValue(item.value, path);
}

/**
 * Fixed keys in one `dict`; each conditional group is merged in as `ternary (dict …) (dict)
 * cond`. sprig's merge never overwrites a key that is already set, so keys must not repeat
 * between the fixed part and the groups: that is refused here rather than silently lost.
 */
function jsonMap(entries: readonly EntryIR[], path: string): ExprIR {
  const fixed: ExprIR[] = [];
  const groups: ExprIR[] = [];
  const seen = new Set<string>();
  const claim = (keys: readonly string[], at: SourceLocation): void => {
    for (const key of keys) {
      if (seen.has(key)) throw new DefinitionError(`${path}.${key}: a key of jsonObject(...) is set both unconditionally and in when(...), or in two when(...) groups`, at);
    }
    for (const key of keys) seen.add(key);
  };
  for (const entry of entries) {
    switch (entry.type) {
      case "entry":
        claim([entry.key], UNKNOWN_LOCATION);
        fixed.push({ op: "literal", value: entry.key }, jsonValue(entry.value, `${path}.${entry.key}`));
        break;
      case "when":
        // then and otherwise may share keys: only one of them is ever merged in.
        claim([...new Set([...entry.then, ...entry.otherwise].flatMap((inner) => (inner.type === "entry" ? [inner.key] : [])))], entry.at);
        groups.push(ternary(jsonMap(entry.then, path), jsonMap(entry.otherwise, path), entry.cond));
        break;
      case "with":
      case "range":
      case "dynamicEntry":
      case "spread":
        throw new DefinitionError(`${path}: jsonObject(...) takes fixed keys and when(...) groups, not ${entry.type}`, "at" in entry ? entry.at : UNKNOWN_LOCATION);
      default:
        assertNever(entry, "map entry");
    }
  }
  const base: ExprIR = { op: "call", fn: "dict", args: fixed };
  return groups.length === 0 ? base : { op: "call", fn: "merge", args: [base, ...groups] };
}

/** sprig `ternary a b cond` wants a real bool: a value tested for truthiness goes through `empty`. */
function ternary(then: ExprIR, otherwise: ExprIR, cond: ExprIR): ExprIR {
  if (isBoolean(cond)) return { op: "call", fn: "ternary", args: [then, otherwise, cond] };
  return { op: "call", fn: "ternary", args: [otherwise, then, { op: "call", fn: "empty", args: [cond] }] };
}

function isBoolean(cond: ExprIR): boolean {
  if (kindOf(cond) === "boolean") return true;
  return cond.op === "call" && (cond.fn === "and" || cond.fn === "or") && cond.args.every(isBoolean);
}
