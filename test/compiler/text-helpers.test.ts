// Text helpers (textHelper, conditionHelper) in _helpers.tpl: what `include` gives a template,
// rendered by real Helm. In a define every line is one trimmed action, so a helper's output
// is its lines joined with nothing between them and nothing around them.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { compileChart, conditionHelper, each, eq, ifElse, indentedBlock, inlineWhen, line, lines, symbolicValues, textHelper, tpl, when } from "../../compiler/index.ts";
import { helmBinaries } from "../../helm/run.ts";
import { renderWithHelm, renderWithTypescript, writeChart } from "../../compiler/testing/render.ts";
import { configMapChart } from "../support/config-map-chart.ts";

const values = z
  .object({
    replicas: z.number().int().default(2_000_000),
    mode: z.enum(["a", "b"]).default("a"),
    name: z.string().regex(/^[a-z]*$/).default("gw"),
  })
  .strict();
const v = symbolicValues(values);

const helpers = {
  // A line of two text parts, and an empty line, which prints nothing.
  literal: textHelper("t.literal", "Only text.", lines(line("fir", "st"), "", "second")),
  // An integer value alone on a line: Helm hands it over as float64, which would print 2e+06.
  integer: textHelper("t.integer", "An integer alone.", lines(tpl`${v.replicas}`)),
  mixed: textHelper("t.mixed", "Text and values.", lines(tpl`${v.name}-${v.replicas}`)),
  branches: textHelper("t.branches", "A condition with both branches.", lines(when(eq(v.mode, "a"), lines("is-a"), lines("not-a")))),
  onlyThen: textHelper("t.onlyThen", "A condition without an else.", lines("[", when(eq(v.mode, "b"), lines("b")), "]")),
};
// A condition helper prints "true" or "": read only as a condition (printing it is refused).
const isA = conditionHelper("t.isA", "Whether mode is a.", eq(v.mode, "a"));

const chart = (extra: Record<string, unknown> = {}) => configMapChart("t", values, () => ({ ...helpers, isA: ifElse(isA, "yes", "no"), ...extra }));

describe.each(helmBinaries())("$label", (helm) => {
  it.each([
    { values: {}, expected: { literal: "firstsecond", integer: "2000000", mixed: "gw-2000000", branches: "is-a", onlyThen: "[]", isA: "yes" } },
    { values: { mode: "b", replicas: 3, name: "x" }, expected: { literal: "firstsecond", integer: "3", mixed: "x-3", branches: "not-a", onlyThen: "[b]", isA: "no" } },
  ])("gives each helper's lines joined, integers in decimal, the branch taken: $values", async ({ values: given, expected }) => {
    const definition = chart();
    const compiled = compileChart(definition);
    expect(compiled.diagnostics).toEqual([]);
    const fromHelm = await renderWithHelm(helm, writeChart(compiled), given);
    if (!fromHelm.ok) throw new Error(fromHelm.error);
    expect((fromHelm.rendered["configmap.yaml"]![0] as { data: unknown }).data).toEqual(expected);
    expect(fromHelm).toEqual(renderWithTypescript(definition, compiled, given));
  });
});

describe("text helpers the emitter refuses", () => {
  it.each([
    { what: "an inline condition", body: lines(line("x", inlineWhen(eq(v.mode, "a"), "y"))), message: "inlineEach/inlineWhen inside a text helper is not supported" },
    { what: "an indented block", body: lines(indentedBlock(v.name, 2)), message: "indentedBlock/withValue/each inside a text helper is not supported" },
    { what: "a loop", body: lines(each(v.name as never, () => lines("x"))), message: "indentedBlock/withValue/each inside a text helper is not supported" },
  ])("reports $what as a diagnostic", ({ body, message }) => {
    const compiled = compileChart(chart({ bad: textHelper("t.bad", "Not emittable.", body) }));
    expect(compiled.diagnostics.map((diagnostic) => diagnostic.message)).toEqual([expect.stringContaining(message)]);
  });
});
