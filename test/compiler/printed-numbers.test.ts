// Numbers written into text (tpl`...${n}...`) print as Helm prints them. The emitter folds a
// literal into the template's text only where JavaScript's String() and Go's %v agree
// (compiler/emit/integers.ts); elsewhere the literal stays a Go literal and Go prints it.
// The expected text is Go's, not the emitter's: fmt's %v of a float64 is strconv's 'g' with
// the shortest precision, in exponent form when the exponent is below -4 or from 21 up
// (go/src/strconv/ftoa.go, %v → 'g' with shortest: eprec = 21 when shortest), and a
// template's integer literal is an int, printed in decimal. Measured with Helm 3.17 and 4.1.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { compileChart, lines, symbolicValues, tpl } from "../../compiler/index.ts";
import { helmBinaries } from "../../helm/run.ts";
import { renderWithHelm, renderWithTypescript, writeChart } from "../../compiler/testing/render.ts";
import { configMapChart } from "../support/config-map-chart.ts";

/** Each literal, and the text Helm prints for it. */
const NUMBERS: readonly [number, string][] = [
  [0, "0"],
  // JavaScript's negative zero is Go's int 0.
  [-0, "0"],
  [-1, "-1"],
  [123456789012, "123456789012"],
  // A JavaScript integer is a Go int literal, decimal however large (below int64's limit).
  [1e6, "1000000"],
  [2.5, "2.5"],
  [0.0001, "0.0001"],
  [999999.5, "999999.5"],
  // Where the two formats part: Go switches to exponent form.
  [0.00001, "1e-05"],
  [1000000.5, "1.0000005e+06"],
  [-2.5e-7, "-2.5e-07"],
  [1e21, "1e+21"],
  // An integer literal is an int64 where strconv.ParseInt takes it, printed with every digit
  // (JavaScript's String() rounds above 2^53); beyond, Go refuses an integer-looking literal
  // ("integer overflow", text/template/parse/node.go newNumber), so it can only be a float64.
  [2 ** 62, "4611686018427387904"],
  [-(2 ** 62), "-4611686018427387904"],
  [2 ** 63, "9.223372036854776e+18"],
  [1e20, "1e+20"],
];

const values = z.object({ name: z.string().regex(/^[a-z]*$/).default("n") }).strict();
const v = symbolicValues(values);

const chart = configMapChart("numbers", values, () => ({
  // As lines of a block (each {{ }} printed by Go) and as YAML string values, alone (the
  // literal folded into a quoted string, or printed by Go) and beside a value (in a
  // printf's format string, or one of its arguments).
  lines: lines(...NUMBERS.map(([number]) => tpl`${v.name}=${number};`)),
  ...Object.fromEntries(NUMBERS.flatMap(([number], index) => [[`alone-${index}`, tpl`${number}`], [`beside-${index}`, tpl`${v.name}=${number};`]])),
}));

describe.each(helmBinaries())("$label", (helm) => {
  it("prints every number literal in text as Go's %v does, alone or beside a value", async () => {
    const compiled = compileChart(chart);
    expect(compiled.diagnostics).toEqual([]);
    const fromHelm = await renderWithHelm(helm, writeChart(compiled), {});
    if (!fromHelm.ok) throw new Error(fromHelm.error);
    const data = (fromHelm.rendered["configmap.yaml"]![0] as { data: Record<string, string> }).data;
    expect(data["lines"]!.trimEnd().split("\n")).toEqual(NUMBERS.map(([, printed]) => `n=${printed};`));
    expect(NUMBERS.map((_, index) => data[`alone-${index}`])).toEqual(NUMBERS.map(([, printed]) => printed));
    expect(NUMBERS.map((_, index) => data[`beside-${index}`])).toEqual(NUMBERS.map(([, printed]) => `n=${printed};`));
    expect(fromHelm).toEqual(renderWithTypescript(chart, compiled, {}));
  });
});
