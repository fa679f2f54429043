// For values the zod schema rejects, Helm's schema validation rejects them too, and its
// message names the broken key (so a typo in a per-cluster file is caught at install).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { helmBinaries } from "../helm/run.ts";
import { validValues } from "../compiler/testing/arbitrary.ts";
import { allMutations, applyMutation, arbitraryMutation, helmErrorNamesKey, type Mutation } from "../compiler/testing/mutations.ts";
import { renderWithHelm } from "../compiler/testing/render.ts";
import chartDefinition from "../resources/index.ts";
import fixtureDefinition from "./fixtures/combinators/chart.ts";
import { compileToDirectory, RUNS } from "./support/differential.ts";

const charts = [
  { name: "the ingressgateway-accesslog chart", definition: chartDefinition },
  { name: "a fixture chart using every combinator", definition: fixtureDefinition },
];

/** The mutation that breaks each JSON-Schema keyword the compiler emits. */
const MUTATION_FOR: Record<string, Mutation["kind"]> = {
  type: "wrong type",
  additionalProperties: "unknown key",
  required: "missing required",
  pattern: "bad pattern",
  minLength: "too short",
  maxLength: "too long",
  enum: "bad enum",
  minimum: "out of range",
  maximum: "out of range",
};

function constraintsIn(schema: unknown): Set<string> {
  const found = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === "object") {
      for (const [key, child] of Object.entries(node)) {
        if (key in MUTATION_FOR && !(key === "additionalProperties" && child !== false)) found.add(key);
        if (key !== "properties") visit(child);
        else Object.values(child as object).forEach(visit);
      }
    }
  };
  visit(schema);
  return found;
}

describe.each(helmBinaries())("$label", (helm) => {
  describe.each(charts)("$name", ({ definition }) => {
    const { compiled, dir } = compileToDirectory(definition);

    it("has a mutation for every kind of constraint in values.schema.json, inside list items too", () => {
      const mutations = allMutations(definition.values);
      const emitted = constraintsIn(JSON.parse(compiled.files.get("values.schema.json")!) as unknown);
      const kinds = new Set(mutations.map((mutation) => mutation.kind));
      for (const constraint of emitted) expect(kinds, `no mutation breaks "${constraint}"`).toContain(MUTATION_FOR[constraint]);
      const inLists = mutations.filter((mutation) => Object.keys(mutation.listElements).length > 0);
      expect(new Set(inLists.map((mutation) => mutation.kind))).toContain("unknown key");
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
