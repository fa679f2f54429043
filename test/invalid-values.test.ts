// For values the zod schema rejects, Helm's schema validation rejects them too, and its
// message names the broken key (so a typo in a per-cluster file is caught at install).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { helmBinaries } from "../compiler/helm/run.ts";
import { validValues } from "../compiler/testing/arbitrary.ts";
import { allMutations, applyMutation, arbitraryMutation, helmErrorNamesKey } from "../compiler/testing/mutations.ts";
import { renderWithHelm } from "../compiler/testing/render.ts";
import chartDefinition from "../resources/index.ts";
import fixtureDefinition from "./fixtures/combinators/chart.ts";
import { compileToDirectory, RUNS } from "./support/differential.ts";

const charts = [
  { name: "the ingressgateway-accesslog chart", definition: chartDefinition },
  { name: "a fixture chart using every combinator", definition: fixtureDefinition },
];

describe.each(helmBinaries())("$label", (helm) => {
  describe.each(charts)("$name", ({ definition }) => {
    const { dir } = compileToDirectory(definition);

    it("has mutations of every kind to try", () => {
      const kinds = new Set(allMutations(definition.values).map((mutation) => mutation.kind));
      expect([...kinds].sort()).toEqual(["bad enum", "out of range", "unknown key", "wrong type"]);
    });

    it(`rejects ${Math.ceil(RUNS / 2)} mutated values documents in zod and in Helm, naming the key`, async () => {
      await fc.assert(
        fc.asyncProperty(validValues(definition.values), arbitraryMutation(definition.values), async (values, mutation) => {
          const invalid = applyMutation(values, mutation);
          expect(definition.values.safeParse(invalid).success, `zod accepted ${JSON.stringify(mutation)}`).toBe(false);
          const fromHelm = await renderWithHelm(helm, dir, invalid);
          expect(fromHelm.ok, `helm accepted ${JSON.stringify(mutation)}`).toBe(false);
          const stderr = fromHelm.ok ? "" : fromHelm.error;
          expect(helmErrorNamesKey(stderr, mutation), `${mutation.kind} at ${mutation.path.join(".")}:\n${stderr}`).toBe(true);
        }),
        { numRuns: Math.ceil(RUNS / 2) },
      );
    });
  });
});
