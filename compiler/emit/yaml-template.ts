// IR nodes → Go-template YAML, line by line. Every control action sits on its own line
// as `{{- ... }}`, which trims the newline before it, so a false branch leaves no blank
// line and a true branch's lines keep their own newline; nested blocks use `nindent`.
import type { EntryIR, ExprIR, ItemIR, LinePartIR, NodeIR, Scope, SourceLocation, TextIR } from "../ir/types.ts";
import { assertNever, isInlinePart } from "../ir/types.ts";
import { formatLocation } from "../ir/index.ts";
import { emitArgument, emitInlineAction, emitPipeline, emitValueAction, enterScope, type EmitScope } from "./go-expr.ts";
import { mergeAdjacentEntries, mergeAdjacentItems, mergeAdjacentLines } from "./merge-conditionals.ts";
import { escapeTemplateText, yamlKey, yamlScalar } from "./scalars.ts";

const pad = (indent: number): string => " ".repeat(indent);

export function emitEntries(entries: readonly EntryIR[], indent: number, scope: EmitScope, out: string[]): void {
  for (const entry of mergeAdjacentEntries(entries)) {
    switch (entry.type) {
      case "entry":
        emitKeyed(`${pad(indent)}${yamlKey(entry.key)}:`, entry.value, indent, scope, out, (node, s) => emitEntries([{ type: "entry", key: entry.key, value: node }], indent, s, out));
        break;
      case "dynamicEntry":
        emitKeyed(`${pad(indent)}{{ ${emitPipeline(entry.key, scope)} | quote }}:`, entry.value, indent, scope, out, (node, s) => emitEntries([{ type: "dynamicEntry", key: entry.key, value: node }], indent, s, out));
        break;
      case "when":
        emitConditional(entry.cond, indent, scope, out, () => emitEntries(entry.then, indent, scope, out), entry.otherwise.length === 0 ? null : () => emitEntries(entry.otherwise, indent, scope, out));
        break;
      case "with":
      case "range":
        emitScoped(entry, indent, scope, out, (inner) => emitEntries(entry.body, indent, inner, out));
        break;
      case "spread":
        // At the left margin a plain action on its own line reads better than `nindent 0`.
        out.push(indent === 0 ? `{{ ${spreadPipeline(entry.expr, scope)} }}` : `${pad(indent)}{{- ${spreadPipeline(entry.expr, scope)} | nindent ${indent} }}`);
        break;
      default:
        assertNever(entry, "map entry");
    }
  }
}

export function emitItems(items: readonly ItemIR[], indent: number, scope: EmitScope, out: string[]): void {
  for (const item of mergeAdjacentItems(items)) {
    switch (item.type) {
      case "item":
        emitItem(item.value, indent, scope, out);
        break;
      case "when":
        emitConditional(item.cond, indent, scope, out, () => emitItems(item.then, indent, scope, out), item.otherwise.length === 0 ? null : () => emitItems(item.otherwise, indent, scope, out));
        break;
      case "with":
      case "range":
        emitScoped(item, indent, scope, out, (inner) => emitItems(item.body, indent, inner, out));
        break;
      case "spread":
        out.push(`${pad(indent)}{{- ${spreadPipeline(item.expr, scope)} | nindent ${indent} }}`);
        break;
      default:
        assertNever(item, "list item");
    }
  }
}

function emitItem(value: NodeIR, indent: number, scope: EmitScope, out: string[]): void {
  const dash = `${pad(indent)}-`;
  switch (value.type) {
    case "map": {
      if (value.entries.length === 0) {
        out.push(`${dash} {}`);
        return;
      }
      const start = out.length;
      emitEntries(value.entries, indent + 2, scope, out);
      const first = out[start]!;
      // The first entry shares the dash's line unless it is a control action.
      if (first.trimStart().startsWith("{{-")) out.splice(start, 0, dash);
      else out[start] = `${dash} ${first.slice(indent + 2)}`;
      return;
    }
    case "scalar":
    case "expr":
    case "seq":
    case "toYaml":
    case "text":
    case "choose":
      // A chosen item: emitKeyed puts the whole item, dash included, in each branch.
      emitKeyed(dash, value, indent, scope, out, (node, s) => emitItem(node, indent, s, out));
      return;
    default:
      assertNever(value, "node");
  }
}

/** Emits `<prefix> value` for any node; `prefix` is `key:` or `-`, the value indented below it. */
function emitKeyed(prefix: string, value: NodeIR, indent: number, scope: EmitScope, out: string[], again: (node: NodeIR, scope: EmitScope) => void): void {
  switch (value.type) {
    case "scalar":
      out.push(`${prefix} ${yamlScalar(value.value)}`);
      return;
    case "expr":
      out.push(`${prefix} ${emitValueAction(value.expr, scope)}`);
      return;
    case "map":
      if (value.entries.length === 0) {
        out.push(`${prefix} {}`);
        return;
      }
      out.push(prefix);
      emitEntries(value.entries, indent + 2, scope, out);
      return;
    case "seq":
      if (value.items.length === 0) {
        out.push(`${prefix} []`);
        return;
      }
      out.push(prefix);
      emitItems(value.items, indent + 2, scope, out);
      return;
    case "toYaml":
      out.push(prefix);
      out.push(`${pad(indent + 2)}{{- toYaml ${emitArgument(value.expr, scope)} | nindent ${indent + 2} }}`);
      return;
    case "text":
      out.push(`${prefix} ${blockHeader(value.text)}`);
      emitText(value.text, indent + 2, scope, out);
      return;
    case "choose":
      // A value chosen by a condition: the whole `key: value` line moves into each branch.
      emitConditional(value.cond, indent, at(scope, value.at), out, () => again(value.then, scope), () => again(value.otherwise, scope));
      return;
    default:
      assertNever(value, "node");
  }
}

function emitConditional(cond: Parameters<typeof emitPipeline>[0], indent: number, scope: EmitScope, out: string[], then: () => void, otherwise: (() => void) | null): void {
  out.push(`${pad(indent)}{{- if ${emitPipeline(cond, scope)} }}`);
  then();
  if (otherwise) {
    out.push(`${pad(indent)}{{- else }}`);
    otherwise();
  }
  out.push(`${pad(indent)}{{- end }}`);
}

function spreadPipeline(expr: Parameters<typeof emitPipeline>[0], scope: EmitScope): string {
  return expr.op === "include" ? emitPipeline(expr, scope) : `toYaml ${emitArgument(expr, scope)}`;
}

/** `{{- with x }}`/`{{- range $v := x }}` around a body emitted in the new scope. */
function emitScoped(
  block: { type: "with" | "range"; scope: Scope; expr: ExprIR; at: SourceLocation },
  indent: number,
  scope: EmitScope,
  out: string[],
  body: (inner: EmitScope) => void,
): void {
  const head = block.type === "with" ? "with" : `range ${rangeVariables(block.scope)} :=`;
  out.push(`${pad(indent)}{{- ${head} ${emitPipeline(block.expr, scope)} }}`);
  body(enterScope(at(scope, block.at), block.scope));
  out.push(`${pad(indent)}{{- end }}`);
}

function rangeVariables(scope: { name: string; keyName?: string }): string {
  return scope.keyName ? `$${scope.keyName}, $${scope.name}` : `$${scope.name}`;
}

function at(scope: EmitScope, location: { file: string; line: number }): EmitScope {
  return { ...scope, where: `${formatLocation(location)}: ` };
}

// ---------------------------------------------------------------- text (block scalars)

/** `|`, or `|2` when the first line may start with a space (YAML would take it as indentation). */
function blockHeader(text: TextIR): string {
  return mayStartWithSpace(text) ? "|2" : "|";
}

function mayStartWithSpace(text: TextIR): boolean {
  for (const line of text.lines) {
    switch (line.type) {
      case "line": {
        const first = line.parts[0];
        if (first === undefined) continue;
        return typeof first !== "string" || /^\s/.test(first);
      }
      case "block":
        return true;
      case "when":
        if (mayStartWithSpace(line.then) || mayStartWithSpace(line.otherwise)) return true;
        break;
      case "with":
      case "range":
        if (mayStartWithSpace(line.body)) return true;
        break;
      default:
        assertNever(line, "text line");
    }
  }
  return false;
}

/** Parts of one line; loops and conditions stay inline with plain (untrimmed) actions. */
function emitLineParts(parts: readonly LinePartIR[], scope: EmitScope): string {
  return parts
    .map((part, index) => {
      if (typeof part === "string") {
        // A "{" right before an action would read as "{{{": a space keeps them apart and
        // the action trims it (`{ {{- .x }}` prints `{` and the value).
        return braceBeforeAction(parts, index) ? `${escapeTemplateText(part)} ` : escapeTemplateText(part);
      }
      const action = emitLinePart(part, scope);
      return braceBeforeAction(parts, index - 1) ? action.replace(/^\{\{ /, "{{- ") : action;
    })
    .join("");
}

function braceBeforeAction(parts: readonly LinePartIR[], index: number): boolean {
  const part = parts[index];
  return typeof part === "string" && part.endsWith("{") && index + 1 < parts.length && typeof parts[index + 1] !== "string";
}

function emitLinePart(part: Exclude<LinePartIR, string>, scope: EmitScope): string {
  if (!isInlinePart(part)) return emitInlineAction(part, scope);
  switch (part.type) {
    case "inlineWhen": {
      const otherwise = part.otherwise.length > 0 ? `{{ else }}${emitLineParts(part.otherwise, scope)}` : "";
      return `{{ if ${emitPipeline(part.cond, scope)} }}${emitLineParts(part.then, scope)}${otherwise}{{ end }}`;
    }
    case "inlineRange":
      return `{{ range ${rangeVariables(part.scope)} := ${emitPipeline(part.expr, scope)} }}${emitLineParts(part.parts, enterScope(scope, part.scope))}{{ end }}`;
    default:
      return assertNever(part, "line part");
  }
}

export function emitText(text: TextIR, indent: number, scope: EmitScope, out: string[]): void {
  for (const line of mergeAdjacentLines(text.lines)) {
    switch (line.type) {
      case "line": {
        const content = emitLineParts(line.parts, scope);
        out.push(content === "" ? "" : `${pad(indent)}${content}`);
        break;
      }
      case "block":
        out.push(
          line.keepBlankLineBefore
            ? `{{ ${emitPipeline(line.expr, scope)} | trimSuffix "\\n" | indent ${indent + line.indent} }}`
            : `${pad(indent)}{{- ${emitPipeline(line.expr, scope)} | trimSuffix "\\n" | nindent ${indent + line.indent} }}`,
        );
        break;
      case "when":
        emitConditional(line.cond, indent, at(scope, line.at), out, () => emitText(line.then, indent, scope, out), line.otherwise.lines.length === 0 ? null : () => emitText(line.otherwise, indent, scope, out));
        break;
      case "with":
      case "range":
        emitScoped(line, indent, scope, out, (inner) => emitText(line.body, indent, inner, out));
        break;
      default:
        assertNever(line, "text line");
    }
  }
}
