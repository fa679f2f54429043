// A text template whose output is not YAML: `helm template` refuses the whole chart (it
// parses every rendered file as YAML before printing: Helm's pkg/action/action.go
// renderResources → releaseutil.SortManifests, "YAML parse error on <file>"), while
// helm-unittest parses only .yaml, .yml and .tpl output as YAML and keeps .txt as text
// (pkg/unittest/test_job.go, parseManifestsFromOutputOfFiles). The runner must give the
// plugin's verdict: the suite passes.
import { describe, expect, it } from "vitest";
import { helmBinaries, runHelm } from "../../helm/run.ts";
import { fixture, runFixture } from "./support.ts";

describe.each(helmBinaries())("a text template that is not YAML, $label", (helm) => {
  it("fails helm template itself", async () => {
    const result = await runHelm(helm, ["template", "rn", fixture("text-template")]);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("YAML parse error on text-template/templates/banner.txt");
  });

  it("passes the suite that asserts on its text and on the YAML template beside it", async () => {
    const run = await runFixture(helm, "text-template");
    const tests = run.suites.flatMap((suite) => suite.tests);
    expect(tests.map((test) => [test.name, test.status, test.error])).toEqual([["keeps the text template as raw text and still asserts on the YAML one", "passed", undefined]]);
  });
});
