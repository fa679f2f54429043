// What Helm renders for the emitter's less common shapes, each written here as the YAML a
// reader expects (empty maps and lists stay empty, not null; conditions of one or several
// operands; a float compared with a literal; an inline else; two documents in one file; a
// block scalar whose first line is blank or may start with a space; a map spread at the
// left margin; nil printed in text).
// Helm is the oracle: these run the emitted chart through Helm 3 and Helm 4, not through
// the project's own evaluator.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  and, compileChart, defineChart, defineTemplate, eq, gt, ifElse, inlineWhen, isEmpty, line, lines, lower, ne, not, or, spreadYaml, symbolicValues, tpl, unless, when,
} from "../../compiler/index.ts";
import { helmBinaries } from "../../helm/run.ts";
import { renderWithHelm, writeChart } from "../../compiler/testing/render.ts";

const values = z
  .object({
    yes: z.boolean().default(true),
    no: z.boolean().default(false),
    ratio: z.number().default(2.5),
    count: z.number().int().default(3),
    word: z.string().default("x"),
    blank: z.string().default(""),
    fields: z.record(z.string(), z.string()).default({ spread: "at the left margin" }),
  })
  .strict();
const v = symbolicValues(values);

const chart = defineChart({
  metadata: { name: "emitted", version: "0.1.0", appVersion: "1", description: "emitter shapes" },
  values,
  valuesHeader: "emitted.",
  helpers: [],
  templates: [
    defineTemplate("shapes.yaml", () => ({
      kind: "Shapes",
      emptyMap: {},
      emptyList: [],
      listOfEmpties: [{}, []],
      nested: { inner: {}, items: [] },
      ...when(and(v.no, v.yes), { bothOfTwo: true }),
      ...when(and(v.yes, v.yes), { bothOfTwoTrue: true }),
      // One operand, not `not`: must not be read as a negation.
      ...when(isEmpty(v.word), { wordEmpty: true }),
      ...when(isEmpty(v.blank), { blankEmpty: true }),
      ...when(lower(v.word), { lowerWordSet: true }),
      ...when(not(v.no), { notNo: true }),
      ...when(not(v.yes), { notYes: true }),
      ...unless(v.yes, { unlessYes: true }),
      ...unless(or(v.no, isEmpty(v.word)), { unlessNeither: true }),
      ...when(v.yes, { conditionalEmptyMap: {}, conditionalEmptyList: [] }),
      ratioIsTwoAndAHalf: eq(v.ratio, 2.5),
      ratioIsNotThree: ne(v.ratio, 3),
      // int 2.5 is 2: the float must be compared as a float.
      ratioAboveTwo: gt(v.ratio, 2),
      countIsNull: eq(v.count, null),
      countIsThree: eq(v.count, 3),
      chosenList: ifElse(v.no, ["then"], ["otherwise"]),
      items: [...when(v.no, [{ name: "then" }], [{ name: "otherwise" }]), ...when(v.yes, [{}])],
      folded: tpl`${1}-${"two"}-${true}`,
      mixed: tpl`${v.count}/${v.ratio}/${v.word}`,
      text: lines(line("a", inlineWhen(v.no, "-then", "-otherwise"), "-b"), line(inlineWhen(v.yes, "yes-only")), line("c", inlineWhen(v.no, "-absent"), "-d")),
      nilText: tpl`${v.word}-${null}`,
      leadingBlankLine: lines("", "x"),
      indentedElse: lines(when(v.no, lines("a"), lines("  b")), "c"),
    })),
    defineTemplate("spread.yaml", () => ({ kind: "Spread", ...spreadYaml(v.fields) })),
    defineTemplate("two.yaml", () => [{ kind: "First", index: 1 }, { kind: "Second", index: 2 }]),
  ],
});

describe.each(helmBinaries())("the emitter's shapes rendered by $label", (helm) => {
  it("renders each shape as written", async () => {
    const compiled = compileChart(chart);
    expect(compiled.diagnostics).toEqual([]);
    const outcome = await renderWithHelm(helm, writeChart(compiled), {});
    if (!outcome.ok) throw new Error(outcome.error);
    expect(outcome.rendered["two.yaml"]).toEqual([{ kind: "First", index: 1 }, { kind: "Second", index: 2 }]);
    expect(outcome.rendered["shapes.yaml"]).toEqual([
      {
        kind: "Shapes",
        emptyMap: {},
        emptyList: [],
        listOfEmpties: [{}, []],
        nested: { inner: {}, items: [] },
        bothOfTwoTrue: true,
        blankEmpty: true,
        lowerWordSet: true,
        notNo: true,
        unlessNeither: true,
        conditionalEmptyMap: {},
        conditionalEmptyList: [],
        ratioIsTwoAndAHalf: true,
        ratioIsNotThree: true,
        ratioAboveTwo: true,
        countIsNull: false,
        countIsThree: true,
        chosenList: ["otherwise"],
        items: [{ name: "otherwise" }, {}],
        folded: "1-two-true",
        mixed: "3/2.5/x",
        text: "a-otherwise-b\nyes-only\nc-d\n",
        nilText: "x-<nil>",
        leadingBlankLine: "\nx\n",
        indentedElse: "  b\nc\n",
      },
    ]);
    expect(outcome.rendered["spread.yaml"]).toEqual([{ kind: "Spread", spread: "at the left margin" }]);
  });
});
