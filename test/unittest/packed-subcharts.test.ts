// A packed subchart (charts/db-1.0.0.tgz, packed here from the fixture's db/) listed twice in
// Chart.yaml, once under an alias: Helm renders it as two subcharts, named db and second-db
// (pkg/chartutil/dependencies.go, getAliasDependency), and helm-unittest suites select their
// templates by those names. A test's chart version reaches the direct subcharts
// (helm-unittest pkg/unittest/test_job.go, ModifyChartMetadata). A `---` followed by a
// comment on the same line (what `{{- end -}}` leaves in cert-manager's rbac.yaml) separates
// documents, as the plugin's splitterPattern makes it (pkg/unittest/test_suite.go:28).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { helmBinaries } from "../../helm/run.ts";
import { copyFixture, runFixture } from "./support.ts";

let chart: { dir: string; remove: () => void };

beforeAll(() => {
  chart = copyFixture("packed-subchart");
  mkdirSync(join(chart.dir, "charts"));
  const packed = spawnSync("tar", ["-czf", join(chart.dir, "charts", "db-1.0.0.tgz"), "-C", chart.dir, "db"], { encoding: "utf8" });
  if (packed.status !== 0) throw new Error(`tar: ${packed.stderr}`);
  rmSync(join(chart.dir, "db"), { recursive: true });
});
afterAll(() => chart?.remove());

describe.each(helmBinaries())("a packed subchart, $label", (helm) => {
  it("selects its templates by name and by alias, gives them the test's chart version, and splits ---# as the plugin does", async () => {
    expect(existsSync(join(chart.dir, "charts", "db"))).toBe(false);
    const run = await runFixture(helm, chart.dir);
    const results = run.suites.flatMap((suite) => suite.tests.map((test) => [suite.file, test.name, test.status, test.error ?? test.assertions.filter((assertion) => !assertion.passed).map((assertion) => assertion.info.join(" "))]));
    expect(results).toEqual([
      ["tests/db_test.yaml", "renders the packed subchart under its name and under its alias, each with its own values", "passed", []],
      ["tests/db_test.yaml", "gives a test's chart version to the subcharts too", "passed", []],
      ["tests/separator_test.yaml", "reads two documents", "passed", []],
    ]);
  });
});
