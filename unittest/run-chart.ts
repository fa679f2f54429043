// Running every suite of a chart with one Helm binary: the entry point the CLI and tests use.
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import type { HelmBinary } from "../helm/index.ts";
import { ChartWorkspace } from "./chart/prepare.ts";
import { isRenderedTemplate, listChartTemplates, templateMatcher, type ChartTemplates } from "./chart/templates.ts";
import { unpackChartArchive, unpackSubcharts } from "./chart/unpack.ts";
import { renderSuiteChart } from "./chart/rendered-suites.ts";
import { subchartSuites } from "./chart/subcharts.ts";
import { expandGlobs } from "./glob.ts";
import { FakeKubernetesApi } from "./kubernetes/fake-api-server.ts";
import { RenderCache } from "./render.ts";
import { evaluateTest, startRender, type SuiteContext, type TestResult } from "./run-test.ts";
import { SnapshotFile, SnapshotFileError, snapshotPath, type SnapshotCounts } from "./snapshot.ts";
import { loadSuites, loadSuitesFromText } from "./suite/load.ts";
import { SuiteError, type Suite } from "./suite/model.ts";

export const DEFAULT_SUITE_GLOBS = ["tests/*_test.yaml"];

export interface RunOptions {
  readonly chartDir: string;
  readonly helm: HelmBinary;
  /** Globs of suite files relative to the chart (`-f`); default tests/*_test.yaml. */
  readonly suiteGlobs?: readonly string[];
  /** `-u`: rewrite snapshots that changed and drop obsolete ones. */
  readonly updateSnapshots?: boolean;
  /** `-v`: values files every test reads after its suite's own. */
  readonly valuesFiles?: readonly string[];
  /** `-q`: stop at the first failed test, as the plugin's --failfast does. */
  readonly failFast?: boolean;
  /** `--skip-schema-validation`: render without values.schema.json checks. */
  readonly skipSchemaValidation?: boolean;
  /** `-s/--with-subchart` (default true, as in the plugin): also run the suites of enabled subcharts. */
  readonly withSubcharts?: boolean;
  /** `--chart-tests-path`: a chart, relative to each chart, whose templates render suites. */
  readonly chartTestsPath?: string;
}

export interface SuiteResult {
  /** The suite file, relative to the chart. */
  readonly file: string;
  readonly name: string;
  /** The suite could not be read; its tests did not run. */
  readonly error?: string;
  readonly tests: readonly TestResult[];
}

export interface SnapshotFileResult extends SnapshotCounts {
  readonly file: string;
  readonly written: boolean;
}

export interface ChartRunResult {
  readonly helm: HelmBinary;
  readonly chartName: string;
  readonly chartDir: string;
  readonly suites: readonly SuiteResult[];
  readonly snapshots: readonly SnapshotFileResult[];
  /** Distinct `helm template` runs; tests with identical inputs share one. */
  readonly helmRuns: number;
  readonly durationMs: number;
}

export async function runChartTests(options: RunOptions): Promise<ChartRunResult> {
  const started = Date.now();
  const input = resolve(options.chartDir);
  // A packaged chart is tested from its unpacked copy; its suites are found beside the archive.
  const packaged = statSync(input).isFile() ? unpackChartArchive(input) : undefined;
  const chartDir = packaged?.dir ?? input;
  // Suites and snapshots stay in the chart; templates are listed and rendered from a copy
  // with its packed subcharts unpacked.
  const unpacked = unpackSubcharts(chartDir);
  const templates = listChartTemplates(unpacked.dir);
  const workspace = new ChartWorkspace(unpacked.dir, templates);
  const renders = new RenderCache(options.helm, { skipSchemaValidation: options.skipSchemaValidation ?? false });
  const kubernetes = new FakeKubernetesApi();
  try {
    const globs = options.suiteGlobs ?? DEFAULT_SUITE_GLOBS;
    const charts = [{ dir: input, route: templates.chartName }];
    if (packaged === undefined && (options.withSubcharts ?? true)) charts.push(...subchartSuites(chartDir, templates.chartName, options.valuesFiles ?? []));
    const base = packaged === undefined ? input : dirname(input);
    const valuesFiles = (options.valuesFiles ?? []).map((file) => resolve(file));
    const update = options.updateSnapshots ?? false;
    const crds = new Map([...templates.crds].map(([key, file]) => [key, readFileSync(join(unpacked.dir, file), "utf8")]));
    const loaded: LoadedFile[] = [];
    for (const { dir, route } of charts) {
      const chart = { route, templates, crds, workspace, renders, kubernetes };
      for (const absolute of suiteFiles(dir, globs, packaged !== undefined)) {
        loaded.push(...loadSuiteFile(base, absolute, chart, update, () => loadSuites(absolute, relative(base, absolute), valuesFiles)));
      }
      if (options.chartTestsPath === undefined || packaged !== undefined) continue;
      const testsDir = join(dir, options.chartTestsPath);
      const rendered = await renderSuiteChart(options.helm, testsDir);
      if (rendered === undefined) continue;
      if ("error" in rendered) {
        loaded.push({ display: relative(base, testsDir), contexts: [], error: rendered.error });
        continue;
      }
      for (const { file, text } of rendered.files) {
        loaded.push(...loadSuiteFile(base, file, chart, update, () => loadSuitesFromText(text, file, relative(base, file), valuesFiles, true)));
      }
    }
    // Start every render before evaluating any test, so Helm runs in parallel.
    const pending = loaded.map((file) => file.contexts.map((context) => context.suite.tests.map((test) => startRender(context, test))));
    const suites: SuiteResult[] = [];
    const snapshots: SnapshotFileResult[] = [];
    let stopped = false;
    for (const [fileIndex, file] of loaded.entries()) {
      if (stopped) break;
      if (file.error !== undefined) {
        suites.push({ file: file.display, name: "", error: file.error, tests: [] });
        stopped = options.failFast ?? false;
        continue;
      }
      for (const [suiteIndex, context] of file.contexts.entries()) {
        if (stopped) break;
        const tests: TestResult[] = [];
        for (const [testIndex, test] of context.suite.tests.entries()) {
          const result = await evaluateTest(context, test, pending[fileIndex]![suiteIndex]![testIndex]!, file.snapshots!);
          tests.push(result);
          if (result.status === "failed" && options.failFast) {
            stopped = true;
            break;
          }
        }
        suites.push({ file: file.display, name: context.suite.name, tests });
      }
      const written = file.snapshots!.store();
      snapshots.push({ file: relative(base, file.snapshots!.path), written, ...file.snapshots!.counts() });
    }
    const durationMs = Date.now() - started;
    return { helm: options.helm, chartName: templates.chartName, chartDir: input, suites, snapshots, helmRuns: renders.helmRuns, durationMs };
  } finally {
    await kubernetes.close();
    workspace.dispose();
    unpacked.dispose();
    packaged?.dispose();
  }
}

/**
 * Suite files matching the globs under a chart directory. For a packaged chart the plugin
 * joins each glob to the archive's path as if it were a directory (pkg/unittest/files.go:50-67,
 * filepath.Join then Glob): `../tests/*.yaml` beside the archive matches, a path inside it never does.
 */
function suiteFiles(dir: string, globs: readonly string[], packaged: boolean): string[] {
  if (!packaged) return expandGlobs(dir, globs).map((file) => resolve(dir, file));
  return globs.flatMap((glob) => {
    const joined = join(dir, glob);
    if (joined.startsWith(`${dir}${sep}`)) return [];
    const segments = joined.split(sep);
    const firstPattern = segments.findIndex((segment) => /[*?[]/.test(segment));
    if (firstPattern < 0) return existsSync(joined) ? [joined] : [];
    const root = segments.slice(0, firstPattern).join(sep) || sep;
    return existsSync(root) ? expandGlobs(root, [segments.slice(firstPattern).join("/")]).map((file) => join(root, file)) : [];
  });
}

interface LoadedFile {
  readonly display: string;
  readonly contexts: readonly SuiteContext[];
  readonly snapshots?: SnapshotFile;
  readonly error?: string;
}

interface SuiteChart {
  /** Where the suite's templates are in Helm's output: the chart's name, or a subchart's route under it. */
  readonly route: string;
  readonly templates: ChartTemplates;
  /** The chart's crds/ files by key, read once. */
  readonly crds: ReadonlyMap<string, string>;
  readonly workspace: ChartWorkspace;
  readonly renders: RenderCache;
  readonly kubernetes: FakeKubernetesApi;
}

/**
 * A suite file's suites, grouped by the snapshot file each writes: `<file>.snap`, or
 * `<file>_<snapshotId>.snap` for a suite with an id (pkg/unittest/test_suite.go:481-487).
 */
function loadSuiteFile(chartDir: string, absolute: string, chart: SuiteChart, update: boolean, load: () => Suite[]): LoadedFile[] {
  const display = relative(chartDir, absolute);
  try {
    const groups = new Map<string, SuiteContext[]>();
    for (const suite of load()) {
      const path = snapshotPath(suite.snapshotId === undefined ? absolute : `${absolute}_${suite.snapshotId}`);
      const crds = suite.includeCrds ? chart.crds : new Map<string, string>();
      const context = { suite, route: chart.route, rendered: renderedTemplates(suite, chart), crds, workspace: chart.workspace, renders: chart.renders, kubernetes: chart.kubernetes };
      groups.set(path, [...(groups.get(path) ?? []), context]);
    }
    return [...groups].map(([path, contexts]) => ({ display, contexts, snapshots: new SnapshotFile(path, update) }));
  } catch (error) {
    if (error instanceof SuiteError || error instanceof SnapshotFileError) return [{ display, contexts: [], error: error.message }];
    throw error;
  }
}

/** The suite's `templates` (all templates when absent) less `excludeTemplates`, partials aside. */
function renderedTemplates(suite: Suite, { templates, route }: SuiteChart): string[] {
  const candidates = templates.all.filter(isRenderedTemplate);
  const included = suite.templates.length === 0 ? candidates : candidates.filter((key) => suite.templates.some((ref) => templateMatcher(route, ref)(key)));
  return included.filter((key) => !suite.excludeTemplates.some((ref) => templateMatcher(route, ref)(key)));
}

export function countTests(results: readonly ChartRunResult[]): { passed: number; failed: number; skipped: number } {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const result of results) {
    for (const suite of result.suites) {
      // A suite that could not be read counts as one failed test: its tests never ran.
      if (suite.error !== undefined) counts.failed++;
      for (const test of suite.tests) counts[test.status]++;
    }
  }
  return counts;
}
