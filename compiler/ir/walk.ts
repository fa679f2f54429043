// Generic walks over the IR: every expression of a template or helper, and every block of
// text. Checks and helper collection read the tree through these, so a new node kind is
// handled here once (each switch ends in assertNever).
import type { EntryIR, ExprIR, HelperIR, ItemIR, LinePartIR, NodeIR, TemplateIR, TextIR } from "./types.ts";
import { assertNever } from "./assert-never.ts";
import { isInlinePart } from "./types.ts";

export function* exprsOfTemplate(template: TemplateIR): Generator<ExprIR> {
  if (template.guard) yield* exprTree(template.guard);
  for (const check of template.checks ?? []) yield* exprTree(check.when);
  for (const document of template.documents) yield* exprsOfNode(document);
}

export function* exprsOfHelper(helper: HelperIR): Generator<ExprIR> {
  if (helper.body.type === "lines") yield* exprsOfText(helper.body);
  else yield* exprsOfNode(helper.body);
}

/** The expression and every expression inside it. */
export function* exprTree(expr: ExprIR): Generator<ExprIR> {
  yield expr;
  switch (expr.op) {
    case "call":
      for (const arg of expr.args) yield* exprTree(arg);
      return;
    case "interpolate":
      for (const part of expr.parts) if (typeof part !== "string") yield* exprTree(part);
      return;
    case "values":
    case "scope":
    case "scopeKey":
    case "builtin":
    case "literal":
    case "include":
    case "hasApiVersion":
    case "checksum":
    case "file":
      return;
    default:
      assertNever(expr, "expression");
  }
}

function* exprsOfNode(node: NodeIR): Generator<ExprIR> {
  switch (node.type) {
    case "scalar": return;
    case "expr":
    case "toYaml": yield* exprTree(node.expr); return;
    case "text": yield* exprsOfText(node.text); return;
    case "choose": yield* exprTree(node.cond); yield* exprsOfNode(node.then); yield* exprsOfNode(node.otherwise); return;
    case "map":
      for (const entry of node.entries) yield* exprsOfEntry(entry);
      return;
    case "seq":
      for (const item of node.items) yield* exprsOfItem(item);
      return;
    default: assertNever(node, "node");
  }
}

function* exprsOfEntry(entry: EntryIR): Generator<ExprIR> {
  switch (entry.type) {
    case "entry": yield* exprsOfNode(entry.value); return;
    case "dynamicEntry": yield* exprTree(entry.key); yield* exprsOfNode(entry.value); return;
    case "spread": yield* exprTree(entry.expr); return;
    case "when": yield* exprTree(entry.cond); for (const e of [...entry.then, ...entry.otherwise]) yield* exprsOfEntry(e); return;
    case "with":
    case "range": yield* exprTree(entry.expr); for (const e of entry.body) yield* exprsOfEntry(e); return;
    default: assertNever(entry, "map entry");
  }
}

function* exprsOfItem(item: ItemIR): Generator<ExprIR> {
  switch (item.type) {
    case "item": yield* exprsOfNode(item.value); return;
    case "spread": yield* exprTree(item.expr); return;
    case "when": yield* exprTree(item.cond); for (const i of [...item.then, ...item.otherwise]) yield* exprsOfItem(i); return;
    case "with":
    case "range": yield* exprTree(item.expr); for (const i of item.body) yield* exprsOfItem(i); return;
    default: assertNever(item, "list item");
  }
}

/** Expressions of one line's parts, those inside inline loops and conditions included. */
export function* exprsOfParts(parts: readonly LinePartIR[]): Generator<ExprIR> {
  for (const part of parts) {
    if (typeof part === "string") continue;
    if (!isInlinePart(part)) {
      yield* exprTree(part);
      continue;
    }
    switch (part.type) {
      case "inlineWhen": yield* exprTree(part.cond); yield* exprsOfParts(part.then); yield* exprsOfParts(part.otherwise); break;
      case "inlineRange": yield* exprTree(part.expr); yield* exprsOfParts(part.parts); break;
      default: assertNever(part, "line part");
    }
  }
}

function* exprsOfText(text: TextIR): Generator<ExprIR> {
  for (const line of text.lines) {
    switch (line.type) {
      case "line": yield* exprsOfParts(line.parts); break;
      case "block": yield* exprTree(line.expr); break;
      case "when": yield* exprTree(line.cond); yield* exprsOfText(line.then); yield* exprsOfText(line.otherwise); break;
      case "with":
      case "range": yield* exprTree(line.expr); yield* exprsOfText(line.body); break;
      default: assertNever(line, "text line");
    }
  }
}

/** Every block of text (a config file) in a node, at any depth. */
export function* textsOfNode(node: NodeIR): Generator<TextIR> {
  switch (node.type) {
    case "text": yield node.text; return;
    case "choose": yield* textsOfNode(node.then); yield* textsOfNode(node.otherwise); return;
    case "map": yield* textsOfEntries(node.entries); return;
    case "seq": yield* textsOfItems(node.items); return;
    case "scalar":
    case "expr":
    case "toYaml": return;
    default: assertNever(node, "node");
  }
}

function* textsOfEntries(entries: readonly EntryIR[]): Generator<TextIR> {
  for (const entry of entries) {
    switch (entry.type) {
      case "entry":
      case "dynamicEntry": yield* textsOfNode(entry.value); break;
      case "when": yield* textsOfEntries(entry.then); yield* textsOfEntries(entry.otherwise); break;
      case "with":
      case "range": yield* textsOfEntries(entry.body); break;
      case "spread": break;
      default: assertNever(entry, "map entry");
    }
  }
}

function* textsOfItems(items: readonly ItemIR[]): Generator<TextIR> {
  for (const item of items) {
    switch (item.type) {
      case "item": yield* textsOfNode(item.value); break;
      case "when": yield* textsOfItems(item.then); yield* textsOfItems(item.otherwise); break;
      case "with":
      case "range": yield* textsOfItems(item.body); break;
      case "spread": break;
      default: assertNever(item, "list item");
    }
  }
}
