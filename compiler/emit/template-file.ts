// One template's IR → the file under templates/: a `# Source:` line naming the definition,
// the file's checks and guard, and its documents.
import type { NodeIR, TemplateIR } from "../ir/index.ts";
import { assertNever } from "../ir/index.ts";
import { EmitError } from "./emit-error.ts";
import { emitPipeline, goString, ROOT_SCOPE } from "./go-expr.ts";
import { wrapLongActions } from "./wrap-actions.ts";
import { emitEntries, emitItems, emitText } from "./yaml-template.ts";

/** The `# Source:` line names the definition's file as recorded (relative to its project). */
export function emitTemplateFile(template: TemplateIR, sourceName: string = template.source.file): string {
  if (template.format === "text") return emitTextFile(template, sourceName);
  const out: string[] = [];
  for (const check of template.checks ?? []) out.push(`{{- if ${emitPipeline(check.when, ROOT_SCOPE)} }}{{- fail ${goString(check.message)} }}{{- end }}`);
  if (template.guard) out.push(`{{- if ${emitPipeline(template.guard, ROOT_SCOPE)} }}`);
  template.documents.forEach((document, index) => {
    if (index > 0) out.push("---");
    out.push(`# Source: ${sourceName}`);
    emitDocument(document, template, out);
  });
  if (template.guard) out.push("{{- end }}");
  return `${wrapLongActions(out.join("\n"))}\n`;
}

/** Plain text: a template comment names the source, since a "# Source:" line would be printed. */
function emitTextFile(template: TemplateIR, sourceName: string): string {
  const [document] = template.documents;
  if (!document || document.type !== "text") throw new EmitError(`${template.fileName} must be one block of text`, template.source);
  const out = [`{{- /* Source: ${sourceName} */ -}}`];
  emitText(document.text, 0, ROOT_SCOPE, out);
  return `${wrapLongActions(out.join("\n"))}\n`;
}

function emitDocument(document: NodeIR, template: TemplateIR, out: string[]): void {
  switch (document.type) {
    case "map":
      emitEntries(document.entries, 0, ROOT_SCOPE, out);
      return;
    case "seq":
      emitItems(document.items, 0, ROOT_SCOPE, out);
      return;
    case "scalar":
    case "expr":
    case "toYaml":
    case "text":
    case "choose":
      throw new EmitError("a template document must be a map or a list", template.source);
    default:
      assertNever(document, "node");
  }
}
