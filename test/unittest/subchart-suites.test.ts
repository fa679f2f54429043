// Suites of subcharts (`--with-subchart`, on by default in the plugin), as helm-unittest
// 1.1.0 runs them: found at <chart>/charts/<subchart name>/ for every subchart the parent does
// not disable by its dependency's condition or tags (pkg/unittest/test_runner.go:382-423,
// 222-301), rendered as part of the root chart with the test's values scoped under the
// subchart's route and `global` copied to each level (pkg/unittest/test_job.go:55-75, 330-364).
// The fixture `subchart-suites` holds an enabled subchart with a sub-subchart, one disabled
// by a condition, one enabled by a tag and one in a directory not named after its chart.
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { helmBinaries } from "../../helm/index.ts";
import { runChartTests, type ChartRunResult } from "../../unittest/index.ts";
import { dependencyEnabled, scopeValues } from "../../unittest/chart/subcharts.ts";
import { copyFixture } from "./support.ts";

let copies: { remove: () => void }[] = [];
afterEach(() => {
  for (const copy of copies) copy.remove();
  copies = [];
});

function scratchChart(): string {
  const copy = copyFixture("subchart-suites");
  copies.push(copy);
  return copy.dir;
}

function outcomes(run: ChartRunResult): string[][] {
  return run.suites.flatMap((suite) => suite.tests.map((test) => [suite.file, test.name, test.status, test.error ?? test.assertions.filter((a) => !a.passed).flatMap((a) => a.info).join(" ")]));
}

describe.each(helmBinaries())("suites of subcharts, $label", (helm) => {
  it("runs the enabled subcharts' suites with their values scoped, and writes their snapshots beside them", async () => {
    const chartDir = scratchChart();
    const run = await runChartTests({ chartDir, helm });
    expect(outcomes(run)).toEqual([
      ["tests/parent_test.yaml", "renders with the cache subchart disabled, which then has no templates", "passed", ""],
      ["tests/parent_test.yaml", "renders the cache once a test enables it", "passed", ""],
      ["charts/metrics/tests/service_test.yaml", "renders", "passed", ""],
      ["charts/web/tests/deployment_test.yaml", "takes the parent's values for it over its own defaults", "passed", ""],
      ["charts/web/tests/deployment_test.yaml", "reads a set as the subchart's own value", "passed", ""],
      ["charts/web/tests/deployment_test.yaml", "reads global from the set at every level", "passed", ""],
      ["charts/web/tests/deployment_test.yaml", "keeps its snapshot beside its suite", "passed", ""],
      ["charts/web/charts/worker/tests/job_test.yaml", "reads a set two levels down", "passed", ""],
    ]);
    const snapshot = join(chartDir, "charts", "web", "tests", "__snapshot__", "deployment_test.yaml.snap");
    expect(readFileSync(snapshot, "utf8")).toContain("name: web");
    expect(existsSync(join(chartDir, "tests", "__snapshot__"))).toBe(false);
  });

  // helm template refuses a dependency missing from charts/ (action.CheckDependencies); the
  // plugin renders without it, so a subchart never fetched (disabled, say) changes nothing.
  it("renders as the plugin does when Chart.yaml lists a dependency missing from charts/", async () => {
    const chartDir = scratchChart();
    appendFileSync(join(chartDir, "Chart.yaml"), "  - name: absent\n    version: 1.0.0\n    repository: oci://example.com/charts\n    condition: absent.enabled\n");
    const run = await runChartTests({ chartDir, helm, withSubcharts: false });
    expect(outcomes(run)).toEqual([
      ["tests/parent_test.yaml", "renders with the cache subchart disabled, which then has no templates", "passed", ""],
      ["tests/parent_test.yaml", "renders the cache once a test enables it", "passed", ""],
    ]);
  });

  it("runs the root's suites alone with --with-subchart=false", async () => {
    const run = await runChartTests({ chartDir: scratchChart(), helm, withSubcharts: false });
    expect(run.suites.map((suite) => suite.file)).toEqual(["tests/parent_test.yaml"]);
  });

  it("judges conditions with the -v files too, read from the chart directory", async () => {
    const run = await runChartTests({ chartDir: scratchChart(), helm, valuesFiles: ["cache-on.yaml"] });
    expect(run.suites.map((suite) => suite.file)).toContain("charts/cache/tests/cache_test.yaml");
    expect(run.suites.map((suite) => suite.file)).not.toContain("charts/legacy-dir/tests/legacy_test.yaml");
  });
});

describe("which subcharts are enabled and how values are scoped", () => {
  // test_runner.go:222-260: only a path that ends in `false` disables; anything else enables.
  it("reads a condition as one dotted path that must end in false", () => {
    const values = { cache: { enabled: false, on: true, text: "false" }, flat: 1 };
    expect(dependencyEnabled({ condition: "cache.enabled", tags: [] }, values)).toBe(false);
    expect(dependencyEnabled({ condition: "cache.on", tags: ["x"] }, values)).toBe(true);
    expect(dependencyEnabled({ condition: "cache.text", tags: [] }, values)).toBe(true);
    expect(dependencyEnabled({ condition: "cache.missing", tags: [] }, values)).toBe(true);
    expect(dependencyEnabled({ condition: "flat.enabled", tags: [] }, values)).toBe(true);
    // A comma-separated list is one path to the plugin (unlike Helm's own condition list).
    expect(dependencyEnabled({ condition: "cache.on,cache.enabled", tags: [] }, values)).toBe(true);
    // The condition decides alone, tags aside.
    expect(dependencyEnabled({ condition: "cache.enabled", tags: ["a"] }, { ...values, tags: { a: true } })).toBe(false);
  });

  // test_runner.go:262-301: any true tag enables; tags absent or not a map enable.
  it("reads tags as any-true, and absent or malformed tags as enabled", () => {
    expect(dependencyEnabled({ condition: "", tags: ["a", "b"] }, { tags: { a: false, b: true } })).toBe(true);
    expect(dependencyEnabled({ condition: "", tags: ["a", "b"] }, { tags: { a: false } })).toBe(false);
    expect(dependencyEnabled({ condition: "", tags: ["a"] }, { tags: { a: "true" } })).toBe(false);
    expect(dependencyEnabled({ condition: "", tags: ["a"] }, {})).toBe(true);
    expect(dependencyEnabled({ condition: "", tags: ["a"] }, { tags: ["a"] })).toBe(true);
    expect(dependencyEnabled({ condition: "", tags: [] }, { tags: { a: false } })).toBe(true);
  });

  // test_job.go:55-75: routes are every other segment of parent/charts/sub/charts/subsub.
  it("nests values under each subchart of the route and copies global to each level", () => {
    expect(scopeValues("shop", { a: 1 })).toEqual({ a: 1 });
    expect(scopeValues("shop/charts/web/charts/worker", { queue: "fast", global: { region: "us" } })).toEqual({
      global: { region: "us" },
      web: { global: { region: "us" }, worker: { queue: "fast", global: { region: "us" } } },
    });
    expect(scopeValues("shop/charts/web", { replicas: 5 })).toEqual({ web: { replicas: 5 } });
  });
});
