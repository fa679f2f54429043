// Which helpers _helpers.tpl holds, in order: the chart's own list first, then every helper
// a template or another helper includes, each once.
import type { Diagnostic, HelperIR, SourceLocation, TemplateIR } from "../ir/index.ts";
import { exprsOfHelper, exprsOfTemplate } from "../ir/index.ts";

export function collectHelpers(
  declared: readonly HelperIR[],
  templates: ReadonlyMap<string, TemplateIR>,
  where: SourceLocation,
): { helpers: HelperIR[]; diagnostics: Diagnostic[] } {
  const ordered = new Map<string, HelperIR>();
  const diagnostics: Diagnostic[] = [];
  const visit = (helper: HelperIR): void => {
    const known = ordered.get(helper.name);
    if (known && known !== helper) {
      diagnostics.push({ ...where, message: `two different helpers are named "${helper.name}"` });
      return;
    }
    if (known) return;
    ordered.set(helper.name, helper);
    for (const expr of exprsOfHelper(helper)) if (expr.op === "include") visit(expr.helper);
  };
  for (const helper of declared) visit(helper);
  for (const template of templates.values()) for (const expr of exprsOfTemplate(template)) if (expr.op === "include") visit(expr.helper);
  return { helpers: [...ordered.values()], diagnostics };
}
