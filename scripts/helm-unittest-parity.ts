// Runs the helm-unittest runner over helm-unittest's own test data and compares every suite
// and test with the verdict the real plugin gives, as its Go tests state it: the cupaloy
// output snapshots in pkg/unittest/.snapshots/ of a helm-unittest checkout.
//
//   HELM_UNITTEST_CHECKOUT=/path/to/helm-unittest npx tsx scripts/helm-unittest-parity.ts [-v]
//
// The cases mirror pkg/unittest/test_runner_test.go (plugin 1.1.0): each names its output
// snapshot, the chart, the suite glob and the runner options that test sets. The data is
// copied to a temporary directory first so snapshots the runner writes never touch the checkout.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { helmBinaries } from "../helm/run.ts";
import { runChartTests, type SuiteResult } from "../unittest/index.ts";
import { suitePassed } from "../unittest/report.ts";

interface ParityCase {
  readonly snapshot: string;
  readonly chart: string;
  /** The Go test's TestFiles glob; none for a run of rendered suites alone. */
  readonly files?: string;
  readonly chartTestsPath?: string;
  readonly values?: readonly string[];
  /** The Go test's `WithSubChart`; a TestRunner literal leaves it false, unlike the CLI's default. */
  readonly withSubcharts?: boolean;
}

const CASES: readonly ParityCase[] = [
  { snapshot: "TestV3RunnerOkWithPassedTests", chart: "v3/basic", files: "tests/*_test.yaml" },
  { snapshot: "TestV3RunnerOkWithOverrideValuesPassedTests", chart: "v3/basic", files: "tests/*_test.yaml", values: ["services_values.yaml"] },
  { snapshot: "TestV3RunnerOkWithFailedTests", chart: "v3/basic", files: "tests_failed/*_test.yaml" },
  { snapshot: "TestV3RunnerOkWithSubSubfolder", chart: "v3/with-subfolder", files: "tests/*_test.yaml" },
  { snapshot: "TestV3RunnerWithTestsInSubchartButFlagFalse", chart: "v3/with-subchart", files: "tests/*_test.yaml" },
  { snapshot: "TestV3RunnerWithTestsInSubchart", chart: "v3/with-subchart", files: "tests/*_test.yaml", withSubcharts: true },
  { snapshot: "TestV3RunnerOkGlobalDoubleWithPassedTests", chart: "v3/global-double-setting", files: "tests/*_test.yaml" },
  { snapshot: "TestV3RunnerOkWithFiles", chart: "v3/with-files", files: "tests/*_test.yaml" },
  { snapshot: "TestV3RunnerOkWithFullsnapshot", chart: "v3/full-snapshot", files: "tests/*_test.yaml" },
  { snapshot: "TestV3RunnerOkWithDocumentSelector", chart: "v3/with-document-select", files: "tests/*_test.yaml" },
  { snapshot: "TestV3RunnerOkWithDocumentSelectorWithFailedTests", chart: "v3/with-document-select", files: "tests_failed/*_test.yaml" },
  { snapshot: "TestV3RunnerOkWithFakeK8sClient", chart: "v3/with-k8s-fake-client", files: "tests/*_test.yaml" },
  { snapshot: "TestV3RunnerOkWithPostRenderer", chart: "v3/with-post-renderer", files: "tests/*_test.yaml" },
  { snapshot: "TestV3RunnerOkWithSchemaValidation", chart: "v3/with-schema", files: "tests/*_test.yaml" },
  { snapshot: "TestV3RunnerOkWithSubSubChartsPassedTests", chart: "v3/with-subsubcharts", files: "tests/*_test.yaml", withSubcharts: true },
  { snapshot: "TestV3RunnerOkWithFailingTemplatePassedTest", chart: "v3/failing-template", files: "tests/*_test.yaml" },
  { snapshot: "TestV3RunnerOkWithRenderedTests", chart: "v3/with-helm-tests", chartTestsPath: "tests-chart" },
  { snapshot: "TestV3RunnerOkPackagedChart", chart: "v3/with-packaged-0.1.0.tgz", files: "../../test/data/external/tests/*.yaml", values: ["external/ns_values.yaml"] },
  { snapshot: "TestV3RunnerOkPackagedChartWithExternalUnittest", chart: "v3/with-subchart/charts/postgresql-0.8.3.tgz", files: "../../test/data/external/*.yaml" },
];

type Verdict = "PASS" | "FAIL" | "SKIP";

interface ExpectedSuite {
  readonly file: string;
  readonly name: string;
  readonly verdict: Verdict;
  readonly failed: Set<string>;
  readonly skipped: Set<string>;
}

interface ExpectedRun {
  readonly suites: ExpectedSuite[];
  readonly tests: number;
}

/** Reads the plugin's console output as its snapshot keeps it (suites sorted, time masked). */
function parsePluginOutput(text: string, chartPrefix: string): ExpectedRun {
  const suites: ExpectedSuite[] = [];
  let current: ExpectedSuite | undefined;
  for (const line of text.split("\n")) {
    const suite = /^ (PASS|FAIL|SKIP) {2}(.*)\t(.*)$/.exec(line);
    if (suite) {
      current = { verdict: suite[1] as Verdict, name: suite[2]!, file: relative(chartPrefix, suite[3]!), failed: new Set(), skipped: new Set() };
      suites.push(current);
      continue;
    }
    if (line.startsWith("Charts:")) current = undefined;
    const skipped = /^\t- SKIPPED '(.*)'$/.exec(line);
    if (current && skipped) current.skipped.add(skipped[1]!);
    else if (current && line.startsWith("\t- ")) current.failed.add(line.slice(3));
  }
  const tests = /^Tests:.* (\d+) total$/m.exec(text);
  return { suites, tests: tests ? Number(tests[1]) : 0 };
}

function runnerVerdict(suite: SuiteResult): Verdict {
  if (!suitePassed(suite)) return "FAIL";
  return suite.tests.length > 0 && suite.tests.every((test) => test.status === "skipped") ? "SKIP" : "PASS";
}

function expectedStatus(suite: ExpectedSuite, test: string): "passed" | "failed" | "skipped" {
  if (suite.skipped.has(test)) return "skipped";
  return suite.failed.has(test) ? "failed" : "passed";
}

interface CaseFigures {
  suites: number;
  suitesMatched: number;
  tests: number;
  testsMatched: number;
  mismatches: string[];
}

async function measureCase(checkout: string, parityCase: ParityCase): Promise<CaseFigures> {
  const data = mkdtempSync(join(tmpdir(), "helm-unittest-parity-"));
  try {
    cpSync(join(checkout, "test", "data"), data, { recursive: true });
    const chartDir = join(data, parityCase.chart);
    const expected = parsePluginOutput(
      readFileSync(join(checkout, "pkg", "unittest", ".snapshots", parityCase.snapshot), "utf8"),
      `../../test/data/${parityCase.chart}`,
    );
    const run = await runChartTests({
      chartDir,
      helm: helmBinaries()[0]!,
      suiteGlobs: parityCase.files === undefined ? [] : [parityCase.files],
      chartTestsPath: parityCase.chartTestsPath,
      valuesFiles: (parityCase.values ?? []).map((file) => join(data, file)),
      withSubcharts: parityCase.withSubcharts ?? false,
    });
    const remaining = [...run.suites];
    const figures: CaseFigures = { suites: expected.suites.length, suitesMatched: 0, tests: expected.tests, testsMatched: 0, mismatches: [] };
    for (const want of expected.suites) {
      const index = remaining.findIndex((suite) => suite.file === want.file && suite.name === want.name);
      if (index < 0) {
        figures.mismatches.push(`${want.file} "${want.name}": the runner has no such suite`);
        continue;
      }
      const [got] = remaining.splice(index, 1) as [SuiteResult];
      let allTests = true;
      for (const test of got.tests) {
        const status = expectedStatus(want, test.name);
        if (status === test.status) figures.testsMatched++;
        else {
          allTests = false;
          figures.mismatches.push(`${want.file} "${test.name}": plugin ${status}, runner ${test.status}${test.error ? ` (${test.error.split("\n")[0]})` : ""}`);
        }
      }
      const verdict = runnerVerdict(got);
      if (verdict === want.verdict && allTests && got.error === undefined) figures.suitesMatched++;
      else if (verdict !== want.verdict || got.error !== undefined) {
        figures.mismatches.push(`${want.file} "${want.name}": plugin ${want.verdict}, runner ${verdict}${got.error ? ` (${got.error.split("\n")[0]})` : ""}`);
      }
    }
    for (const extra of remaining) figures.mismatches.push(`${extra.file} "${extra.name}": the plugin has no such suite`);
    return figures;
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const checkout = process.env.HELM_UNITTEST_CHECKOUT;
  if (!checkout || !existsSync(join(checkout, "pkg", "unittest", ".snapshots"))) {
    process.stderr.write("set HELM_UNITTEST_CHECKOUT to a checkout of helm-unittest/helm-unittest (tag v1.1.0)\n");
    return 2;
  }
  const verbose = process.argv.includes("-v");
  const total = { suites: 0, suitesMatched: 0, tests: 0, testsMatched: 0 };
  for (const parityCase of CASES) {
    const figures = await measureCase(checkout, parityCase);
    process.stdout.write(`${parityCase.snapshot}: suites ${figures.suitesMatched}/${figures.suites}, tests ${figures.testsMatched}/${figures.tests}\n`);
    if (verbose) for (const line of figures.mismatches) process.stdout.write(`    ${line}\n`);
    total.suites += figures.suites;
    total.suitesMatched += figures.suitesMatched;
    total.tests += figures.tests;
    total.testsMatched += figures.testsMatched;
  }
  process.stdout.write(`\nplugin's verdict: ${total.suitesMatched} of ${total.suites} suites, ${total.testsMatched} of ${total.tests} tests\n`);
  return total.suitesMatched === total.suites && total.testsMatched === total.tests ? 0 : 1;
}

main().then((code) => process.exit(code));
