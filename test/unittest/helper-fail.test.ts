// A `fail` in a helper (`_helpers.tpl`) reached through the `template` action, which runs the
// helper in place: Helm's engine names the helper's file as the error's place (the outermost
// frame, pkg/engine/engine.go:325-344 cleanupExecError), and helm-unittest gives a helper's
// error to every template the suite renders (pkg/unittest/test_job.go:526-536). Rendered
// through the runner's wrapper, whose `include` is then the outermost frame, Helm would name
// the wrapper instead, so a failed render is run again without the wrappers. (Traefik's
// ports suite meets this: `template "traefik.service-ports"` in service.yaml.) A
// `.tpl` without the `_` prefix is an ordinary template, left out unless selected
// (pkg/unittest/deep_copy.go:213-218).
import { describe, expect, it } from "vitest";
import { helmBinaries } from "../../helm/index.ts";
import { runFixture, testOutcomes } from "./support.ts";

describe.each(helmBinaries())("a helper's fail, $label", (helm) => {
  it("is blamed on the helper for every template of the suite; an unselected .tpl does not render; a default set asserts only the blamed template", async () => {
    const run = await runFixture(helm, "helper-fail");
    expect(testOutcomes(run)).toEqual([
      // A suite of every template, or of a wildcard, asserts what the render produced
      // (test_job.go:721-747): after a failed render, the template the error was given to.
      ["asserts a failed render on the template the error names, not on every template", "passed", ""],
      ["is blamed on the helper, so every template of the suite holds the error", "passed", ""],
      ["renders when the helper does not fail, without validation.tpl, which the suite does not select", "passed", ""],
      ["asserts a failed render on the template the error names, among the wildcard's", "passed", ""],
    ]);
  });
});
