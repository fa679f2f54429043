// The compiler's core guarantee: for any values the zod schema accepts, `helm template`
// of the compiled chart equals the TypeScript evaluation of the same definitions; for
// values it rejects, Helm rejects them too, naming the key.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { helmBinaries } from "../compiler/helm/run.ts";
import { validValues } from "../compiler/testing/arbitrary.ts";
import { renderWithHelm, renderWithTypescript, DEFAULT_RENDER } from "../compiler/testing/render.ts";
import { chartDirectory, definition } from "./support/chart.ts";

const { compiled, dir } = chartDirectory();
const RUNS = Number(process.env.DIFFERENTIAL_RUNS ?? 200);

describe.each(helmBinaries())("$label", (helm) => {
  it("renders the defaults exactly as the TypeScript evaluation does", async () => {
    const fromHelm = await renderWithHelm(helm, dir, {});
    const fromTs = renderWithTypescript(definition, compiled, {});
    expect(fromHelm).toEqual(fromTs);
    expect(fromHelm.ok).toBe(true);
  });

  it(`renders ${RUNS} generated values documents exactly as the TypeScript evaluation does`, async () => {
    await fc.assert(
      fc.asyncProperty(validValues(definition.values), fc.constantFrom("v1.28.3", "v1.29.0", "v1.33.1"), async (values, kubeVersion) => {
        const options = { ...DEFAULT_RENDER, kubeVersion };
        const fromHelm = await renderWithHelm(helm, dir, values, options);
        const fromTs = renderWithTypescript(definition, compiled, values, options);
        expect(fromHelm).toEqual(fromTs);
      }),
      { numRuns: RUNS },
    );
  });
});
