// A copy of the chart shaped the way helm-unittest shapes its in-memory chart before
// rendering, so the helm CLI renders what the plugin's engine would:
// - only the suite's templates (and partials) are kept, so another template's `fail`
//   cannot break this suite;
// - `chart.version` / `chart.appVersion` are written into Chart.yaml;
// - `.Release.Revision` becomes the test's revision (the CLI always renders revision 1;
//   helm-unittest defaults to 0);
// - `.Release.Name` becomes "RELEASE-NAME" when the test names no release: the plugin's
//   default (pkg/unittest/test_job.go:540-552, releaseV3Option), which the CLI refuses as a
//   release name, so Helm renders under a valid stand-in while every template computes
//   (`lower`, `trunc`, `sha256sum`) with the plugin's name;
// - each selected template gets a wrapper that renders it through `include` into one
//   JSON string. That keeps every template's output whole and in file order (the CLI
//   re-sorts documents by kind), and renders NOTES.txt, which `helm template` omits.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";
import { isMap, isSeq, parseDocument, Scalar } from "yaml";
import type { ChartSettings } from "../suite/model.ts";
import { isPartial, type ChartTemplates } from "./templates.ts";

export const WRAPPER_DIR = "zz-helm-unittest";
export const WRAPPER_KIND = "HelmUnittestRenderedTemplate";
const HELM_CLI_REVISION = 1;
export const PLUGIN_RELEASE_NAME = "RELEASE-NAME";

export interface ChartPreparation {
  /** Template keys to render (non-partial). */
  readonly selected: readonly string[];
  readonly chart: ChartSettings;
  readonly revision: number;
  /** The test names no release: templates see the plugin's RELEASE-NAME. */
  readonly defaultReleaseName: boolean;
  /** The test's API versions: the only ones `.Capabilities.APIVersions.Has` finds, as in the plugin. */
  readonly apiVersions: readonly string[];
}

export interface PreparedChart {
  readonly dir: string;
  /** Wrapper template key → the template it renders. */
  readonly wrapped: ReadonlyMap<string, string>;
  /**
   * The same chart without the wrappers, made on first use: a failed render is run again
   * there, so Helm blames the template and line its engine stops at, as the plugin's engine
   * does. Through a wrapper, Helm names the wrapper's `include` as the place of a `fail`
   * raised in a helper (pkg/engine/engine.go cleanupExecError takes the outermost location).
   */
  plainDir(): string;
}

export class ChartWorkspace {
  private readonly root = mkdtempSync(join(tmpdir(), "helm-unittest-"));
  private readonly prepared = new Map<string, PreparedChart>();

  constructor(
    private readonly sourceDir: string,
    private readonly templates: ChartTemplates,
  ) {}

  prepare(preparation: ChartPreparation): PreparedChart {
    const key = JSON.stringify([[...preparation.selected].sort(), preparation.chart.version, preparation.chart.appVersion, preparation.revision, preparation.defaultReleaseName, preparation.apiVersions]);
    let prepared = this.prepared.get(key);
    if (!prepared) {
      prepared = this.build(join(this.root, String(this.prepared.size)), preparation);
      this.prepared.set(key, prepared);
    }
    return prepared;
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }

  private build(dir: string, preparation: ChartPreparation): PreparedChart {
    cpSync(this.sourceDir, dir, { recursive: true, dereference: true, filter: (source) => !/[\\/]\.git$/.test(source) });
    const directSubcharts = [...this.templates.charts].filter(([key]) => key.split("/charts/").length === 2).map(([, relative]) => relative);
    overrideChartMetadata(dir, preparation.chart, [...new Set(directSubcharts)]);
    dropMissingDependencies(dir);
    const selected = new Set(preparation.selected);
    // Aliases of one subchart share its files: a file stays when any of its keys is selected.
    const kept = new Set([...this.templates.files].filter(([key]) => isPartial(key) || selected.has(key)).map(([, file]) => file));
    for (const file of new Set(this.templates.files.values())) if (!kept.has(file)) rmSync(join(dir, file), { force: true });
    const pins = new Map<string, string>();
    if (preparation.revision !== HELM_CLI_REVISION) pins.set("Release.Revision", `(${preparation.revision})`);
    if (preparation.defaultReleaseName) pins.set("Release.Name", `(${JSON.stringify(PLUGIN_RELEASE_NAME)})`);
    // helm-unittest 1.1.0 gives a test the API versions it lists and no others
    // (pkg/unittest/test_job.go:566-581, capabilitiesV3), where the CLI adds Helm's whole
    // built-in set: `Has` becomes sprig's `has` over the test's list, so `Has "apps/v1"` is
    // false unless the test lists it. Pipeline-first use only, as templates write it.
    pins.set("Capabilities.APIVersions.Has", `(list ${preparation.apiVersions.map((version) => JSON.stringify(version)).join(" ")}) | has`);
    for (const [key, file] of this.templates.files) if (selected.has(key) || isPartial(key)) pinRootFields(join(dir, file), pins);
    const wrapped = new Map<string, string>();
    const writeWrapper = (chartKey: string, name: string, content: string) => {
      const chartDir = this.templates.charts.get(chartKey)!;
      mkdirSync(join(dir, chartDir, "templates", WRAPPER_DIR), { recursive: true });
      writeFileSync(join(dir, chartDir, "templates", WRAPPER_DIR, name), content);
      return `${chartKey}/templates/${WRAPPER_DIR}/${name}`;
    };
    [...selected].sort().forEach((template, index) => {
      const chartKey = template.slice(0, template.lastIndexOf("/templates/"));
      // Every alias of a subchart renders the wrappers of its shared directory: only the
      // subchart the template is keyed under (its .Chart.Name) writes one.
      const subchart = chartKey.slice(chartKey.lastIndexOf("/") + 1);
      const content = [
        `{{- if eq .Chart.Name ${JSON.stringify(subchart)} }}`,
        `apiVersion: helm-unittest.local/v1`,
        `kind: ${WRAPPER_KIND}`,
        `template: ${JSON.stringify(template)}`,
        `raw: {{ include ${JSON.stringify(template)} . | toJson }}`,
        "{{- end }}",
        "",
      ].join("\n");
      wrapped.set(writeWrapper(chartKey, `${index}.yaml`, content), template);
    });
    // Always one document on success, so an empty selection still renders and checks values.
    writeWrapper(this.templates.chartName, "sentinel.yaml", `apiVersion: helm-unittest.local/v1\nkind: ${WRAPPER_KIND}\n`);
    let plain: string | undefined;
    const plainDir = () => {
      if (plain === undefined) {
        plain = `${dir}-plain`;
        cpSync(dir, plain, { recursive: true, filter: (source) => !source.endsWith(`${sep}${WRAPPER_DIR}`) });
      }
      return plain;
    };
    return { dir, wrapped, plainDir };
  }
}

/**
 * The test's chart version and appVersion, on the chart and on each of its direct subcharts,
 * as helm-unittest sets them on the loaded chart (pkg/unittest/test_job.go,
 * ModifyChartMetadata: targetChart and targetChart.Dependencies()). The plugin does so after
 * Helm matched the subcharts to Chart.yaml's dependencies; the CLI matches them when it
 * renders, against each dependency's version range (pkg/chartutil/dependencies.go,
 * getAliasDependency), so the dependencies' versions move with the subcharts'.
 */
function overrideChartMetadata(dir: string, chart: ChartSettings, subchartDirs: readonly string[]): void {
  if (chart.version === undefined && chart.appVersion === undefined) return;
  const quoted = (value: string) => Object.assign(new Scalar(value), { type: Scalar.QUOTE_DOUBLE });
  const rewrite = (chartDir: string, isRoot: boolean) => {
    const file = join(chartDir, "Chart.yaml");
    const document = parseDocument(readFileSync(file, "utf8"));
    if (chart.version !== undefined) document.set("version", quoted(chart.version));
    if (chart.appVersion !== undefined) document.set("appVersion", quoted(chart.appVersion));
    const dependencies = document.get("dependencies");
    if (isRoot && chart.version !== undefined && isSeq(dependencies)) {
      for (const dependency of dependencies.items) if (isMap(dependency)) dependency.set("version", quoted(chart.version));
    }
    writeFileSync(file, String(document));
  };
  rewrite(dir, true);
  for (const subchart of subchartDirs) rewrite(join(dir, subchart), false);
}

/**
 * `helm template` refuses a chart whose Chart.yaml lists a dependency missing from charts/
 * (pkg/cmd/template.go → action.CheckDependencies, "You may need to run `helm dependency
 * build`"); helm-unittest loads the chart and renders without it (Helm's
 * ProcessDependencies skips a dependency no loaded subchart matches). A suite run where the
 * subchart was never fetched — one disabled by a condition, say — renders as in the plugin.
 */
function dropMissingDependencies(dir: string): void {
  const file = join(dir, "Chart.yaml");
  const document = parseDocument(readFileSync(file, "utf8"));
  const dependencies = document.get("dependencies");
  if (!isSeq(dependencies)) return;
  const charts = join(dir, "charts");
  const loaded = new Set(
    existsSync(charts)
      ? readdirSync(charts, { withFileTypes: true })
          .filter((entry) => entry.isDirectory() && existsSync(join(charts, entry.name, "Chart.yaml")))
          .map((entry) => String((parseDocument(readFileSync(join(charts, entry.name, "Chart.yaml"), "utf8")).toJS() as { name?: unknown } | null)?.name ?? ""))
      : [],
  );
  const kept = dependencies.items.filter((item) => !isMap(item) || loaded.has(String(item.get("name"))));
  if (kept.length === dependencies.items.length) return;
  dependencies.items = kept;
  writeFileSync(file, String(document));
}

/**
 * `.<path>` of the root context (also `$.<path>` or `$root.<path>`) → its replacement, inside
 * template actions only: text outside `{{ }}` and comments stay as written.
 */
function pinRootFields(file: string, pins: ReadonlyMap<string, string>): void {
  if (!existsSync(file)) return;
  const text = readFileSync(file, "utf8");
  const paths = [...pins.keys()].map((path) => path.replaceAll(".", "\\.")).join("|");
  const fields = new RegExp(`(?<![\\w.)\\]])(\\$\\w*)?\\.(${paths})\\b`, "g");
  const pinned = text.replace(/\{\{(?!-?\s*\/\*)[\s\S]*?\}\}/g, (action) => action.replace(fields, (_, _root, path: string) => pins.get(path)!));
  if (pinned !== text) writeFileSync(file, pinned);
}
