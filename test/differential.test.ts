// The compiler's core guarantee: for any values the zod schema accepts, `helm template`
// of the compiled chart equals the TypeScript evaluation of the same definitions.
import { describe } from "vitest";
import { helmBinaries } from "../helm/run.ts";
import chartDefinition from "../resources/index.ts";
import fixtureDefinition from "./fixtures/combinators/chart.ts";
import { differentialTests } from "./support/differential.ts";

describe.each(helmBinaries())("$label", (helm) => {
  describe("the ingressgateway-accesslog chart", () => differentialTests(helm, chartDefinition));
  describe("a fixture chart using every combinator", () => differentialTests(helm, fixtureDefinition));
});
