// The files templates read with `.Files.Get`: written into the chart next to templates/,
// each from the content its chartFile(...) carries, so the chart and the evaluation agree.
import type { Diagnostic, ExprIR, HelperIR, SourceLocation, TemplateIR } from "../ir/index.ts";
import { exprsOfHelper, exprsOfTemplate } from "../ir/index.ts";

export function collectChartFiles(
  templates: ReadonlyMap<string, TemplateIR>,
  helpers: readonly HelperIR[],
): { files: Map<string, string>; diagnostics: Diagnostic[] } {
  const files = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  const visit = (expr: ExprIR, where: SourceLocation): void => {
    if (expr.op !== "file") return;
    // Helm keeps templates/ out of .Files, and the chart's own files have fixed names.
    if (!/^files\/[A-Za-z0-9._/-]+$/.test(expr.path) || expr.path.includes("..")) {
      diagnostics.push({ ...where, message: `chartFile("${expr.path}"): a chart file lives under files/ (e.g. "files/filter.lua")` });
      return;
    }
    const known = files.get(expr.path);
    if (known !== undefined && known !== expr.content) diagnostics.push({ ...where, message: `two chartFile("${expr.path}") calls give different contents` });
    else files.set(expr.path, expr.content);
  };
  for (const template of templates.values()) for (const expr of exprsOfTemplate(template)) visit(expr, template.source);
  for (const helper of helpers) for (const expr of exprsOfHelper(helper)) visit(expr, { file: "_helpers.tpl", line: 0 });
  return { files, diagnostics };
}
