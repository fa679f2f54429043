// Every function the DSL offers, applied to awkward values (numbers at Go's format
// boundaries, strings that look like numbers, empty and missing values, lists with repeats,
// maps with keys in any order), rendered by Helm 3 and 4 and by the project's evaluator: the
// two must agree value for value. The chart's own templates reach these functions with the
// inputs its values allow; this reaches the inputs they do not, where a wrong Go rule in the
// evaluator would otherwise go unseen (compiler/evaluate/go-semantics.ts, calls.ts).
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  add, and, compileChart, contains, defaultTo, eq, ge, gt, hasKey, isEmpty, jsonText, le, lengthOf, listOf, lookup, lower, lt, mergeMaps, ne, not, or,
  regexFindAll, replaceAll, symbolicValues, toFloat, toInt, tpl, trimPrefix, trimSuffix, truncate, unique,
} from "../../compiler/index.ts";
import { helmBinaries } from "../../helm/run.ts";
import { DEFAULT_RENDER, renderWithHelm, renderWithTypescript, writeChart, type RenderOptions } from "../../compiler/testing/render.ts";
import { configMapChart } from "../support/config-map-chart.ts";

const values = z
  .object({
    text: z.string().default("12"),
    other: z.string().default(""),
    ratio: z.number().default(2.5),
    count: z.number().int().default(3),
    flag: z.boolean().default(false),
    names: z.array(z.string()).default(["b", "a", "b"]),
    labels: z.record(z.string(), z.string()).default({ z: "1", a: "2" }),
    maybeText: z.string().regex(/^[a-z]*$/).optional(),
    maybeRatio: z.number().optional(),
    maybeFlag: z.boolean().optional(),
  })
  .strict();
const v = symbolicValues(values);

const chart = configMapChart("calls", values, () => ({
  int: tpl`${toInt(v.text)}`,
  intOfRatio: tpl`${toInt(v.ratio)}`,
  float: tpl`${toFloat(v.text)}`,
  floatOfRatio: tpl`${toFloat(v.ratio)}`,
  sum: tpl`${add(v.count, 2, toInt(v.text))}`,
  ratio: tpl`${v.ratio}`,
  count: tpl`${v.count}`,
  json: jsonText(v.labels),
  jsonList: jsonText(v.names),
  jsonText: jsonText(v.text),
  length: tpl`${lengthOf(v.names)}`,
  unique: jsonText(unique(v.names)),
  list: jsonText(listOf(v.text, v.other, "x")),
  lower: lower(tpl`${v.text}AB`),
  truncated: truncate(v.text, 2),
  trimmed: trimSuffix(trimPrefix(v.text, "1"), "2"),
  replaced: replaceAll(v.text, "1", "one"),
  defaulted: defaultTo(v.other, "fallback"),
  // Printed as Go ints only when both sides are ints: 2000000 stays 2000000, a float 2e+06.
  defaultedCount: tpl`${defaultTo(v.count, 7)} ${defaultTo(v.ratio, 7)} ${defaultTo(v.count, 2.5)}`,
  defaultedText: defaultTo(v.text, "fallback"),
  found: jsonText(regexFindAll("[0-9]", v.text)),
  uniqueFound: tpl`${lengthOf(unique(regexFindAll("[0-9]", v.text)))} ${jsonText(unique(regexFindAll("[0-9]", v.text)))}`,
  looked: tpl`${lookup({ "12": "twelve", abc: "letters" }, v.text)}`,
  merged: jsonText(mergeMaps(v.labels, { a: "chart", b: "chart" })),
  conditions: tpl`${contains(v.text, "1")} ${isEmpty(v.other)} ${isEmpty(v.text)} ${hasKey(v.labels, "a")} ${not(v.flag)} ${and(v.flag, v.text)} ${or(v.flag, v.other)}`,
  // As YAML values, compared as printed (integers kept apart from floats on both sides):
  // 2000000 from the values is a float64 Helm would print 2e+06 without the emitter's int.
  numbers: {
    count: v.count,
    ratio: v.ratio,
    defaulted: defaultTo(v.count, 7),
    sum: add(v.count, 1),
    length: lengthOf(v.names),
    int: toInt(v.text),
    float: toFloat(v.text),
    flag: v.flag,
    empty: isEmpty(v.other),
  },
  // Optional values left out: a bare action prints text/template's "<no value>" for them,
  // which Helm erases from the output (pkg/engine/engine.go), leaving YAML null.
  optional: { ratio: v.maybeRatio, flag: v.maybeFlag, text: v.maybeText },
  comparisons: tpl`${eq(v.text, "12")} ${ne(v.other, "")} ${lt(v.ratio, 3)} ${le(v.count, 3)} ${gt(v.ratio, 2.5)} ${ge(v.count, 4)} ${eq(v.count, 3)} ${eq(v.ratio, 2.5)}`,
}));

/** Numbers compared as printed: Helm's 2e+06 and 2000000 differ (test/support/differential.ts does the same). */
const PRINTED: RenderOptions = { ...DEFAULT_RENDER, printedNumbers: true };

/** Values at the edges of Go's rules: number formats, numeric strings, empties, repeats, key order. */
const INPUTS: Record<string, unknown>[] = [
  {},
  { text: "007", ratio: 1e21, count: 0, flag: true, names: [], labels: {} },
  { text: " 12", ratio: 0.00001, count: -5, other: "x", names: ["a"], labels: { b: "x", a: "y" } },
  { text: "1e3", ratio: 1000000.5, count: 2000000, names: ["c", "c", "c"] },
  { text: "5", ratio: 2000000, count: 0, maybeText: "x", maybeRatio: 2000000, maybeFlag: false },
  { text: "abc", ratio: -0.5, count: 1, other: "0" },
  { text: "-4", ratio: 123456.789, count: 999999 },
  { text: "3.9", ratio: 1e-7, count: 4 },
  { text: "", ratio: 0, count: 3, other: "false" },
  { text: "0x1_0" },
  { text: "12.00" },
  { text: "-0o17" },
  { text: "0b101" },
  { text: "1__0" },
  { text: "9223372036854775808" },
];

describe.each(helmBinaries())("every DSL function on awkward values, $label and the evaluator", (helm) => {
  it("render the same values", async () => {
    const compiled = compileChart(chart);
    expect(compiled.diagnostics).toEqual([]);
    const dir = writeChart(compiled);
    for (const input of INPUTS) {
      const fromHelm = await renderWithHelm(helm, dir, input, PRINTED);
      expect(renderWithTypescript(chart, compiled, input, PRINTED), JSON.stringify(input)).toEqual(fromHelm);
    }
  });
});
