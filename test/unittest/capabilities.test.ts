// `.Capabilities.APIVersions` holds the test's API versions and no others in helm-unittest
// 1.1.0 (pkg/unittest/test_job.go:566-581, capabilitiesV3: VersionSet(t.Capabilities.APIVersions)),
// so `Has "apps/v1"` is false unless the test lists it; Helm's CLI always adds its built-in
// set. Jenkins' chart suite depends on it (its StatefulSet test expects apps/v1beta1).
import { describe, expect, it } from "vitest";
import { helmBinaries } from "../../helm/index.ts";
import { runFixture, testOutcomes } from "./support.ts";

describe.each(helmBinaries())("API versions, $label", (helm) => {
  it("are only the ones the test lists", async () => {
    const run = await runFixture(helm, "capabilities");
    expect(testOutcomes(run)).toEqual([
      ["has none of Helm's built-in versions when the test lists none", "passed", ""],
      ["has the versions the test lists", "passed", ""],
    ]);
  });
});
