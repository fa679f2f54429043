// A vitest reporter for the mutation run only (vitest.mutation.config.ts): a test file that
// fails to load becomes one failed test. Stryker's vitest runner builds each mutant's result
// from the tests vitest collected (@stryker-mutator/vitest-runner 9.6.1,
// dist/src/vitest-test-runner.js: `state.getFiles().flatMap(collectTestsFromSuite)`, and
// vitest-helpers.js walks `suite.tasks` only), and a file whose import throws collects none.
// So a resources/ mutant that makes the chart's definition throw at load (a template named "")
// was scored Survived although every test file that imports the chart failed
// (stryker-mutator/stryker-js#6150, open). Written by hand: no option of Stryker or vitest does it.
import type { RunnerTestCase, RunnerTestFile } from "vitest";
import type { Reporter, Vitest } from "vitest/node";

/** Adds a failed test carrying the file's error to a file that failed and holds no task; any other file is left alone. */
export function markUnloadedFile(file: RunnerTestFile): void {
  if (file.result?.state !== "fail" || file.tasks.length > 0) return;
  // vitest types a test with a context only its runner builds; nothing reads one once the run is over.
  const failed = {
    type: "test",
    id: `${file.id}_load`,
    name: "loads",
    fullName: `${file.name} loads`,
    mode: "run",
    file,
    suite: file,
    meta: {},
    result: { state: "fail", errors: file.result.errors ?? [{ message: `${file.name} failed to load`, name: "Error" }] },
  } as unknown as RunnerTestCase;
  file.tasks.push(failed);
}

export default class UnloadableFileAsFailedTest implements Reporter {
  private vitest: Vitest | undefined;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunEnd(): void {
    for (const file of this.vitest?.state.getFiles() ?? []) markUnloadedFile(file);
  }
}
