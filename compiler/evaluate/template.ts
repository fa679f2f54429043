// Concrete evaluation: the same definitions, run in TypeScript with real values. Produces
// what `helm template` renders, as parsed YAML. The differential tests hold the emitter
// to this, so every rule here is a rule of Go templates, sprig or YAML.
import type { HelperIR, TemplateIR } from "../ir/types.ts";
import { evaluateExpr } from "./expression.ts";
import { goJson, goTruthy, sha256Hex } from "./go-semantics.ts";
import { evaluateNode } from "./node.ts";
import { RenderError, type RenderContext, type Scopes } from "./render-context.ts";
import { evaluateText } from "./text.ts";

export function evaluateTemplate(template: TemplateIR, context: RenderContext): unknown[] {
  const scopes: Scopes = new Map();
  for (const check of template.checks ?? []) {
    if (goTruthy(evaluateExpr(check.when, context, scopes))) throw new RenderError(check.message);
  }
  if (template.guard && !goTruthy(evaluateExpr(template.guard, context, scopes))) return [];
  if (template.format === "text") {
    const [document] = template.documents;
    return document?.type === "text" ? [`${evaluateText(document.text, context, scopes).join("\n")}\n`] : [];
  }
  return template.documents.map((document) => evaluateNode(document, context, scopes)).filter((document) => document !== null);
}

export function evaluateHelper(helper: HelperIR, outer: RenderContext): unknown {
  // An included helper is text a template goes on to use (fromYaml, toJson), not output.
  const context: RenderContext = { ...outer, printedNumbers: false };
  const scopes: Scopes = new Map();
  if (helper.body.type === "lines") {
    // Inside define, every action is written with {{- so lines join with nothing between them.
    return evaluateText(helper.body, context, scopes).join("");
  }
  return evaluateNode(helper.body, context, scopes);
}

export function checksumOf(fileName: string, context: RenderContext): string {
  const template = context.templates.get(fileName);
  if (!template) throw new Error(`internal error: checksumOf("${fileName}") names no template of the chart`);
  const [document] = evaluateTemplate(template, { ...context, printedNumbers: false });
  return sha256Hex(goJson(document ?? {}));
}
