// Definitions → chart files. Errors in definitions are collected as diagnostics with the
// file and line the author wrote, never thrown one at a time.
import { relative } from "node:path";
import { stringify } from "yaml";
import type { EntryIR, ExprIR, HelperIR, ItemIR, LineIR, LinePartIR, NodeIR, TemplateIR, TextIR } from "../ir/types.ts";
import { hoistSharedMaps } from "./hoist.ts";
import { assertNever, isInlinePart } from "../ir/types.ts";
import { DefinitionError, formatLocation } from "../dsl/location.ts";
import { emitPipeline, EmitError, ROOT_SCOPE, goString, type EmitScope } from "../emit/go-expr.ts";
import { emitEntries, emitItems, emitText } from "../emit/yaml-template.ts";
import { needsIntPipe } from "../emit/integers.ts";
import { findNonRe2Patterns, findUnappliedDefaults, renderValuesSchema } from "../values/json-schema.ts";
import { renderValuesYaml } from "../values/values-yaml.ts";
import { renderChartReadme } from "../values/values-table.ts";
import type { ChartDefinition } from "./define.ts";

export interface Diagnostic {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

export function formatDiagnostic(diagnostic: Diagnostic): string {
  return `${diagnostic.file}:${diagnostic.line}: ${diagnostic.message}`;
}

export interface CompiledChart {
  /** Chart-relative path → file content. */
  readonly files: ReadonlyMap<string, string>;
  readonly templates: ReadonlyMap<string, TemplateIR>;
  readonly diagnostics: readonly Diagnostic[];
}

export function buildTemplates(definition: ChartDefinition): { templates: Map<string, TemplateIR>; diagnostics: Diagnostic[] } {
  const templates = new Map<string, TemplateIR>();
  const diagnostics: Diagnostic[] = [];
  for (const template of definition.templates) {
    if (templates.has(template.fileName)) {
      diagnostics.push({ ...template.source, message: `template ${template.fileName} is defined twice` });
      continue;
    }
    try {
      templates.set(template.fileName, template.build());
    } catch (error) {
      diagnostics.push(toDiagnostic(error, template.source));
    }
  }
  return { templates, diagnostics };
}

function toDiagnostic(error: unknown, fallback: { file: string; line: number }): Diagnostic {
  if (error instanceof DefinitionError) return { ...(error.at.line === 0 ? fallback : error.at), message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { ...fallback, message };
}

export function compileChart(definition: ChartDefinition): CompiledChart {
  const files = new Map<string, string>();
  const { templates, diagnostics } = buildTemplates(definition);

  files.set("Chart.yaml", renderChartYaml(definition));
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
    try {
      checkChecksums(template, templates);
      checkTextInterpolations(template);
      files.set(`templates/${fileName}`, emitTemplateFile(template));
    } catch (error) {
      diagnostics.push(toDiagnostic(error, template.source));
    }
  }
  try {
    files.set("templates/_helpers.tpl", emitHelpersFile(definition, emitted));
  } catch (error) {
    diagnostics.push(toDiagnostic(error, { file: "helpers", line: 0 }));
  }
  for (const [path, content] of Object.entries(definition.staticFiles ?? {})) files.set(path, content);
  files.set(".helmignore", HELMIGNORE);
  return { files: new Map([...files].sort(([a], [b]) => a.localeCompare(b))), templates, diagnostics };
}

const HELMIGNORE = `# Patterns to ignore when building packages.
.DS_Store
.git/
*.swp
*.bak
*.tmp
*.orig
*~
.vscode/
.idea/
# helm-unittest suites and snapshots: for developing the chart, not for installing it.
tests/*_test.yaml
tests/__snapshot__/
`;

function renderChartYaml(definition: ChartDefinition): string {
  const { metadata } = definition;
  const chartYaml: Record<string, unknown> = {
    apiVersion: "v2",
    name: metadata.name,
    description: metadata.description,
    type: metadata.type ?? "application",
    version: metadata.version,
    appVersion: metadata.appVersion,
    kubeVersion: metadata.kubeVersion,
    home: metadata.home,
    icon: metadata.icon,
    sources: metadata.sources,
    keywords: metadata.keywords,
    maintainers: metadata.maintainers,
    annotations: metadata.annotations,
  };
  for (const key of Object.keys(chartYaml)) if (chartYaml[key] === undefined) delete chartYaml[key];
  return stringify(chartYaml, { lineWidth: 0 });
}

/** Free-text values in a line of text would break the block scalar on their first newline. */
function checkTextInterpolations(template: TemplateIR): void {
  const problems = new Set<string>();
  const visitText = (text: TextIR): void => {
    for (const line of text.lines) {
      if (line.type === "line") {
        for (const part of [...exprsOfParts(line.parts)]) {
          for (const expr of exprTree(part)) {
            if ((expr.op === "values" || expr.op === "scope") && expr.freeText) {
              const name =
                expr.op === "values" ? `v.${expr.path.join(".")}`
                : expr.scope.kind === "with" && expr.path.length === 0 ? "the value bound by withValue(...)"
                : [expr.scope.kind === "range" ? `$${expr.scope.name}` : "withValue(...)", ...expr.path].join(".");
              problems.add(`${name} is a free-form string interpolated into a line of text; a newline in it would break the YAML block: constrain it in the values schema with .regex(/^[^\\n]*$/) (or a stricter pattern), or place it with indentedBlock(...)`);
            }
          }
        }
      } else if (line.type === "when") {
        visitText(line.then);
        visitText(line.otherwise);
      } else if (line.type === "with" || line.type === "range") {
        visitText(line.body);
      }
    }
  };
  for (const document of template.documents) for (const text of textsOf(document)) visitText(text);
  if (problems.size > 0) throw new DefinitionError([...problems].join("\n"), template.source);
}

function* textsOf(node: NodeIR): Generator<TextIR> {
  switch (node.type) {
    case "text": yield node.text; return;
    case "choose": yield* textsOf(node.then); yield* textsOf(node.otherwise); return;
    case "map":
      for (const entry of node.entries) yield* textsOfEntries([entry]);
      return;
    case "seq":
      for (const item of node.items) yield* textsOfItems([item]);
      return;
    default: return;
  }
}

function* textsOfEntries(entries: readonly EntryIR[]): Generator<TextIR> {
  for (const entry of entries) {
    if (entry.type === "entry" || entry.type === "dynamicEntry") yield* textsOf(entry.value);
    else if (entry.type === "when") { yield* textsOfEntries(entry.then); yield* textsOfEntries(entry.otherwise); }
    else if (entry.type === "with" || entry.type === "range") yield* textsOfEntries(entry.body);
  }
}

function* textsOfItems(items: readonly ItemIR[]): Generator<TextIR> {
  for (const item of items) {
    if (item.type === "item") yield* textsOf(item.value);
    else if (item.type === "when") { yield* textsOfItems(item.then); yield* textsOfItems(item.otherwise); }
    else if (item.type === "with" || item.type === "range") yield* textsOfItems(item.body);
  }
}

function checkChecksums(template: TemplateIR, templates: ReadonlyMap<string, TemplateIR>): void {
  for (const expr of exprsOf(template)) {
    if (expr.op !== "checksum") continue;
    const target = templates.get(expr.template);
    if (!target) throw new DefinitionError(`checksumOf("${expr.template}") names no template of this chart`, template.source);
    if (target.documents.length !== 1) throw new DefinitionError(`checksumOf("${expr.template}") needs a template with exactly one document`, template.source);
  }
}

// ---------------------------------------------------------------- template files

export function emitTemplateFile(template: TemplateIR): string {
  if (template.format === "text") return emitTextFile(template);
  const out: string[] = [];
  const source = `# Source: ${formatSource(template.source.file)}`;
  for (const check of template.checks ?? []) out.push(`{{- if ${emitPipeline(check.when, ROOT_SCOPE)} }}{{- fail ${goString(check.message)} }}{{- end }}`);
  if (template.guard) out.push(`{{- if ${emitPipeline(template.guard, ROOT_SCOPE)} }}`);
  template.documents.forEach((document, index) => {
    if (index > 0) out.push("---");
    out.push(source);
    emitDocument(document, out);
  });
  if (template.guard) out.push("{{- end }}");
  return `${out.join("\n")}\n`;
}

/** Plain text: a template comment names the source, since a "# Source:" line would be printed. */
function emitTextFile(template: TemplateIR): string {
  const [document] = template.documents;
  if (!document || document.type !== "text") throw new EmitError(`${template.fileName} must be one block of text`);
  const out = [`{{- /* Source: ${formatSource(template.source.file)} */ -}}`];
  emitText(document.text, 0, ROOT_SCOPE, out);
  return `${out.join("\n")}\n`;
}

function formatSource(file: string): string {
  return relative(process.cwd(), file) || file;
}

function emitDocument(document: NodeIR, out: string[]): void {
  const scope: EmitScope = ROOT_SCOPE;
  switch (document.type) {
    case "map":
      emitEntries(document.entries, 0, scope, out);
      return;
    case "seq":
      emitItems(document.items, 0, scope, out);
      return;
    default:
      throw new EmitError("a template document must be a map or a list");
  }
}

// ---------------------------------------------------------------- _helpers.tpl

function emitHelpersFile(definition: ChartDefinition, templates: ReadonlyMap<string, TemplateIR>): string {
  const ordered = new Map<string, HelperIR>();
  const visit = (helper: HelperIR): void => {
    const known = ordered.get(helper.name);
    if (known && known !== helper) throw new DefinitionError(`two different helpers are named "${helper.name}"`);
    if (known) return;
    ordered.set(helper.name, helper);
    for (const expr of exprsOfHelper(helper)) if (expr.op === "include") visit(expr.helper);
  };
  for (const { helper } of definition.helpers) visit(helper);
  for (const template of templates.values()) for (const expr of exprsOf(template)) if (expr.op === "include") visit(expr.helper);

  const blocks = [...ordered.values()].map((helper) => {
    const body: string[] = [];
    if ("lines" in helper.body) emitHelperText(helper.body, ROOT_SCOPE, body);
    else if (helper.body.type === "map") emitEntries(helper.body.entries, 0, ROOT_SCOPE, body);
    else throw new DefinitionError(`helper "${helper.name}" must produce text or map entries`);
    return [`{{/*\n${helper.description}\n*/}}`, `{{- define ${goString(helper.name)} -}}`, ...body, "{{- end }}"].join("\n");
  });
  return `${blocks.join("\n\n")}\n`;
}

/** In a define every line is one trimmed action, so the helper's output has no stray whitespace. */
function emitHelperText(text: TextIR, scope: EmitScope, out: string[]): void {
  for (const line of text.lines) {
    switch (line.type) {
      case "line": {
        if (line.parts.length === 0) break;
        if (line.parts.some((part) => typeof part !== "string" && isInlinePart(part))) {
          throw new DefinitionError("inlineEach/inlineWhen inside a text helper is not supported; compute the value in a template instead");
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
        throw new DefinitionError("indentedBlock/withValue/each inside a text helper is not supported; compute the value in a template instead", "at" in line ? line.at : undefined);
      default:
        assertNever(line, "helper line");
    }
  }
}

// ---------------------------------------------------------------- IR walks

export function* exprsOf(template: TemplateIR): Generator<ExprIR> {
  if (template.guard) yield* exprTree(template.guard);
  for (const check of template.checks ?? []) yield* exprTree(check.when);
  for (const document of template.documents) yield* exprsOfNode(document);
}

function* exprsOfHelper(helper: HelperIR): Generator<ExprIR> {
  if ("lines" in helper.body) yield* exprsOfText(helper.body);
  else yield* exprsOfNode(helper.body);
}

function* exprTree(expr: ExprIR): Generator<ExprIR> {
  yield expr;
  if (expr.op === "call") for (const arg of expr.args) yield* exprTree(arg);
  if (expr.op === "interpolate") for (const part of expr.parts) if (typeof part !== "string") yield* exprTree(part);
}

function* exprsOfNode(node: NodeIR): Generator<ExprIR> {
  switch (node.type) {
    case "scalar": return;
    case "expr":
    case "toYaml": yield* exprTree(node.expr); return;
    case "text": yield* exprsOfText(node.text); return;
    case "choose": yield* exprTree(node.cond); yield* exprsOfNode(node.then); yield* exprsOfNode(node.otherwise); return;
    case "map":
      for (const entry of node.entries) yield* exprsOfEntry(entry);
      return;
    case "seq":
      for (const item of node.items) yield* exprsOfItem(item);
      return;
    default: assertNever(node, "node");
  }
}

function* exprsOfEntry(entry: EntryIR): Generator<ExprIR> {
  switch (entry.type) {
    case "entry": yield* exprsOfNode(entry.value); return;
    case "dynamicEntry": yield* exprTree(entry.key); yield* exprsOfNode(entry.value); return;
    case "spread": yield* exprTree(entry.expr); return;
    case "when": yield* exprTree(entry.cond); for (const e of [...entry.then, ...entry.otherwise]) yield* exprsOfEntry(e); return;
    case "with":
    case "range": yield* exprTree(entry.expr); for (const e of entry.body) yield* exprsOfEntry(e); return;
    default: assertNever(entry, "entry");
  }
}

function* exprsOfItem(item: ItemIR): Generator<ExprIR> {
  switch (item.type) {
    case "item": yield* exprsOfNode(item.value); return;
    case "spread": yield* exprTree(item.expr); return;
    case "when": yield* exprTree(item.cond); for (const i of [...item.then, ...item.otherwise]) yield* exprsOfItem(i); return;
    case "with":
    case "range": yield* exprTree(item.expr); for (const i of item.body) yield* exprsOfItem(i); return;
    default: assertNever(item, "item");
  }
}

function* exprsOfParts(parts: readonly LinePartIR[]): Generator<ExprIR> {
  for (const part of parts) {
    if (typeof part === "string") continue;
    if (!isInlinePart(part)) yield* exprTree(part);
    else if (part.type === "inlineWhen") { yield* exprTree(part.cond); yield* exprsOfParts(part.then); yield* exprsOfParts(part.otherwise); }
    else { yield* exprTree(part.expr); yield* exprsOfParts(part.parts); }
  }
}

function* exprsOfText(text: TextIR): Generator<ExprIR> {
  for (const line of text.lines as readonly LineIR[]) {
    switch (line.type) {
      case "line": yield* exprsOfParts(line.parts); break;
      case "block": yield* exprTree(line.expr); break;
      case "when": yield* exprTree(line.cond); yield* exprsOfText(line.then); yield* exprsOfText(line.otherwise); break;
      case "with":
      case "range": yield* exprTree(line.expr); yield* exprsOfText(line.body); break;
      default: assertNever(line, "line");
    }
  }
}
