// `includeCrds: true`: the chart's crds/ files (which Helm installs but never templates)
// become documents a suite can assert on, named `crds/<file>`, and join the templates
// asserted by default (helm-unittest 1.1.0 pkg/unittest/test_job.go:590-601 and 736-741;
// deep_copy.go:25-35 keeps a `crds/` reference as written).
import { describe, expect, it } from "vitest";
import { helmBinaries } from "../../helm/index.ts";
import { runFixture, testOutcomes } from "./support.ts";

describe.each(helmBinaries())("includeCrds, $label", (helm) => {
  it("reads crds/ files as documents only in suites that include them", async () => {
    const run = await runFixture(helm, "crds");
    expect(testOutcomes(run)).toEqual([
      ["reads a CRD as it is written", "passed", ""],
      ["asserts on the templates and the CRDs when no template is named", "passed", ""],
      [
        "has no CRD documents",
        "failed",
        'isKind\nError:\n\ttemplate "widgets/crds/widget.yaml" not exists or not selected in test suite (the suite renders: widgets/templates/configmap.yaml)',
      ],
    ]);
  });
});
