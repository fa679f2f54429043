// Fixture charts and lookups shared by the helm-unittest runner's tests.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { HelmBinary } from "../../helm/run.ts";
import { runChartTests, type ChartRunResult, type TestResult } from "../../unittest/index.ts";

export const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));

export function fixture(name: string): string {
  return join(FIXTURES, name);
}

export function runFixture(helm: HelmBinary, chart: string, suiteGlobs?: string[], updateSnapshots = false): Promise<ChartRunResult> {
  return runChartTests({ chartDir: chart.startsWith("/") ? chart : fixture(chart), helm, suiteGlobs, updateSnapshots });
}

export function findTest(run: ChartRunResult, file: string, name: string): TestResult {
  const suite = run.suites.find((candidate) => candidate.file === file);
  if (!suite) throw new Error(`no suite ${file}; have ${run.suites.map((s) => s.file).join(", ")}`);
  const test = suite.tests.find((candidate) => candidate.name === name);
  if (!test) throw new Error(`no test ${JSON.stringify(name)} in ${file}`);
  return test;
}

/** The failure text of a test: its error, or every failed assertion's lines. */
export function failureText(test: TestResult): string {
  return [test.error ?? "", ...test.assertions.filter((a) => !a.passed).flatMap((a) => [`${a.type}${a.not ? " NOT" : ""}`, ...a.info])].join("\n");
}

/** Every test of a run as [name, status, failure text]: what the fixture tests compare whole. */
export function testOutcomes(run: ChartRunResult): string[][] {
  return run.suites.flatMap((suite) => suite.tests.map((test) => [test.name, test.status, failureText(test).trim()]));
}

/** A scratch copy of a fixture chart, removed by the returned function. */
export function copyFixture(name: string): { dir: string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), "unittest-fixture-"));
  const dir = join(root, name);
  cpSync(fixture(name), dir, { recursive: true });
  return { dir, remove: () => rmSync(root, { recursive: true, force: true }) };
}
