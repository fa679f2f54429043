// Definitions → chart files. Errors in definitions are collected as diagnostics with the
// file and line the author wrote, never thrown one at a time.
import { relative } from "node:path";
import type { Diagnostic, TemplateIR } from "../ir/index.ts";
import { emitHelpersFile, emitTemplateFile } from "../emit/index.ts";
import { findNonRe2Patterns, findUnappliedDefaults, renderChartReadme, renderValuesSchema, renderValuesYaml } from "../values/index.ts";
import { buildTemplates, toDiagnostic } from "./build-templates.ts";
import { HELMIGNORE, renderChartYaml } from "./chart-yaml.ts";
import { collectHelpers } from "./collect-helpers.ts";
import type { ChartDefinition } from "./define.ts";
import { hoistSharedMaps } from "./hoist.ts";
import { checkTemplate } from "./template-checks.ts";

export { formatDiagnostic, type Diagnostic } from "../ir/index.ts";
export { buildTemplates } from "./build-templates.ts";

export interface CompiledChart {
  /** Chart-relative path → file content. */
  readonly files: ReadonlyMap<string, string>;
  readonly templates: ReadonlyMap<string, TemplateIR>;
  readonly diagnostics: readonly Diagnostic[];
}

export function compileChart(definition: ChartDefinition): CompiledChart {
  const files = new Map<string, string>();
  const { templates, diagnostics } = buildTemplates(definition.templates);

  files.set("Chart.yaml", renderChartYaml(definition.metadata));
  try {
    const schema = renderValuesSchema(definition.values);
    for (const problem of [...findNonRe2Patterns(schema), ...findUnappliedDefaults(definition.values)]) {
      diagnostics.push({ file: "values-schema", line: 0, message: problem });
    }
    files.set("values.schema.json", `${JSON.stringify(schema, null, 2)}\n`);
    files.set("values.yaml", renderValuesYaml(definition.values, definition.valuesHeader));
    files.set("README.md", renderChartReadme(definition));
  } catch (error) {
    diagnostics.push({ file: "values-schema", line: 0, message: error instanceof Error ? error.message : String(error) });
  }

  // Emitted from a copy with shared maps moved to helpers; evaluation keeps `templates`.
  const emitted = hoistSharedMaps(templates, definition.metadata.name);
  for (const [fileName, template] of emitted) {
    const problems = checkTemplate(template, templates);
    diagnostics.push(...problems);
    if (problems.length > 0) continue;
    try {
      files.set(`templates/${fileName}`, emitTemplateFile(template, formatSource(template.source.file)));
    } catch (error) {
      diagnostics.push(toDiagnostic(error, template.source));
    }
  }
  const helpersAt = { file: "helpers", line: 0 };
  const { helpers, diagnostics: helperProblems } = collectHelpers(definition.helpers.map(({ helper }) => helper), emitted, helpersAt);
  diagnostics.push(...helperProblems);
  try {
    if (helperProblems.length === 0) files.set("templates/_helpers.tpl", emitHelpersFile(helpers));
  } catch (error) {
    diagnostics.push(toDiagnostic(error, helpersAt));
  }
  for (const [path, content] of Object.entries(definition.staticFiles ?? {})) files.set(path, content);
  files.set(".helmignore", HELMIGNORE);
  return { files: new Map([...files].sort(([a], [b]) => a.localeCompare(b))), templates, diagnostics };
}

function formatSource(file: string): string {
  return relative(process.cwd(), file) || file;
}
