// `postRenderer`, as helm-unittest 1.1.0 runs it (pkg/unittest/test_job.go:418-510): the
// templates' output, sorted, each after `---\n#### file: <template>`, through the command;
// cut back into templates at those lines. The fixture's commands are sed and false.
import { describe, expect, it } from "vitest";
import { helmBinaries } from "../../helm/index.ts";
import { postRender, splitManifests } from "../../unittest/post-render.ts";
import { runFixture, testOutcomes } from "./support.ts";

describe.each(helmBinaries())("postRenderer, $label", (helm) => {
  it("passes the suite's templates through the suite's command, or the test's instead, and fails a test whose command fails", async () => {
    const run = await runFixture(helm, "post-renderer");
    const results = testOutcomes(run);
    expect(results).toEqual([
      ["reads the template as rendered", "passed", ""],
      ["reads what the suite's post-renderer wrote, template by template", "passed", ""],
      ["runs its own post-renderer instead of the suite's", "passed", ""],
      ["fails when the post-renderer fails", "failed", "post-render failed: error while running command false. error output:\n: exit status 1"],
    ]);
  });
});

describe("what the post-renderer reads and how its output is cut", () => {
  it("hands the templates sorted by name, trimmed, each after its file line", async () => {
    const echoed = await postRender(new Map([["c/templates/b.yaml", "\nb: 2\n\n"], ["c/templates/a.yaml", "a: 1"]]), { cmd: "cat", args: [] });
    expect(echoed).toEqual(new Map([["c/templates/a.yaml", "a: 1\n"], ["c/templates/b.yaml", "b: 2\n"]]));
    const seen = await postRender(new Map([["c/templates/b.yaml", "b: 2"], ["c/templates/a.yaml", "a: 1"]]), { cmd: "grep", args: ["-c", ""] });
    expect(seen).toEqual(new Map([["manifest.yaml", "6\n"]]));
  });

  // test_job.go:458-467: the file line found anywhere in a block names it; only a block that
  // starts with `---\n<file line>\n` loses that prefix.
  it("cuts at the file lines, keeps a block's text when a command moved its separator, and keeps everything as manifest.yaml without file lines", () => {
    expect(splitManifests("---\n#### file: a.yaml\na: 1\n---\n#### file: b.yaml\nb: 2\n")).toEqual(new Map([["a.yaml", "a: 1\n"], ["b.yaml", "b: 2\n"]]));
    expect(splitManifests("#### file: a.yaml\na: 1\n---\n#### file: b.yaml\nb: 2\n")).toEqual(new Map([["a.yaml", "#### file: a.yaml\na: 1\n"], ["b.yaml", "b: 2\n"]]));
    expect(splitManifests("a: 1\n---\nb: 2\n")).toEqual(new Map([["manifest.yaml", "a: 1\n---\nb: 2\n"]]));
  });
});
