// Text (config files, NOTES.txt, text helpers) → lines, as Go's `{{-` trimming leaves them.
import type { LinePartIR, TextIR } from "../ir/types.ts";
import { assertNever, isInlinePart } from "../ir/types.ts";
import { evaluateExpr, formatAction } from "./expression.ts";
import { goPrint, goTruthy } from "./go-semantics.ts";
import type { RenderContext, Scopes } from "./render-context.ts";
import { bind, bindEntry, rangeEntries } from "./scopes.ts";

interface OutputLine {
  readonly text: string;
  /** An empty line of template text: a following `{{-` action trims it away. */
  readonly trimmable: boolean;
}

/** Lines of text, modelling the `{{-` trimming of each control action (if/else/end/range/with). */
export function evaluateText(text: TextIR, context: RenderContext, scopes: Scopes): string[] {
  const out: OutputLine[] = [];
  renderLines(text, context, scopes, out);
  trimBeforeAction(out);
  return out.map((line) => line.text);
}

function trimBeforeAction(out: OutputLine[]): void {
  while (out.length > 0 && out[out.length - 1]!.trimmable) out.pop();
}

function renderLines(text: TextIR, context: RenderContext, scopes: Scopes, out: OutputLine[]): void {
  for (const line of text.lines) {
    switch (line.type) {
      case "line": {
        const rendered = renderLineParts(line.parts, context, scopes);
        out.push({ text: rendered, trimmable: line.parts.length === 0 });
        break;
      }
      case "block": {
        if (!line.keepBlankLineBefore) trimBeforeAction(out);
        const value = goPrint(evaluateExpr(line.expr, context, scopes)).replace(/\n$/, "");
        for (const text of value.split("\n")) out.push({ text: `${" ".repeat(line.indent)}${text}`, trimmable: false });
        break;
      }
      case "when": {
        trimBeforeAction(out);
        const chosen = goTruthy(evaluateExpr(line.cond, context, scopes));
        renderLines(chosen ? line.then : line.otherwise, context, scopes, out);
        trimBeforeAction(out);
        break;
      }
      case "with": {
        trimBeforeAction(out);
        const value = evaluateExpr(line.expr, context, scopes);
        if (goTruthy(value)) renderLines(line.body, context, bind(scopes, line.scope.id, value), out);
        trimBeforeAction(out);
        break;
      }
      case "range": {
        trimBeforeAction(out);
        for (const [key, element] of rangeEntries(evaluateExpr(line.expr, context, scopes))) {
          renderLines(line.body, context, bindEntry(scopes, line.scope.id, key, element), out);
          trimBeforeAction(out);
        }
        break;
      }
      default:
        assertNever(line, "text line");
    }
  }
}

function renderLineParts(parts: readonly LinePartIR[], context: RenderContext, scopes: Scopes): string {
  return parts
    .map((part) => {
      if (typeof part === "string") return part;
      if (!isInlinePart(part)) return formatAction(part, context, scopes);
      switch (part.type) {
        case "inlineWhen":
          return renderLineParts(goTruthy(evaluateExpr(part.cond, context, scopes)) ? part.then : part.otherwise, context, scopes);
        case "inlineRange":
          return rangeEntries(evaluateExpr(part.expr, context, scopes))
            .map(([key, element]) => renderLineParts(part.parts, context, bindEntry(scopes, part.scope.id, key, element)))
            .join("");
        default:
          return assertNever(part, "line part");
      }
    })
    .join("");
}

/** A literal block scalar with clip chomping (`|`): trailing blank lines fold into one newline. */
export function blockScalarValue(lines: readonly string[]): string {
  const joined = lines.join("\n").replace(/\n+$/, "");
  return joined === "" ? "" : `${joined}\n`;
}
