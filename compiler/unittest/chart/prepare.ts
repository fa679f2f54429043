// A copy of the chart shaped the way helm-unittest shapes its in-memory chart before
// rendering, so the helm CLI renders what the plugin's engine would:
// - only the suite's templates (and partials) are kept, so another template's `fail`
//   cannot break this suite;
// - `chart.version` / `chart.appVersion` are written into Chart.yaml;
// - `.Release.Revision` becomes the test's revision (the CLI always renders revision 1;
//   helm-unittest defaults to 0);
// - each selected template gets a wrapper that renders it through `include` into one
//   JSON string. That keeps every template's output whole and in file order (the CLI
//   re-sorts documents by kind), and renders NOTES.txt, which `helm template` omits.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, posix } from "node:path";
import { parseDocument, Scalar } from "yaml";
import type { ChartSettings } from "../suite/model.ts";
import { isPartial, type ChartTemplates } from "./templates.ts";

export const WRAPPER_DIR = "zz-helm-unittest";
export const WRAPPER_KIND = "HelmUnittestRenderedTemplate";
const HELM_CLI_REVISION = 1;

export interface ChartPreparation {
  /** Template keys to render (non-partial). */
  readonly selected: readonly string[];
  readonly chart: ChartSettings;
  readonly revision: number;
}

export interface PreparedChart {
  readonly dir: string;
  /** --show-only arguments: the wrappers, relative to the chart directory. */
  readonly showOnly: readonly string[];
  /** Wrapper template key → the template it renders. */
  readonly wrapped: ReadonlyMap<string, string>;
}

export class ChartWorkspace {
  private readonly root = mkdtempSync(join(tmpdir(), "helm-unittest-"));
  private readonly prepared = new Map<string, PreparedChart>();

  constructor(
    private readonly sourceDir: string,
    private readonly templates: ChartTemplates,
  ) {}

  prepare(preparation: ChartPreparation): PreparedChart {
    const key = JSON.stringify([[...preparation.selected].sort(), preparation.chart.version, preparation.chart.appVersion, preparation.revision]);
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
    overrideChartMetadata(dir, preparation.chart);
    const selected = new Set(preparation.selected);
    for (const [key, file] of this.templates.files) {
      if (!isPartial(key) && !selected.has(key)) rmSync(join(dir, file));
    }
    if (preparation.revision !== HELM_CLI_REVISION) {
      for (const [key, file] of this.templates.files) if (selected.has(key) || isPartial(key)) pinRevision(join(dir, file), preparation.revision);
    }
    const showOnly: string[] = [];
    const wrapped = new Map<string, string>();
    const writeWrapper = (chartKey: string, name: string, content: string) => {
      const chartDir = this.templates.charts.get(chartKey)!;
      const relative = posix.join(chartDir, "templates", WRAPPER_DIR, name);
      mkdirSync(join(dir, chartDir, "templates", WRAPPER_DIR), { recursive: true });
      writeFileSync(join(dir, relative), content);
      showOnly.push(relative);
      return `${chartKey}/templates/${WRAPPER_DIR}/${name}`;
    };
    [...selected].sort().forEach((template, index) => {
      const chartKey = template.slice(0, template.lastIndexOf("/templates/"));
      const content = [
        `apiVersion: helm-unittest.local/v1`,
        `kind: ${WRAPPER_KIND}`,
        `template: ${JSON.stringify(template)}`,
        `raw: {{ include ${JSON.stringify(template)} . | toJson }}`,
        "",
      ].join("\n");
      wrapped.set(writeWrapper(chartKey, `${index}.yaml`, content), template);
    });
    // Always one document on success, so an empty selection still renders and checks values.
    writeWrapper(this.templates.chartName, "sentinel.yaml", `apiVersion: helm-unittest.local/v1\nkind: ${WRAPPER_KIND}\n`);
    return { dir, showOnly, wrapped };
  }
}

function overrideChartMetadata(dir: string, chart: ChartSettings): void {
  if (chart.version === undefined && chart.appVersion === undefined) return;
  const file = join(dir, "Chart.yaml");
  const document = parseDocument(readFileSync(file, "utf8"));
  const quoted = (value: string) => Object.assign(new Scalar(value), { type: Scalar.QUOTE_DOUBLE });
  if (chart.version !== undefined) document.set("version", quoted(chart.version));
  if (chart.appVersion !== undefined) document.set("appVersion", quoted(chart.appVersion));
  writeFileSync(file, String(document));
}

/** `.Release.Revision` (also as `$.Release.Revision` or `$root.Release.Revision`) → the number. */
function pinRevision(file: string, revision: number): void {
  if (!existsSync(file)) return;
  const text = readFileSync(file, "utf8");
  const pinned = text.replace(/(?<![\w.)\]])(\$\w*)?\.Release\.Revision\b/g, `(${revision})`);
  if (pinned !== text) writeFileSync(file, pinned);
}
