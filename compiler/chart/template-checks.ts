// Mistakes only visible in a template's finished IR: a checksum of a template that does
// not exist, a free-form string interpolated into a line of text, a condition helper used
// as a value.
import type { Diagnostic, ExprIR, TemplateIR, TextIR } from "../ir/index.ts";
import { assertNever, exprsOfParts, exprsOfTemplate, textsOfNode } from "../ir/index.ts";
import { checkConditionHelperUse } from "./condition-helper-checks.ts";

export function checkTemplate(template: TemplateIR, templates: ReadonlyMap<string, TemplateIR>): Diagnostic[] {
  return [...checkChecksums(template, templates), ...checkTextInterpolations(template), ...checkConditionHelperUse(template)];
}

function checkChecksums(template: TemplateIR, templates: ReadonlyMap<string, TemplateIR>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const expr of exprsOfTemplate(template)) {
    if (expr.op !== "checksum") continue;
    const target = templates.get(expr.template);
    if (!target) diagnostics.push({ ...template.source, message: `checksumOf("${expr.template}") names no template of this chart` });
    else if (target.documents.length !== 1) diagnostics.push({ ...template.source, message: `checksumOf("${expr.template}") needs a template with exactly one document` });
  }
  return diagnostics;
}

/** Free-text values in a line of text would break the block scalar on their first newline. */
function checkTextInterpolations(template: TemplateIR): Diagnostic[] {
  const problems = new Set<string>();
  for (const document of template.documents) {
    for (const text of textsOfNode(document)) for (const expr of interpolatedExprs(text)) {
      const name = freeTextName(expr);
      if (name !== null) {
        problems.add(`${name} is a free-form string interpolated into a line of text; a newline in it would break the YAML block: constrain it in the values schema with .regex(/^[^\\n]*$/) (or a stricter pattern), or place it with indentedBlock(...)`);
      }
    }
  }
  return problems.size === 0 ? [] : [{ ...template.source, message: [...problems].join("\n") }];
}

/** Expressions printed inside lines of the text, at any depth (not those of indentedBlock). */
function* interpolatedExprs(text: TextIR): Generator<ExprIR> {
  for (const line of text.lines) {
    switch (line.type) {
      case "line":
        yield* exprsOfParts(line.parts);
        break;
      case "block":
        break;
      case "when":
        yield* interpolatedExprs(line.then);
        yield* interpolatedExprs(line.otherwise);
        break;
      case "with":
      case "range":
        yield* interpolatedExprs(line.body);
        break;
      default:
        assertNever(line, "text line");
    }
  }
}

function freeTextName(expr: ExprIR): string | null {
  if (expr.op === "values" && expr.freeText) return `v.${expr.path.join(".")}`;
  if (expr.op !== "scope" || !expr.freeText) return null;
  if (expr.scope.kind === "with" && expr.path.length === 0) return "the value bound by withValue(...)";
  return [expr.scope.kind === "range" ? `$${expr.scope.name}` : "withValue(...)", ...expr.path].join(".");
}
