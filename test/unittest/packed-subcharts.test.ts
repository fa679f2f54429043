// A packed subchart (charts/db-1.0.0.tgz, packed here from the fixture's db/) listed twice in
// Chart.yaml, once under an alias: Helm renders it as two subcharts, named db and second-db
// (pkg/chartutil/dependencies.go, getAliasDependency), and helm-unittest suites select their
// templates by those names. A test's chart version reaches the direct subcharts
// (helm-unittest pkg/unittest/test_job.go, ModifyChartMetadata). A `---` followed by a
// comment on the same line (what `{{- end -}}` leaves in cert-manager's rbac.yaml) separates
// documents, as the plugin's splitterPattern makes it (pkg/unittest/test_suite.go:28).
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { helmBinaries } from "../../helm/run.ts";
import { runChartTests } from "../../unittest/index.ts";
import { copyFixture, fixture, runFixture } from "./support.ts";

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

// `helm unittest chart-0.1.0.tgz`: the plugin loads the archive and joins each suite glob to
// its path as if it were a directory (helm-unittest pkg/unittest/files.go:50-67), so suites
// beside the archive (`../tests/*_test.yaml`) run and a glob into it finds nothing.
describe.each(helmBinaries())("a packaged chart as the chart to test, $label", (helm) => {
  it("runs the suites its globs reach beside the archive, none inside it", async () => {
    const root = mkdtempSync(join(tmpdir(), "unittest-packaged-"));
    try {
      cpSync(fixture("post-renderer"), join(root, "post"), { recursive: true });
      const packed = spawnSync("tar", ["-czf", join(root, "post-0.1.0.tgz"), "-C", root, "post"], { encoding: "utf8" });
      if (packed.status !== 0) throw new Error(`tar: ${packed.stderr}`);
      renameSync(join(root, "post", "tests"), join(root, "tests"));
      rmSync(join(root, "post"), { recursive: true });
      const archive = join(root, "post-0.1.0.tgz");
      const beside = await runChartTests({ chartDir: archive, helm, suiteGlobs: ["../tests/*_test.yaml"] });
      expect(beside.chartName).toBe("post");
      expect(beside.suites.map((suite) => [suite.file, suite.tests.map((test) => test.status)])).toEqual([
        ["tests/plain_test.yaml", ["passed"]],
        ["tests/post_render_test.yaml", ["passed", "passed", "failed"]],
      ]);
      const inside = await runChartTests({ chartDir: archive, helm });
      expect(inside.suites).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
