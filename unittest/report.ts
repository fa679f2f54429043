// The console report, laid out like helm-unittest's: a chart header, PASS/FAIL per suite
// with its file, then (unlike the plugin, which lists only failures) every test, failed
// assertions with their details, a summary, and the closing "N passed, N failed" line.
import type { AssertionResult } from "./assert.ts";
import { countTests, type ChartRunResult, type SuiteResult } from "./run-chart.ts";
import type { TestResult } from "./run-test.ts";

export function formatChartRun(run: ChartRunResult): string {
  const lines = ["", `### Chart [ ${run.chartName} ] ${run.chartDir}   (${run.helm.label})`, ""];
  for (const suite of run.suites) lines.push(...formatSuite(suite));
  lines.push(...formatSnapshotFiles(run), ...formatSummary(run), "");
  return lines.join("\n");
}

/** The last line of a run: tests over all charts and Helm binaries. */
export function formatClosingLine(runs: readonly ChartRunResult[]): string {
  const { passed, failed } = countTests(runs);
  return `${passed} passed, ${failed} failed`;
}

export function suitePassed(suite: SuiteResult): boolean {
  return suite.error === undefined && suite.tests.every((test) => test.status !== "failed");
}

function formatSuite(suite: SuiteResult): string[] {
  const label = suite.error !== undefined || !suitePassed(suite) ? " FAIL " : suite.tests.every((t) => t.status === "skipped") && suite.tests.length > 0 ? " SKIP " : " PASS ";
  const lines = [`${label} ${suite.name}\t${suite.file}`];
  if (suite.error !== undefined) {
    lines.push("\t- Execution Error:", ...indent(suite.error, 2), "");
    return lines;
  }
  for (const test of suite.tests) lines.push(...formatTest(test));
  return lines;
}

function formatTest(test: TestResult): string[] {
  if (test.status === "skipped") return [`\t SKIP  ${test.name}${test.skipReason ? ` (${test.skipReason})` : ""}`];
  if (test.status === "passed") return [`\t PASS  ${test.name}`];
  const lines = [`\t FAIL  ${test.name}`];
  if (test.error !== undefined) return [...lines, "\t\tError:", ...indent(test.error, 3), ""];
  for (const assertion of test.assertions) if (!assertion.passed) lines.push(...formatAssertion(assertion));
  return lines;
}

function formatAssertion(assertion: AssertionResult): string[] {
  const title = `\t\t- asserts[${assertion.index}]${assertion.not ? " NOT" : ""} \`${assertion.type}\` fail`;
  return [title, ...assertion.info.map((line) => `\t\t\t${line}`), ""];
}

function formatSnapshotFiles(run: ChartRunResult): string[] {
  const lines: string[] = [];
  for (const file of run.snapshots) {
    if (file.written) lines.push(`Snapshot file written: ${file.file}`);
    for (const obsolete of file.obsolete) {
      lines.push(`Obsolete snapshot: ${file.file}: ${JSON.stringify(obsolete.test)} #${obsolete.index} (no test makes it any more; removed)`);
    }
  }
  const failed = run.snapshots.reduce((sum, file) => sum + file.failed, 0);
  if (failed > 0) {
    const files = run.snapshots.filter((file) => file.failed > 0).length;
    lines.push("", `Snapshot Summary: ${failed} snapshot failed in ${files} test suite. Check changes and use \`-u\` to update snapshot.`);
  }
  return lines;
}

function formatSummary(run: ChartRunResult): string[] {
  const suites = { passed: 0, failed: 0, skipped: 0 };
  for (const suite of run.suites) {
    if (!suitePassed(suite)) suites.failed++;
    else if (suite.tests.length > 0 && suite.tests.every((test) => test.status === "skipped")) suites.skipped++;
    else suites.passed++;
  }
  const tests = countTests([run]);
  // The plugin counts a test that could not run (values, render, a broken test) as errored too.
  const errored = run.suites.reduce((sum, suite) => sum + (suite.error !== undefined ? 1 : 0) + suite.tests.filter((test) => test.status === "failed" && test.error !== undefined).length, 0);
  const snapshot = run.snapshots.reduce(
    (sum, file) => ({ total: sum.total + file.total, failed: sum.failed + file.failed, created: sum.created + file.created, obsolete: sum.obsolete + file.obsolete.length }),
    { total: 0, failed: 0, created: 0, obsolete: 0 },
  );
  const extra = [snapshot.created > 0 ? `${snapshot.created} created` : "", snapshot.obsolete > 0 ? `${snapshot.obsolete} obsolete` : ""].filter(Boolean);
  return [
    "",
    `Charts:      ${counting(suites.failed > 0 ? 0 : 1, suites.failed > 0 ? 1 : 0, 0)}`,
    `Test Suites: ${counting(suites.passed, suites.failed, suites.skipped)}`,
    `Tests:       ${counting(tests.passed, tests.failed, tests.skipped, errored)}`,
    `Snapshot:    ${counting(snapshot.total - snapshot.failed, snapshot.failed, 0)}${extra.length ? `, ${extra.join(", ")}` : ""}`,
    `Time:        ${run.durationMs}ms`,
  ];
}

/** helm-unittest's testUnitCounting.sprint. */
function counting(passed: number, failed: number, skipped: number, errored = 0): string {
  const prefix = `${failed > 0 ? `${failed} failed, ` : ""}${errored > 0 ? `${errored} errored, ` : ""}`;
  return skipped > 0 ? `${prefix}${passed} passed, ${skipped} skipped, ${passed + failed + skipped} total` : `${prefix}${passed} passed, ${passed + failed} total`;
}

function indent(text: string, tabs: number): string[] {
  return text.split("\n").map((line) => `${"\t".repeat(tabs)}${line}`);
}
