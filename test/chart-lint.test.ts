// The generated chart passes `helm lint --strict` on Helm 3 and Helm 4.
import { describe, expect, it } from "vitest";
import { helmBinaries, runHelm } from "../helm/run.ts";
import chartDefinition from "../resources/index.ts";
import fixtureDefinition from "./fixtures/combinators/chart.ts";
import { compileToDirectory } from "./support/differential.ts";

describe.each(helmBinaries())("$label", (helm) => {
  it.each([
    { name: "the chart", definition: chartDefinition },
    { name: "the combinator fixture", definition: fixtureDefinition },
  ])("lints $name with --strict", async ({ definition }) => {
    const { dir } = compileToDirectory(definition);
    const result = await runHelm(helm, ["lint", "--strict", dir]);
    expect(result.stdout + result.stderr).toContain("1 chart(s) linted, 0 chart(s) failed");
    expect(result.status).toBe(0);
  });
});
