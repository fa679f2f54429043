// A condition helper (conditionHelper) prints "true" or nothing: right in `if`, `not` and
// and/or under an `if`, where only truthiness counts. Where a value is used (printed, or
// `and`/`or` printed, whose result is an operand, or sprig's ternary, which takes a bool)
// it would be the string "true" or "", not a bool, in Helm and in the evaluation alike, so
// the differential test cannot see it: this check does.
import type { Diagnostic, EntryIR, ExprIR, HelperIR, ItemIR, LinePartIR, NodeIR, SourceLocation, TemplateIR, TextIR } from "../ir/index.ts";
import { assertNever, isInlinePart } from "../ir/index.ts";

/** Whether the helper's whole body is `{{- if cond }}{{- "true" }}{{- end }}`. */
export function isConditionHelper(helper: HelperIR): boolean {
  if (helper.body.type !== "lines" || helper.body.lines.length !== 1) return false;
  const [line] = helper.body.lines;
  if (line?.type !== "when" || line.otherwise.lines.length > 0 || line.then.lines.length !== 1) return false;
  const [then] = line.then.lines;
  return then?.type === "line" && then.parts.length === 1 && then.parts[0] === "true";
}

export function checkConditionHelperUse(template: TemplateIR): Diagnostic[] {
  const misused = new Set<string>();
  const seen = new Set<HelperIR>();
  const expr = (ir: ExprIR, truthiness: boolean): void => {
    switch (ir.op) {
      case "include":
        if (!truthiness && isConditionHelper(ir.helper)) misused.add(ir.helper.name);
        if (!seen.has(ir.helper)) {
          seen.add(ir.helper);
          if (ir.helper.body.type === "lines") text(ir.helper.body);
          else node(ir.helper.body);
        }
        return;
      case "call": {
        const passesTruthiness = ir.fn === "and" || ir.fn === "or";
        const testsTruthiness = ir.fn === "not" || ir.fn === "empty";
        for (const arg of ir.args) expr(arg, testsTruthiness || (passesTruthiness && truthiness));
        return;
      }
      case "interpolate":
        for (const part of ir.parts) if (typeof part !== "string") expr(part, false);
        return;
      case "values":
      case "scope":
      case "scopeKey":
      case "builtin":
      case "literal":
      case "hasApiVersion":
      case "checksum":
      case "file":
        return;
      default:
        assertNever(ir, "expression");
    }
  };
  const node = (ir: NodeIR): void => {
    switch (ir.type) {
      case "scalar": return;
      case "expr":
      case "toYaml": expr(ir.expr, false); return;
      case "text": text(ir.text); return;
      case "choose": expr(ir.cond, true); node(ir.then); node(ir.otherwise); return;
      case "map": ir.entries.forEach(entry); return;
      case "seq": ir.items.forEach(item); return;
      default: assertNever(ir, "node");
    }
  };
  const entry = (ir: EntryIR): void => {
    switch (ir.type) {
      case "entry": node(ir.value); return;
      case "dynamicEntry": expr(ir.key, false); node(ir.value); return;
      case "when": expr(ir.cond, true); ir.then.forEach(entry); ir.otherwise.forEach(entry); return;
      case "with":
      case "range": expr(ir.expr, false); ir.body.forEach(entry); return;
      case "spread": expr(ir.expr, false); return;
      default: assertNever(ir, "map entry");
    }
  };
  const item = (ir: ItemIR): void => {
    switch (ir.type) {
      case "item": node(ir.value); return;
      case "when": expr(ir.cond, true); ir.then.forEach(item); ir.otherwise.forEach(item); return;
      case "with":
      case "range": expr(ir.expr, false); ir.body.forEach(item); return;
      case "spread": expr(ir.expr, false); return;
      default: assertNever(ir, "list item");
    }
  };
  const parts = (list: readonly LinePartIR[]): void => {
    for (const part of list) {
      if (typeof part === "string") continue;
      if (!isInlinePart(part)) expr(part, false);
      else if (part.type === "inlineWhen") {
        expr(part.cond, true);
        parts(part.then);
        parts(part.otherwise);
      } else {
        expr(part.expr, false);
        parts(part.parts);
      }
    }
  };
  const text = (ir: TextIR): void => {
    for (const line of ir.lines) {
      switch (line.type) {
        case "line": parts(line.parts); break;
        case "block": expr(line.expr, false); break;
        case "when": expr(line.cond, true); text(line.then); text(line.otherwise); break;
        case "with":
        case "range": expr(line.expr, false); text(line.body); break;
        default: assertNever(line, "text line");
      }
    }
  };

  if (template.guard) expr(template.guard, true);
  for (const check of template.checks ?? []) expr(check.when, true);
  template.documents.forEach(node);
  return [...misused].map((name) => ({ ...(template.source as SourceLocation), message: misuseMessage(name) }));
}

const misuseMessage = (name: string): string =>
  `the condition helper "${name}" is used as a value (printed, an operand of a printed and/or, or ternary's bool), where it would be the string "true" or "": use it only as a condition, or use its expression`;
