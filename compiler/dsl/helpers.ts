// Named templates in _helpers.tpl: text helpers (a name, a condition) and YAML helpers
// (map entries such as the common labels).
import type { HelperIR, TextIR } from "../ir/index.ts";
import { exprIR, includeHelper, type Expr } from "./expr.ts";
import { when } from "./conditionals.ts";
import { entriesMarker, isText, TEXT, type Text } from "./markers.ts";
import { callerLocation } from "./location.ts";
import { lines } from "./text.ts";
import { toNodeIR } from "./to-ir.ts";

/** A named template producing a string, e.g. the release's full name. */
export function textHelper(name: string, description: string, body: Expr<string> | Text): Expr<string> & { helper: HelperIR } {
  const text: TextIR = isText(body) ? body[TEXT] : { type: "lines", lines: [{ type: "line", parts: [exprIR(body)] }] };
  const helper: HelperIR = { name, description, body: text, at: callerLocation() };
  return Object.assign(includeHelper<string>(helper), { helper });
}

/**
 * A named condition, so a long test is written once in _helpers.tpl and read as
 * `{{- if include "x.nativeSidecar" . }}`: the helper prints "true" or nothing.
 */
export function conditionHelper(name: string, description: string, cond: Expr<unknown>): Expr<boolean> & { helper: HelperIR } {
  const text = lines(when(cond, lines("true")));
  const helper: HelperIR = { name, description, body: text[TEXT], at: callerLocation() };
  return Object.assign(includeHelper<boolean>(helper), { helper });
}

export interface YamlHelper {
  readonly helper: HelperIR;
  /** Spread into a map: `labels: { ...labels.spread() }`. */
  spread(): Record<string, never>;
}

/** A named template producing YAML map entries, e.g. the common labels. */
export function yamlHelper(name: string, description: string, body: Record<string, unknown>): YamlHelper {
  const helper: HelperIR = { name, description, body: toNodeIR(body, name), at: callerLocation() };
  return {
    helper,
    spread: () => entriesMarker({ type: "spread", expr: { op: "include", helper } }),
  };
}
