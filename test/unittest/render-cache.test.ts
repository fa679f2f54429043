// Tests whose chart, values and flags are identical share one `helm template` run.
import { describe, expect, it } from "vitest";
import { helmBinaries } from "../../helm/run.ts";
import { runFixture } from "./support.ts";

describe.each(helmBinaries())("$label", (helm) => {
  it("renders once for tests with identical inputs", async () => {
    const run = await runFixture(helm, "basic", ["tests/rbac_test.yaml"]);
    expect(run.suites[0]!.tests).toHaveLength(4);
    expect(run.helmRuns).toBe(1);
  });

  it("renders again when a test changes values, release or capabilities", async () => {
    const run = await runFixture(helm, "basic", ["tests/settings_test.yaml"]);
    expect(run.suites[0]!.tests.map((test) => test.status)).toEqual(["passed", "passed", "passed"]);
    expect(run.helmRuns).toBe(2);
  });
});
