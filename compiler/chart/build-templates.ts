// Runs each template definition to get its IR. A definition is the author's code: what it
// throws becomes a diagnostic at the author's line, and the other templates still build.
import type { Diagnostic, SourceLocation, TemplateIR } from "../ir/index.ts";
import { collectDefinitionErrors, DefinitionError } from "../dsl/index.ts";
import { EmitError } from "../emit/index.ts";
import type { TemplateDefinition } from "./define.ts";

export function buildTemplates(definitions: readonly TemplateDefinition[]): { templates: Map<string, TemplateIR>; diagnostics: Diagnostic[] } {
  const templates = new Map<string, TemplateIR>();
  const diagnostics: Diagnostic[] = [];
  for (const template of definitions) {
    if (templates.has(template.fileName)) {
      diagnostics.push({ ...template.source, message: `template ${template.fileName} is defined twice` });
      continue;
    }
    try {
      const { result, errors } = collectDefinitionErrors(() => template.build());
      diagnostics.push(...errors.map((error) => toDiagnostic(error, template.source)));
      if (result !== undefined && errors.length === 0) templates.set(template.fileName, result);
    } catch (error) {
      diagnostics.push(toDiagnostic(error, template.source));
    }
  }
  return { templates, diagnostics };
}

/** An error thrown while building or emitting, at its own location when it has one. */
export function toDiagnostic(error: unknown, fallback: SourceLocation): Diagnostic {
  if (error instanceof DefinitionError) return { ...(error.at.line === 0 ? fallback : error.at), message: error.message };
  if (error instanceof EmitError) return { ...(error.at ?? fallback), message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { ...fallback, message };
}
