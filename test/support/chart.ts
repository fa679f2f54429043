// The project's chart, compiled once per test file.
import chartDefinition from "../../resources/index.ts";
import { compileChart, formatDiagnostic } from "../../compiler/index.ts";
import { writeChart } from "../../compiler/testing/render.ts";

export const definition = chartDefinition;

export function compiledChart() {
  const compiled = compileChart(definition);
  if (compiled.diagnostics.length > 0) throw new Error(compiled.diagnostics.map(formatDiagnostic).join("\n"));
  return compiled;
}

export function chartDirectory(): { compiled: ReturnType<typeof compiledChart>; dir: string } {
  const compiled = compiledChart();
  return { compiled, dir: writeChart(compiled) };
}
