// The plugin renders with RELEASE-NAME when a test names no release (helm-unittest 1.1.0
// pkg/unittest/test_job.go:540-552), a name Helm's CLI refuses. Templates must compute with
// that name itself (lower, sha256sum, trunc in a helper), not with a stand-in put back
// afterwards; text outside template actions keeps `.Release.Name` as written.
import { describe, expect, it } from "vitest";
import { helmBinaries } from "../../helm/index.ts";
import { runFixture, testOutcomes } from "./support.ts";

describe.each(helmBinaries())("the default release name, $label", (helm) => {
  it("is RELEASE-NAME in every computation, and the test's name when it gives one", async () => {
    const run = await runFixture(helm, "release-name");
    expect(testOutcomes(run)).toEqual([
      ["computes with RELEASE-NAME when the test names no release", "passed", ""],
      ["computes with the test's release name", "passed", ""],
    ]);
  });
});
