// The mutation run's reporter, in a real vitest run: a file whose import throws reaches
// Stryker as a failed test, a file that loads as it is.
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import type { RunnerTask } from "vitest";
import { startVitest } from "vitest/node";
import UnloadableFileAsFailedTest from "../support/unloadable-file-as-failed-test.ts";

const FIXTURES = fileURLToPath(new URL("../fixtures/unloadable/", import.meta.url));

/** The tests Stryker's vitest runner collects from a file (vitest-helpers.js, collectTestsFromSuite). */
const collected = (task: RunnerTask): RunnerTask[] => (task.type === "test" ? [task] : "tasks" in task ? task.tasks.flatMap(collected) : []);

it("turns a test file that fails to load into one failed test with its error, and leaves a loaded file alone", async () => {
  const vitest = await startVitest("test", [], { root: FIXTURES, config: false, include: ["*.check.ts"], watch: false, reporters: [new UnloadableFileAsFailedTest()] });
  try {
    const results = vitest.state
      .getFiles()
      .flatMap((file) => collected(file).map((test) => [file.name, test.name, test.result?.state, test.result?.errors?.[0]?.message]))
      .sort();
    expect(results).toEqual([
      ["loads.check.ts", "passes", "pass", undefined],
      ["throws-at-load.check.ts", "loads", "fail", "the definition refused to load"],
    ]);
  } finally {
    await vitest.close();
    process.exitCode = 0;
  }
});
