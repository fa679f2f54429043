// Helpers → _helpers.tpl: each one a commented `define`.
import type { ExprIR, HelperIR, TextIR } from "../ir/index.ts";
import { assertNever, isInlinePart } from "../ir/index.ts";
import { EmitError } from "./emit-error.ts";
import { emitPipeline, goString, ROOT_SCOPE, type EmitScope } from "./go-expr.ts";
import { needsIntPipe } from "./integers.ts";
import { wrapLongActions } from "./wrap-actions.ts";
import { emitEntries } from "./yaml-template.ts";

export function emitHelpersFile(helpers: readonly HelperIR[]): string {
  const blocks = helpers.map((helper) => {
    const body: string[] = [];
    emitHelperBody(helper, body);
    return [`{{/*\n${helper.description}\n*/}}`, `{{- define ${goString(helper.name)} -}}`, ...body, "{{- end }}"].join("\n");
  });
  return `${wrapLongActions(blocks.join("\n\n"))}\n`;
}

function emitHelperBody(helper: HelperIR, out: string[]): void {
  switch (helper.body.type) {
    case "lines":
      return emitHelperText(helper.body, ROOT_SCOPE, out);
    case "map":
      return emitEntries(helper.body.entries, 0, ROOT_SCOPE, out);
    case "scalar":
    case "expr":
    case "seq":
    case "toYaml":
    case "text":
    case "choose":
      throw new EmitError(`helper "${helper.name}" must produce text or map entries`);
    default:
      assertNever(helper.body, "helper body");
  }
}

/** In a define every line is one trimmed action, so the helper's output has no stray whitespace. */
function emitHelperText(text: TextIR, scope: EmitScope, out: string[]): void {
  for (const line of text.lines) {
    switch (line.type) {
      case "line": {
        if (line.parts.length === 0) break;
        if (line.parts.some((part) => typeof part !== "string" && isInlinePart(part))) {
          throw new EmitError("inlineEach/inlineWhen inside a text helper is not supported; compute the value in a template instead");
        }
        if (line.parts.every((part) => typeof part === "string")) {
          out.push(`{{- ${goString(line.parts.join(""))} }}`);
          break;
        }
        const single = line.parts.length === 1 ? (line.parts[0] as ExprIR) : null;
        const pipeline = single ? emitPipeline(single, scope) : emitPipeline({ op: "interpolate", parts: line.parts as (string | ExprIR)[] }, scope);
        out.push(`{{- ${pipeline}${single && needsIntPipe(single) ? " | int" : ""} }}`);
        break;
      }
      case "when":
        out.push(`{{- if ${emitPipeline(line.cond, scope)} }}`);
        emitHelperText(line.then, scope, out);
        if (line.otherwise.lines.length > 0) {
          out.push("{{- else }}");
          emitHelperText(line.otherwise, scope, out);
        }
        out.push("{{- end }}");
        break;
      case "block":
      case "with":
      case "range":
        throw new EmitError("indentedBlock/withValue/each inside a text helper is not supported; compute the value in a template instead", "at" in line ? line.at : undefined);
      default:
        assertNever(line, "helper line");
    }
  }
}
