// The chart's helm-unittest suites (chart/tests/*_test.yaml and their snapshots) pass on
// Helm 3 and Helm 4, through the project's runner; teams with the Go plugin run the same
// files with `helm unittest chart`.
import { describe, expect, it } from "vitest";
import { helmBinaries } from "../../compiler/helm/run.ts";
import { countTests, formatChartRun, runChartTests } from "../../compiler/unittest/index.ts";

describe.each(helmBinaries())("$label", (helm) => {
  it("passes every suite in chart/tests without touching the snapshots", async () => {
    const run = await runChartTests({ chartDir: "chart", helm });
    const counts = countTests([run]);
    expect(run.suites.length).toBeGreaterThanOrEqual(9);
    expect(counts.failed, formatChartRun(run)).toBe(0);
    expect(counts.passed).toBeGreaterThan(40);
    expect(run.snapshots.every((snapshot) => !snapshot.written), "a snapshot would change: run npm run test:chart -- -u and review").toBe(true);
  });
});
