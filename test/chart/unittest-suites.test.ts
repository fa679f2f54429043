// The chart's helm-unittest suites (chart/tests/*_test.yaml and their snapshots) pass on
// Helm 3 and Helm 4, through the project's runner; teams with the Go plugin run the same
// files with `helm unittest chart`.
import { readdirSync } from "node:fs";
import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { helmBinaries } from "../../helm/run.ts";
import { countTests, formatChartRun, runChartTests } from "../../unittest/index.ts";

// Counted from the directory, so a suite that stops loading or running fails here instead of
// lowering a count nobody reads.
const SUITE_FILES = readdirSync("chart/tests").filter((file) => file.endsWith("_test.yaml")).sort();

describe.each(helmBinaries())("$label", (helm) => {
  it("passes every suite in chart/tests without touching the snapshots", async () => {
    const run = await runChartTests({ chartDir: "chart", helm });
    const counts = countTests([run]);
    expect(SUITE_FILES.length).toBeGreaterThan(0);
    expect([...new Set(run.suites.map((suite) => basename(suite.file)))].sort()).toEqual(SUITE_FILES);
    expect(run.suites.filter((suite) => suite.error !== undefined || suite.tests.length === 0).map((suite) => `${suite.file}: ${suite.error ?? "no tests"}`)).toEqual([]);
    // Every test of every suite passed: none failed, none skipped.
    const notPassed = run.suites.flatMap((suite) => suite.tests.filter((test) => test.status !== "passed").map((test) => `${suite.file}: ${test.name} (${test.status})`));
    expect(notPassed, formatChartRun(run)).toEqual([]);
    expect(counts.failed, formatChartRun(run)).toBe(0);
    expect(run.snapshots.every((snapshot) => !snapshot.written), "a snapshot would change: run npm run test:chart -- -u and review").toBe(true);
  });
});
