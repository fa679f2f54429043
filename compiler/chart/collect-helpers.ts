// Which helpers _helpers.tpl holds, in order: the chart's own list first, then every helper
// a template or another helper includes, each once; and whether each is named and described
// as a chart's helper must be.
import type { Diagnostic, HelperIR, SourceLocation, TemplateIR } from "../ir/index.ts";
import { exprsOfHelper, exprsOfTemplate } from "../ir/index.ts";

/**
 * Named templates are global in Helm: a parent chart's and every subchart's `define`s share
 * one namespace, and the last one loaded wins (Helm's chart template guide, "Named
 * Templates": "template names are global"; engine.go collects all templates of all charts
 * into one text/template set). Hence `<chart>.<name>`, as Helm's own `helm create` writes.
 */
function nameProblem(name: string, chartName: string): string | undefined {
  const prefix = `${chartName}.`;
  if (!name.startsWith(prefix)) return `helper "${name}" must be named "${prefix}<name>": named templates are global across a chart and its subcharts, so another chart's helper of the same name would replace it`;
  if (!/^[a-z][A-Za-z0-9]*$/.test(name.slice(prefix.length))) return `helper "${name}": the part after "${prefix}" must be a camelCase word (letters and digits, starting with a lower-case letter)`;
  return undefined;
}

export function collectHelpers(
  declared: readonly HelperIR[],
  templates: ReadonlyMap<string, TemplateIR>,
  chartName: string,
  where: SourceLocation,
): { helpers: HelperIR[]; diagnostics: Diagnostic[] } {
  const ordered = new Map<string, HelperIR>();
  const diagnostics: Diagnostic[] = [];
  const visit = (helper: HelperIR): void => {
    const at = helper.at ?? where;
    const known = ordered.get(helper.name);
    if (known && known !== helper) {
      diagnostics.push({ ...at, message: `two different helpers are named "${helper.name}"` });
      return;
    }
    if (known) return;
    ordered.set(helper.name, helper);
    const badName = nameProblem(helper.name, chartName);
    if (badName) diagnostics.push({ ...at, message: badName });
    // The description is the helper's comment in _helpers.tpl, the only documentation a reader of the chart has.
    if (helper.description.trim() === "") diagnostics.push({ ...at, message: `helper "${helper.name}" has no description: say what it gives, in one sentence` });
    for (const expr of exprsOfHelper(helper)) if (expr.op === "include") visit(expr.helper);
  };
  for (const helper of declared) visit(helper);
  for (const template of templates.values()) for (const expr of exprsOfTemplate(template)) if (expr.op === "include") visit(expr.helper);
  return { helpers: [...ordered.values()], diagnostics };
}
