// The differential property: helm template == TypeScript evaluation, for one chart.
import fc from "fast-check";
import { expect, it } from "vitest";
import type { ChartDefinition } from "../../compiler/index.ts";
import { compileChart, formatDiagnostic } from "../../compiler/index.ts";
import type { HelmBinary } from "../../helm/run.ts";
import { keysWritten, validValues } from "../../compiler/testing/arbitrary.ts";
import { DEFAULT_RENDER, renderWithHelm, renderWithTypescript, writeDefinedChart, type RenderOptions } from "../../compiler/testing/render.ts";

export const RUNS = Number(process.env.DIFFERENTIAL_RUNS ?? 200);
/** A fixed seed (the mutation run sets one) generates the same values for every mutant, so Helm's renders can be reused. */
const SEED = process.env.DIFFERENTIAL_SEED === undefined ? {} : { seed: Number(process.env.DIFFERENTIAL_SEED) };

export function compileToDirectory(definition: ChartDefinition) {
  const compiled = compileChart(definition);
  if (compiled.diagnostics.length > 0) throw new Error(compiled.diagnostics.map(formatDiagnostic).join("\n"));
  return { compiled, dir: writeDefinedChart(definition, compiled) };
}

/**
 * 200 Helm runs take 25-40 s on an idle 2-core machine; a CI run took over 120 s, vitest's
 * default here, with the other test files beside it, and reported a timeout instead of a result.
 */
const PROPERTY_BUDGET_MS = 8 * 60_000;

const KUBE_VERSIONS = ["v1.28.3", "v1.29.0", "v1.33.1"];
const API_VERSIONS = [[], ["monitoring.coreos.com/v1"]];

/** The keys the chart writes with its defaults, so users' labels and annotations collide with them. */
function chartKeys(definition: ChartDefinition, compiled: ReturnType<typeof compileChart>): string[] {
  const defaults = renderWithTypescript(definition, compiled, {});
  // Hook annotations are read by Helm itself (a Service annotated helm.sh/hook becomes a hook
  // and helm template prints it elsewhere), not rendered by the chart's templates.
  return defaults.ok ? keysWritten(defaults.rendered).filter((key) => !key.startsWith("helm.sh/hook")) : [];
}

/**
 * Both sides keep integers apart from floats, so the comparison also sees how a number was
 * printed: a parsed-value comparison took Helm's `fsGroup: 2e+06` for 2000000.
 */
const PRINTED: RenderOptions = { ...DEFAULT_RENDER, printedNumbers: true };

export function differentialTests(helm: HelmBinary, definition: ChartDefinition): void {
  // With the TypeScript stand-in for Helm (compiler/testing/render.ts) both sides would be the evaluator.
  if (process.env["HELM_RENDER_BY"] !== undefined) throw new Error("the differential tests compare with Helm itself: unset HELM_RENDER_BY");
  const { compiled, dir } = compileToDirectory(definition);

  it("renders the defaults exactly as the TypeScript evaluation does", async () => {
    const fromHelm = await renderWithHelm(helm, dir, {}, PRINTED);
    expect(fromHelm.ok, fromHelm.ok ? "" : fromHelm.error).toBe(true);
    expect(fromHelm).toEqual(renderWithTypescript(definition, compiled, {}, PRINTED));
  });

  it(`renders ${RUNS} generated values documents exactly as the TypeScript evaluation does`, async () => {
    const options = fc.record({ kubeVersion: fc.constantFrom(...KUBE_VERSIONS), apiVersions: fc.constantFrom(...API_VERSIONS) });
    await fc.assert(
      fc.asyncProperty(validValues(definition.values, { collidingKeys: chartKeys(definition, compiled) }), options, async (values, chosen) => {
        const render: RenderOptions = { ...PRINTED, ...chosen };
        const fromHelm = await renderWithHelm(helm, dir, values, render);
        const fromTs = renderWithTypescript(definition, compiled, values, render);
        if (!fromTs.ok) {
          // A render failure (`required`) must fail Helm too, with the same message.
          expect(fromHelm.ok).toBe(false);
          expect(fromHelm.ok ? "" : fromHelm.error).toContain(fromTs.error);
        } else {
          expect(fromHelm).toEqual(fromTs);
        }
      }),
      // A property failure is then reported with its counterexample, rather than cut off by
      // vitest's timeout while fast-check shrinks it (each step is a Helm run).
      { numRuns: RUNS, plugins: [fc.interruptAfterTimeLimit(PROPERTY_BUDGET_MS, { failOnInterrupt: true })], ...SEED },
    );
  }, PROPERTY_BUDGET_MS + 60_000);
}
