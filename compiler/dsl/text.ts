// Multi-line text (a config file inside a ConfigMap): lines, parts of one line, loops and
// conditions within a line, and indented blocks of a multi-line value.
import type { ExprIR, LineIR, LinePartIR, TextIR } from "../ir/index.ts";
import { describe, exprIR, isExpr, symbolicIR, type Expr, type Sym } from "./expr.ts";
import { DefinitionError, reportDefinitionError } from "./location.ts";
import { rangeVariableName, type EachOptions, type Element } from "./loops.ts";
import { isText, newScope, TEXT, type Text } from "./markers.ts";
import { elementSchema, schemaOfRef, scopeRef } from "./symbolic.ts";

export function toTextIR(parts: readonly LinePart[]): TextIR {
  const lines: LineIR[] = [];
  for (const part of parts) {
    if (typeof part === "string") {
      for (const line of part.split("\n")) lines.push({ type: "line", parts: line === "" ? [] : [line] });
    } else if (isText(part)) {
      lines.push(...part[TEXT].lines);
    } else if (isExpr(part)) {
      lines.push({ type: "line", parts: [flattenInterpolation(exprIR(part))].flat() });
    } else {
      reportDefinitionError(new DefinitionError(`lines(...): ${describe(part)} is not a line; use a string, tpl\`...\` or lines(...)`));
    }
  }
  return { type: "lines", lines };
}

function flattenInterpolation(ir: ExprIR): (string | ExprIR)[] {
  return ir.op === "interpolate" ? [...ir.parts] : [ir];
}

export type LinePart = string | Expr<string | number | boolean> | Text;

const INLINE = Symbol("helm-compiler.inline");
/** A loop or condition inside one line (see inlineEach, inlineWhen); only line(...) takes it. */
export interface Inline { readonly [INLINE]: LinePartIR }
export type InlinePart = string | Expr<string | number | boolean> | Inline;

function toLineParts(parts: readonly InlinePart[]): LinePartIR[] {
  return parts.flatMap((part): LinePartIR[] => {
    if (typeof part === "string") {
      if (part.includes("\n")) reportDefinitionError(new DefinitionError("line(...) parts must not contain newlines; use lines(...) for several lines"));
      return part === "" ? [] : [part];
    }
    if (isExpr(part)) return flattenInterpolation(exprIR(part));
    if (typeof part === "object" && part !== null && INLINE in part) return [part[INLINE]];
    reportDefinitionError(new DefinitionError(`line(...): ${describe(part)} is not a line part; use a string, tpl\`...\`, inlineEach or inlineWhen`));
    return [];
  });
}

/** One line built from parts, some of them repeated or conditional within the line. */
export function line(...parts: InlinePart[]): Text {
  return { [TEXT]: { type: "lines", lines: [{ type: "line", parts: toLineParts(parts) }] } };
}

/** The parts once per list element, on the same line (Go `{{ range }}` inline). */
export function inlineEach<L>(list: Expr<L>, render: (item: Sym<Element<L>>) => InlinePart | InlinePart[], options: EachOptions = {}): Inline {
  if (!isExpr(list)) throw new DefinitionError(`inlineEach(...) needs a symbolic list, got ${describe(list)}`);
  const listIR = exprIR(list);
  const scope = newScope("range", options.as ?? rangeVariableName(listIR));
  const body = render(scopeRef(scope, elementSchema(schemaOfRef(list))) as never);
  return { [INLINE]: { type: "inlineRange", scope, expr: listIR, parts: toLineParts(Array.isArray(body) ? body : [body]) } };
}

/** Parts kept only when cond is truthy (else `otherwise`), on the same line. */
export function inlineWhen(cond: Expr<unknown>, then: InlinePart | InlinePart[], otherwise: InlinePart | InlinePart[] = []): Inline {
  const asList = (value: InlinePart | InlinePart[]) => (Array.isArray(value) ? value : [value]);
  return { [INLINE]: { type: "inlineWhen", cond: symbolicIR(cond, "inlineWhen(...) needs a symbolic condition"), then: toLineParts(asList(then)), otherwise: toLineParts(asList(otherwise)) } };
}

/** Multi-line text. Each string is one line (or several, split on "\n"); nested lines() inline. */
export function lines(...parts: LinePart[]): Text {
  return { [TEXT]: toTextIR(parts) };
}

/**
 * A multi-line value (a config snippet from values) as lines of text, each indented by
 * `indent` spaces; one trailing newline is dropped. Interpolating such a value with tpl
 * would break the YAML block it sits in.
 */
export function indentedBlock(value: Expr<string>, indent = 0, options: { keepBlankLineBefore?: boolean } = {}): Text {
  const expr = symbolicIR(value, "indentedBlock(...) needs a symbolic string");
  const block = options.keepBlankLineBefore ? { type: "block" as const, expr, indent, keepBlankLineBefore: true } : { type: "block" as const, expr, indent };
  return { [TEXT]: { type: "lines", lines: [block] } };
}
