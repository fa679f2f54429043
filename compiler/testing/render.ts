// Rendering a compiled chart two ways, for the differential tests: with a real Helm
// binary, and by evaluating the same definitions in TypeScript.
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { isScalar, parseDocument, visit } from "yaml";
import type { ChartDefinition } from "../chart/define.ts";
import type { CompiledChart } from "../chart/compile.ts";
import { coalesceValues } from "../evaluate/index.ts";
import { evaluateTemplate, RenderError, type RenderContext } from "../evaluate/index.ts";
import { defaultValues } from "../values/index.ts";
import { runHelm, type HelmBinary } from "../../helm/index.ts";
import { runHelmTemplate } from "./helm-render-cache.ts";

export interface RenderOptions {
  readonly releaseName: string;
  readonly namespace: string;
  readonly kubeVersion: string;
  readonly apiVersions: readonly string[];
  /**
   * Integers in the documents as bigint and floats as number, on both sides, so that a
   * comparison also checks how numbers were printed (2000000, not 2e+06).
   */
  readonly printedNumbers?: boolean;
}

export const DEFAULT_RENDER: RenderOptions = { releaseName: "gw", namespace: "istio-ingress", kubeVersion: "v1.31.0", apiVersions: [] };

/** Template file name → its documents, parsed; sorted by file name so comparisons ignore Helm's install order. */
export type Rendered = Record<string, unknown[]>;

export type RenderOutcome = { readonly ok: true; readonly rendered: Rendered } | { readonly ok: false; readonly error: string };

export function writeChart(compiled: CompiledChart, dir = mkdtempSync(join(tmpdir(), "chart-"))): string {
  rmSync(dir, { recursive: true, force: true });
  for (const [path, content] of compiled.files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/**
 * Parses `helm template` output. YAML 1.2 core schema: the emitter quotes every string YAML
 * 1.1 would read otherwise, and the yaml library's 1.1 mode takes keys like `e0` for floats.
 */
export function parseHelmOutput(output: string, parseOptions: { readonly integersAsBigInt?: boolean } = {}): Rendered {
  const rendered = new Map<string, unknown[]>();
  for (const chunk of output.split(/^---\s*$/m)) {
    const source = /^# Source: [^/]+\/templates\/(\S+)$/m.exec(chunk);
    if (!source) continue;
    const parsed = parseDocument(chunk, { intAsBigInt: parseOptions.integersAsBigInt ?? false, uniqueKeys: true });
    if (parsed.errors.length > 0) throw parsed.errors[0]!;
    if (parseOptions.integersAsBigInt) markYaml11Booleans(parsed);
    const document = parsed.toJS() as unknown;
    if (document === null || document === undefined) continue;
    const list = rendered.get(source[1]!) ?? [];
    list.push(document);
    rendered.set(source[1]!, list);
  }
  return sortedByFile(rendered);
}

/**
 * Kubernetes reads YAML 1.1, where a plain on/off/yes/no/y/n is a boolean; the 1.2 parser
 * here reads a string. A plain one in a value is marked so that the comparison fails on it.
 */
function markYaml11Booleans(document: ReturnType<typeof parseDocument>): void {
  visit(document, {
    Pair(_, pair) {
      const value = pair.value;
      if (isScalar(value) && value.type === "PLAIN" && typeof value.value === "string" && /^(y|n|yes|no|on|off)$/i.test(value.value)) {
        value.value = `unquoted YAML 1.1 boolean: ${value.value}`;
      }
    },
  });
}

/**
 * Charts whose definition is known, by directory (see `renderAsHelmWould`). Filled by
 * `writeDefinedChart`; charts written from files alone are never substituted.
 */
const definedCharts = new Map<string, { readonly definition: ChartDefinition; readonly compiled: CompiledChart }>();

/** Writes a compiled chart and remembers its definition, so that the mutation run of resources/ can render it in TypeScript. */
export function writeDefinedChart(definition: ChartDefinition, compiled: CompiledChart): string {
  const dir = writeChart(compiled);
  definedCharts.set(dir, { definition, compiled });
  return dir;
}

/**
 * The mutation run of resources/ (vitest.mutation.config.ts) sets HELM_RENDER_BY=typescript:
 * each of its mutants changes the chart, so Helm's renders cannot be reused, and the chart
 * tests would run Helm hundreds of times per mutant. The differential property
 * (test/differential.test.ts, not part of that run) is what makes the TypeScript evaluation a
 * stand-in for `helm template` on valid values. `npm test` never sets it.
 */
function substituteRender(chartDir: string, values: unknown, options: RenderOptions): RenderOutcome | undefined {
  if (process.env["HELM_RENDER_BY"] !== "typescript") return undefined;
  const chart = definedCharts.get(chartDir);
  if (!chart) return undefined;
  const given = values as Record<string, unknown>;
  // values.schema.json refusals are Helm's to word: values the zod schema refuses go to Helm.
  // They are checked as given, not coalesced: a null deletes a default there (and fails
  // Helm's `required`), where zod would fill the default in again.
  if (!chart.definition.values.safeParse(given).success) return undefined;
  return renderWithTypescript(chart.definition, chart.compiled, given, options);
}

/**
 * A values file for `helm -f`, in a directory of its own. JSON is YAML that Helm reads exactly:
 * the yaml library's plain scalars are sometimes read differently by Go's YAML parsers (and
 * it leaves strings unquoted in objects without a prototype, which fast-check generates).
 * Exactly only once every character past ASCII is escaped: go-yaml reads YAML 1.1, where a raw
 * U+0085 inside a quoted string is a line break and folds to a space (yaml_parser_scan_flow_scalar
 * takes is_break, which counts NEL, LS and PS), so the values Helm rendered were not the values
 * the TypeScript side was given. JSON's \uD83D\uDE00 surrogate pairs are refused by go-yaml's
 * escape decoder ("found invalid Unicode character escape code"), so astral characters use
 * YAML's own \U escape.
 */
export function writeValuesFile(values: unknown): { readonly valuesFile: string; readonly valuesText: string } {
  const valuesFile = join(mkdtempSync(join(tmpdir(), "values-")), "values.yaml");
  const valuesText = escapePastAscii(JSON.stringify(values));
  // The newline is not decoration: Helm 4 drops a last line without one that ends exactly at a
  // 4096-byte boundary (test/compiler/helm-values-file.test.ts), here the whole document.
  writeFileSync(valuesFile, `${valuesText}\n`);
  return { valuesFile, valuesText };
}

function escapePastAscii(json: string): string {
  return json.replace(/[^\x00-\x7e]/gu, (character) => {
    const codePoint = character.codePointAt(0)!;
    return codePoint > 0xffff ? `\\U${codePoint.toString(16).padStart(8, "0")}` : `\\u${codePoint.toString(16).padStart(4, "0")}`;
  });
}

export async function renderWithHelm(helm: HelmBinary, chartDir: string, values: unknown, options: RenderOptions = DEFAULT_RENDER): Promise<RenderOutcome> {
  const substitute = substituteRender(chartDir, values, options);
  if (substitute) return substitute;
  const { valuesFile, valuesText } = writeValuesFile(values);
  const args = ["template", options.releaseName, chartDir, "--namespace", options.namespace, "--kube-version", options.kubeVersion, "-f", valuesFile];
  for (const apiVersion of options.apiVersions) args.push("--api-versions", apiVersion);
  const result = await runHelmTemplate(helm, args, chartDir, valuesFile, valuesText);
  rmSync(dirname(valuesFile), { recursive: true, force: true });
  if (result.status !== 0) return { ok: false, error: result.stderr };
  // A key written twice in one mapping fails the parse: the compiler omits the chart's own keys
  // from a user's spread (dsl/nodes.ts, omitChartKeysFromSpreads), and the differential
  // test's colliding keys check that it does.
  return { ok: true, rendered: parseHelmOutput(result.stdout, { integersAsBigInt: options.printedNumbers ?? false }) };
}

/**
 * NOTES.txt as Helm prints it after `helm install --dry-run=client`: `helm template` omits
 * it. Helm 4 only: Helm 3.17's install still dials the cluster with --dry-run=client. Under
 * HELM_RENDER_BY=typescript the evaluator renders it, as it does the documents.
 */
export async function renderNotes(helm4: HelmBinary, chartDir: string, values: unknown, options: RenderOptions = DEFAULT_RENDER): Promise<string> {
  const chart = process.env["HELM_RENDER_BY"] === "typescript" ? definedCharts.get(chartDir) : undefined;
  if (chart) return notesWithTypescript(chart.definition, chart.compiled, values as Record<string, unknown>, options);
  const { valuesFile } = writeValuesFile(values);
  const result = await runHelm(helm4, ["install", options.releaseName, chartDir, "--namespace", options.namespace, "--dry-run=client", "-f", valuesFile]);
  rmSync(dirname(valuesFile), { recursive: true, force: true });
  if (result.status !== 0) throw new Error(result.stderr);
  const start = result.stdout.lastIndexOf("\nNOTES:\n");
  if (start < 0) throw new Error(`helm install --dry-run=client printed no NOTES:\n${result.stdout}`);
  return result.stdout.slice(start + "\nNOTES:\n".length);
}

/** NOTES.txt by the evaluator, for the differential check beside Helm's. */
export function notesWithTypescript(definition: ChartDefinition, compiled: CompiledChart, values: Record<string, unknown>, options: RenderOptions = DEFAULT_RENDER): string {
  const notes = compiled.templates.get("NOTES.txt");
  if (!notes) throw new Error("the chart has no NOTES.txt");
  const outcome = renderWithTypescript(definition, compiled, values, options);
  if (!outcome.ok) throw new Error(outcome.error);
  return String(evaluateTemplate(notes, renderContext(definition, compiled, values, options))[0] ?? "");
}

/** helm template's documents by file, or an Error with Helm's message: for tests that expect a render to work. */
export async function renderOrThrow(helm: HelmBinary, chartDir: string, values: unknown, options: RenderOptions = DEFAULT_RENDER): Promise<Rendered> {
  const outcome = await renderWithHelm(helm, chartDir, values, options);
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome.rendered;
}

export function renderWithTypescript(definition: ChartDefinition, compiled: CompiledChart, values: Record<string, unknown>, options: RenderOptions = DEFAULT_RENDER): RenderOutcome {
  const context = renderContext(definition, compiled, values, options);
  const rendered = new Map<string, unknown[]>();
  try {
    for (const [fileName, template] of inHelmRenderOrder(compiled.templates)) {
      if (template.format === "text") continue; // helm template does not print NOTES.txt
      const documents = evaluateTemplate(template, context);
      if (documents.length > 0) rendered.set(fileName, documents);
    }
  } catch (error) {
    if (error instanceof RenderError) return { ok: false, error: error.message };
    throw error;
  }
  return { ok: true, rendered: sortedByFile(rendered) };
}

function renderContext(definition: ChartDefinition, compiled: CompiledChart, values: Record<string, unknown>, options: RenderOptions): RenderContext {
  return {
    values: coalesceValues(defaultValues(definition.values), values),
    release: { name: options.releaseName, namespace: options.namespace, service: "Helm", isInstall: true, isUpgrade: false },
    chart: { name: definition.metadata.name, version: definition.metadata.version, appVersion: definition.metadata.appVersion },
    capabilities: { kubeVersion: options.kubeVersion, apiVersions: options.apiVersions },
    templates: compiled.templates,
    printedNumbers: options.printedNumbers ?? false,
  };
}

/**
 * Helm executes templates deepest path first, then in reverse lexical order, and stops at
 * the first failure (helm/helm pkg/engine/engine.go, sortTemplates and byPathLen): when two
 * checks fail, the one Helm reports is the first in this order.
 */
function inHelmRenderOrder<T>(templates: ReadonlyMap<string, T>): [string, T][] {
  const depth = (fileName: string) => fileName.split("/").length;
  return [...templates].sort(([a], [b]) => depth(b) - depth(a) || (a < b ? 1 : a > b ? -1 : 0));
}

function sortedByFile(rendered: ReadonlyMap<string, unknown[]>): Rendered {
  return Object.fromEntries([...rendered].sort(([a], [b]) => a.localeCompare(b)));
}
