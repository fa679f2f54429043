// A chart's template files and how suites name them. A template is keyed as Helm names
// it: "<chart>/templates/deployment.yaml", "<chart>/charts/<sub>/templates/x.yaml".
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, posix } from "node:path";
import { parse } from "yaml";

export interface ChartTemplates {
  readonly chartName: string;
  /** Keys of every template file, partials included, in a stable order. */
  readonly all: readonly string[];
  /** Each template key's file, relative to the chart directory. */
  readonly files: ReadonlyMap<string, string>;
  /** Each chart's key prefix ("<chart>", "<chart>/charts/<sub or alias>") and its directory, relative (aliases of one chart share it). */
  readonly charts: ReadonlyMap<string, string>;
  /** Files under each chart's crds/ ("<chart>/crds/x.yaml"), as Helm's CRDObjects() lists them: .yaml, .yml, .json. */
  readonly crds: ReadonlyMap<string, string>;
}

export function readChartName(chartDir: string): string {
  const chartFile = join(chartDir, "Chart.yaml");
  if (!existsSync(chartFile)) throw new Error(`${chartDir} is not a chart: Chart.yaml is missing`);
  const name = (parse(readFileSync(chartFile, "utf8")) as { name?: unknown } | null)?.name;
  if (typeof name !== "string" || name === "") throw new Error(`${chartFile} has no name`);
  return name;
}

export function listChartTemplates(chartDir: string): ChartTemplates {
  const chartName = readChartName(chartDir);
  const files = new Map<string, string>();
  const charts = new Map<string, string>();
  collectChart(chartDir, "", chartName, files, charts);
  const crds = new Map<string, string>();
  for (const [key, relative] of charts) {
    for (const file of walk(join(chartDir, relative, "crds"))) if (/\.(ya?ml|json)$/.test(file)) crds.set(`${key}/crds/${file}`, posix.join(relative, "crds", file));
  }
  return { chartName, all: [...files.keys()].sort(), files, charts, crds };
}

/**
 * Subcharts in charts/ (packed ones unpacked first: ./unpack.ts) are walked. A subchart
 * under an alias is named by it, and one chart listed twice under two aliases is two
 * subcharts sharing a directory, as Helm makes them (pkg/chartutil/dependencies.go,
 * getAliasDependency copies the chart with the alias as its name).
 */
function collectChart(root: string, relative: string, key: string, files: Map<string, string>, charts: Map<string, string>): void {
  const dir = join(root, relative);
  charts.set(key, relative);
  for (const file of walk(join(dir, "templates"))) files.set(`${key}/templates/${file}`, posix.join(relative, "templates", file));
  const subcharts = join(dir, "charts");
  if (!existsSync(subcharts)) return;
  const dependencies = readDependencies(dir);
  for (const entry of readdirSync(subcharts, { withFileTypes: true })) {
    if (entry.isDirectory() && existsSync(join(subcharts, entry.name, "Chart.yaml"))) {
      const name = readChartName(join(subcharts, entry.name));
      const listed = dependencies.filter((dependency) => dependency.name === name);
      const names = listed.length === 0 ? [name] : [...new Set(listed.map((dependency) => dependency.alias || name))];
      for (const subchart of names) collectChart(root, posix.join(relative, "charts", entry.name), `${key}/charts/${subchart}`, files, charts);
    }
  }
}

function readDependencies(chartDir: string): { name: string; alias?: string }[] {
  const metadata = parse(readFileSync(join(chartDir, "Chart.yaml"), "utf8")) as { dependencies?: unknown } | null;
  return Array.isArray(metadata?.dependencies)
    ? metadata.dependencies.filter((dependency): dependency is { name: string; alias?: string } => typeof (dependency as { name?: unknown } | null)?.name === "string")
    : [];
}

function walk(dir: string, prefix = ""): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}

/**
 * Partials (`_` prefix) are kept in every render, besides the suite's templates
 * (helm-unittest 1.1.0 pkg/unittest/deep_copy.go:213-218, filterV3Templates). A `.tpl` file
 * without the prefix is an ordinary template there: rendered only when the suite selects it.
 */
export function isPartial(key: string): boolean {
  return posix.basename(key).startsWith("_");
}

/** Files Helm renders as output: not `_`-prefixed (a `.tpl` without `_` is rendered too). */
export function isRenderedTemplate(key: string): boolean {
  return !posix.basename(key).startsWith("_");
}

/** Only these become documents helm-unittest can assert on; NOTES.txt-like text becomes `raw`. */
export function templateFormat(key: string): "yaml" | "text" | undefined {
  if (/\.(ya?ml|tpl)$/.test(key)) return "yaml";
  if (key.endsWith(".txt")) return "text";
  return undefined;
}

/**
 * A suite's name for templates ("deployment.yaml", "templates/web/*.yaml",
 * "charts/sub/templates/x.yaml", "crds/x.yaml") as a matcher of template keys. Like
 * helm-unittest (pkg/unittest/deep_copy.go:25-35, getTemplateFileName), a missing
 * "templates/" is added and `*` / `**` match any run of path characters.
 */
export function templateMatcher(chartName: string, reference: string): (key: string) => boolean {
  const normalised = /^(templates\/|charts\/|crds\/|\*\*)/.test(reference) ? reference : `templates/${reference}`;
  const full = `${chartName}/${normalised}`;
  if (!full.includes("*")) return (key) => key === full;
  const pattern = full
    .split(/(\*\*|\*)/)
    .map((part) => (part === "**" ? "[0-9a-zA-Z_\\-/.]+" : part === "*" ? "[0-9a-zA-Z_\\-/.]*" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  const regex = new RegExp(`^${pattern}$`);
  return (key) => regex.test(key);
}

/** The exact key a non-wildcard reference names, for "not exists or not selected" messages. */
export function templateKey(chartName: string, reference: string): string {
  return /^(templates\/|charts\/|crds\/)/.test(reference) ? `${chartName}/${reference}` : `${chartName}/templates/${reference}`;
}
