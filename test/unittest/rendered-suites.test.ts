// `--chart-tests-path` and `snapshotId`, as helm-unittest 1.1.0 has them: a chart inside the
// chart whose templates render suites, released as TEST-SUITE-RELEASE in NAMESPACE with
// its own values (pkg/unittest/test_suite.go:113-206); each rendered suite without an id
// takes its position in its template, and a suite with an id writes `<file>_<id>.snap`
// (test_suite.go:199-202, 481-487).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { helmBinaries } from "../../helm/index.ts";
import { runChartTests } from "../../unittest/index.ts";
import { copyFixture, failureText } from "./support.ts";

describe.each(helmBinaries())("rendered suites, $label", (helm) => {
  it("runs the suites the tests chart renders, each with a snapshot file of its own, beside the file suites", async () => {
    const chart = copyFixture("rendered-suites");
    try {
      const run = await runChartTests({ chartDir: chart.dir, helm, chartTestsPath: "suite-chart" });
      expect(run.suites.map((suite) => [suite.file, suite.name, suite.tests.map((test) => `${test.status} ${failureText(test).trim()}`)])).toEqual([
        ["tests/configmap_test.yaml", "a suite with its own snapshot id", ["passed "]],
        ["suite-chart/templates/env_test.yaml", "dev as rendered by TEST-SUITE-RELEASE in NAMESPACE", ["passed "]],
        ["suite-chart/templates/env_test.yaml", "prod as rendered by TEST-SUITE-RELEASE in NAMESPACE", ["passed "]],
      ]);
      const snapshot = (path: string) => readFileSync(join(chart.dir, path), "utf8");
      expect(snapshot("tests/__snapshot__/configmap_test.yaml_custom.snap")).toContain("env: dev");
      expect(existsSync(join(chart.dir, "tests/__snapshot__/configmap_test.yaml.snap"))).toBe(false);
      expect(snapshot("suite-chart/templates/__snapshot__/env_test.yaml_0.snap")).toContain("env: dev");
      expect(snapshot("suite-chart/templates/__snapshot__/env_test.yaml_1.snap")).toContain("env: prod");
    } finally {
      chart.remove();
    }
  });

  it("runs no rendered suites without the option", async () => {
    const chart = copyFixture("rendered-suites");
    try {
      const run = await runChartTests({ chartDir: chart.dir, helm });
      expect(run.suites.map((suite) => suite.file)).toEqual(["tests/configmap_test.yaml"]);
    } finally {
      chart.remove();
    }
  });
});
