// The assertions of the chart's helm-unittest suites (chart/tests/*_test.yaml), run on the
// chart compiled from resources/ as it is now rather than on the committed chart/, and without
// their snapshot assertions. unittest-suites.test.ts runs the suites as teams do, snapshots
// included; this one is what the mutation run of resources/ can use: a mutant must be killed
// by an assertion that states a behaviour, and a changed snapshot states none.
import { cpSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { helmBinaries } from "../../helm/run.ts";
import chartDefinition from "../../resources/index.ts";
import { formatChartRun, runChartTests } from "../../unittest/index.ts";
import { compileToDirectory } from "../support/differential.ts";

const SUITES_DIR = "chart/tests";

interface SuiteTest {
  asserts?: Record<string, unknown>[];
}

/** A suite with every matchSnapshot assertion removed, and the tests left with none dropped. */
function withoutSnapshots(suiteText: string): { text: string; removed: number } {
  const document = parseDocument(suiteText);
  const suite = document.toJS() as { tests: SuiteTest[] };
  let removed = 0;
  const tests = suite.tests.flatMap((test) => {
    const asserts = (test.asserts ?? []).filter((assertion) => !("matchSnapshot" in assertion));
    removed += (test.asserts ?? []).length - asserts.length;
    return asserts.length === 0 ? [] : [{ ...test, asserts }];
  });
  document.set("tests", document.createNode(tests));
  return { text: document.toString(), removed };
}

describe(`${helmBinaries()[0]!.label}, the chart compiled from the sources`, () => {
  it("passes every assertion of chart/tests except the snapshots", async () => {
    const { dir } = compileToDirectory(chartDefinition);
    cpSync(SUITES_DIR, join(dir, "tests"), { recursive: true, filter: (source) => !source.includes("__snapshot__") });
    let snapshotsRemoved = 0;
    for (const file of readdirSync(join(dir, "tests")).filter((name) => name.endsWith("_test.yaml"))) {
      const { text, removed } = withoutSnapshots(readFileSync(join(SUITES_DIR, file), "utf8"));
      snapshotsRemoved += removed;
      writeFileSync(join(dir, "tests", file), text);
    }
    // The suites hold snapshot assertions: had none been found, the filter would be wrong.
    expect(snapshotsRemoved).toBeGreaterThan(0);
    const run = await runChartTests({ chartDir: dir, helm: helmBinaries()[0]! });
    const notPassed = run.suites.flatMap((suite) => [
      ...(suite.error === undefined ? [] : [`${suite.file}: ${suite.error}`]),
      ...suite.tests.filter((test) => test.status !== "passed").map((test) => `${suite.file}: ${test.name} (${test.status})`),
    ]);
    expect(notPassed, formatChartRun(run)).toEqual([]);
    expect(run.suites.flatMap((suite) => suite.tests).length).toBeGreaterThan(100);
  });
});
