// Definitions → chart files. Errors in definitions are collected as diagnostics with the
// file and line the author wrote, never thrown one at a time.
import type { Diagnostic, TemplateIR } from "../ir/index.ts";
import { emitHelpersFile, emitTemplateFile } from "../emit/index.ts";
import { findNonRe2Patterns, findUnappliedDefaults, renderChartReadme, renderValuesSchema, renderValuesYaml } from "../values/index.ts";
import { buildTemplates, toDiagnostic } from "./build-templates.ts";
import { HELMIGNORE, renderChartYaml } from "./chart-yaml.ts";
import { collectChartFiles } from "./collect-files.ts";
import { collectHelpers } from "./collect-helpers.ts";
import type { ChartDefinition, DefinitionCheck } from "./define.ts";
import { hoistSharedMaps } from "./hoist.ts";
import { checkTemplate } from "./template-checks.ts";

export { formatDiagnostic, type Diagnostic } from "../ir/index.ts";
export { buildTemplates } from "./build-templates.ts";

const UNKNOWN_CHART_LOCATION = { file: "<chart definition>", line: 0 };

/** Each problem a check returns, or what it throws, at the check's own file:line. */
function runChecks(checks: readonly DefinitionCheck[]): Diagnostic[] {
  return checks.flatMap((check) => {
    try {
      return check.run().map((message) => ({ ...check.source, message }));
    } catch (error) {
      return [toDiagnostic(error, check.source)];
    }
  });
}

export interface CompiledChart {
  /** Chart-relative path → file content. */
  readonly files: ReadonlyMap<string, string>;
  readonly templates: ReadonlyMap<string, TemplateIR>;
  readonly diagnostics: readonly Diagnostic[];
}

export function compileChart(definition: ChartDefinition): CompiledChart {
  const files = new Map<string, string>();
  const { templates, diagnostics } = buildTemplates(definition.templates);

  // Problems of the chart as a whole are reported where defineChart was called.
  const chartAt = definition.source ?? UNKNOWN_CHART_LOCATION;
  diagnostics.push(...runChecks(definition.checks ?? []));
  files.set("Chart.yaml", renderChartYaml(definition.metadata));
  try {
    const schema = renderValuesSchema(definition.values);
    for (const problem of [...findNonRe2Patterns(schema), ...findUnappliedDefaults(definition.values)]) {
      diagnostics.push({ ...chartAt, message: problem });
    }
    files.set("values.schema.json", `${JSON.stringify(schema, null, 2)}\n`);
    files.set("values.yaml", renderValuesYaml(definition.values, definition.valuesHeader));
    files.set("README.md", renderChartReadme(definition));
  } catch (error) {
    diagnostics.push(toDiagnostic(error, chartAt));
  }

  // Emitted from a copy with shared maps moved to helpers; evaluation keeps `templates`.
  const emitted = hoistSharedMaps(templates, definition.metadata.name);
  for (const [fileName, template] of emitted) {
    const problems = checkTemplate(template, templates);
    diagnostics.push(...problems);
    if (problems.length > 0) continue;
    try {
      files.set(`templates/${fileName}`, emitTemplateFile(template));
    } catch (error) {
      diagnostics.push(toDiagnostic(error, template.source));
    }
  }
  const { helpers, diagnostics: helperProblems } = collectHelpers(definition.helpers.map(({ helper }) => helper), emitted, definition.metadata.name, chartAt);
  diagnostics.push(...helperProblems);
  try {
    if (helperProblems.length === 0) files.set("templates/_helpers.tpl", emitHelpersFile(helpers));
  } catch (error) {
    diagnostics.push(toDiagnostic(error, chartAt));
  }
  const chartFiles = collectChartFiles(emitted, helpers);
  diagnostics.push(...chartFiles.diagnostics);
  for (const [path, content] of chartFiles.files) files.set(path, content);
  try {
    const staticFiles = typeof definition.staticFiles === "function" ? definition.staticFiles() : (definition.staticFiles ?? {});
    for (const [path, content] of Object.entries(staticFiles)) files.set(path, content);
  } catch (error) {
    diagnostics.push(toDiagnostic(error, chartAt));
  }
  files.set(".helmignore", HELMIGNORE);
  return { files: new Map([...files].sort(([a], [b]) => a.localeCompare(b))), templates, diagnostics };
}
