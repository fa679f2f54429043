// Every mistake a chart author can make in a definition gets a message naming what is
// wrong and where (file:line), collected as diagnostics rather than a crash.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  and, compileChart, conditionHelper, defineChart, defineCheck, defineTemplate, differsFromDefault, each, ifElse, lines, not, symbolicValues, textHelper, tpl, when, withValue,
  DefinitionError, checksumOf,
  type ChartDefinition,
} from "../../compiler/index.ts";

const schema = z
  .object({
    name: z.string().regex(/^[a-z]*$/).default("n"),
    text: z.string().default(""),
    on: z.boolean().default(false),
    list: z.array(z.object({ name: z.string().regex(/^[a-z]+$/) }).strict()).default([]),
    inner: z.object({ deep: z.string().regex(/^[a-z]*$/).optional() }).strict().prefault({}),
  })
  .strict();
const v = symbolicValues(schema);
const THIS_FILE = "test/compiler/errors.test.ts";

function chartWith(templates: ChartDefinition["templates"], values: z.ZodType = schema): ChartDefinition {
  return defineChart({ metadata: { name: "t", version: "0.1.0", appVersion: "1", description: "t" }, values, valuesHeader: "t", helpers: [], templates });
}

function diagnosticsOf(templates: ChartDefinition["templates"], values?: z.ZodType) {
  return compileChart(chartWith(templates, values)).diagnostics;
}

/** Runs a definition that must throw and returns the DefinitionError. */
function definitionError(run: () => unknown): DefinitionError {
  try {
    run();
  } catch (error) {
    if (error instanceof DefinitionError) return error;
    throw error;
  }
  throw new Error("expected a DefinitionError");
}

describe("errors in definitions", () => {
  it("reports an undefined value with its path and the template's file:line", () => {
    const [diagnostic] = diagnosticsOf([defineTemplate("a.yaml", () => ({ spec: { image: undefined } }))]);
    const line = lineOf('const [diagnostic] = diagnosticsOf([defineTemplate("a.yaml"');
    expect(diagnostic).toMatchObject({ file: THIS_FILE, line, message: expect.stringContaining("spec.image is undefined: omit the key, or make it conditional with when(...)") });
  });

  it("refuses a conditional list item in place of a template's document, which would render an empty document", () => {
    const diagnostics = diagnosticsOf([defineTemplate("docs.yaml", () => [{ kind: "A" }, ...when(v.on, [{ kind: "B" }])])]);
    expect(diagnostics).toEqual([
      {
        file: THIS_FILE,
        line: lineOf('const diagnostics = diagnosticsOf([defineTemplate("docs.yaml"'),
        message:
          'defineTemplate("docs.yaml") document 2 is a conditional or repeated list item (when, unless, each, spreadItems): a template\'s documents are fixed; give documents that depend on values a template of their own with the option when',
      },
    ]);
  });

  it("reports every mistake of a template in one build, not only the first", () => {
    const diagnostics = diagnosticsOf([
      defineTemplate("many.yaml", () => ({ spec: { image: undefined, replicas: Number.NaN, items: [{ run: () => 1 }], tag: undefined } })),
      defineTemplate("fine.yaml", () => ({ kind: "X" })),
    ]);
    const line = lineOf('defineTemplate("many.yaml"');
    expect(diagnostics).toEqual([
      { file: THIS_FILE, line, message: "spec.image is undefined: omit the key, or make it conditional with when(...)" },
      { file: THIS_FILE, line, message: "spec.replicas: NaN cannot be written in YAML" },
      { file: THIS_FILE, line, message: "spec.items[0].run: a function cannot be placed in a chart; use a literal, a symbolic value or a combinator" },
      { file: THIS_FILE, line, message: "spec.tag is undefined: omit the key, or make it conditional with when(...)" },
    ]);
  });

  it("carries on after a combinator's mistake, reporting the next ones too", () => {
    const diagnostics = diagnosticsOf([
      defineTemplate("combinators.yaml", () => ({
        ...when(true as never, { a: 1 }),
        b: ifElse("yes" as never, 1, 2),
        c: tpl`x${undefined as never}`,
        d: lines("ok", 42 as never),
      })),
    ]);
    const line = lineOf("...when(true as never, { a: 1 }),");
    expect(diagnostics.map(({ file, line, message }) => `${file}:${line}: ${message}`)).toEqual([
      `${THIS_FILE}:${line}: when(...) needs a symbolic condition, got boolean true; a plain JavaScript value can use an ordinary if`,
      `${THIS_FILE}:${line + 1}: ifElse(...) needs a symbolic condition, got string "yes"`,
      `${THIS_FILE}:${line + 2}: tpl\`...\` argument 1 is undefined`,
      `${THIS_FILE}:${line + 3}: lines(...): number 42 is not a line; use a string, tpl\`...\` or lines(...)`,
    ]);
  });

  it("refuses a JavaScript value as a condition, pointing at the call", () => {
    const error = definitionError(() => when(true as never, { a: 1 }));
    expect(error.message).toContain("when(...) needs a symbolic condition, got boolean true");
    expect(error.at).toEqual({ file: THIS_FILE, line: lineOf("const error = definitionError(() => when(true as never") });
  });

  it("refuses a string where when(...) takes entries, items or lines", () => {
    expect(definitionError(() => when(v.on, "x" as never)).message).toContain("for a single value use ifElse(...)");
  });

  it("refuses ifElse(...) spread among map keys, which would drop the other keys", () => {
    const [diagnostic] = diagnosticsOf([defineTemplate("a.yaml", () => ({ spec: { kept: 1, ...ifElse(v.on, { a: 1 }, { b: 2 }) } }))]);
    expect(diagnostic?.message).toContain("spec: ifElse(...) is a single value and cannot be spread among map keys; spread when(cond, {...}, {...}) instead");
    expect(diagnostic).toMatchObject({ file: THIS_FILE });
  });

  it("refuses differsFromDefault(...) on a value without a default", () => {
    expect(definitionError(() => differsFromDefault(v.inner.deep)).message).toContain("differsFromDefault(...) needs a value whose schema has a default");
  });

  it("refuses a JavaScript value as a template check's condition", () => {
    const [diagnostic] = diagnosticsOf([defineTemplate("a.yaml", () => ({ a: 1 }), { checks: [{ when: true as never, message: "never" }] })]);
    expect(diagnostic?.message).toContain('defineTemplate("a.yaml") check "never" needs a symbolic condition');
  });

  it("refuses a plain array in each(...)", () => {
    expect(definitionError(() => each([1, 2] as never, () => ({}))).message).toContain("each(...) needs a symbolic list, got an array; map a plain array with .map()");
  });

  it("explains that JavaScript template strings cannot see values", () => {
    expect(definitionError(() => `${v.name as unknown as string}`).message).toContain("use tpl`...${ref}...`");
  });

  it("names a values key the schema does not have", () => {
    expect(definitionError(() => (v as unknown as Record<string, unknown>).nmae).message).toContain('the values schema has no key "nmae"');
    expect(definitionError(() => (v.inner as unknown as Record<string, unknown>).deeep).message).toContain('no key "inner.deeep"');
  });

  it("refuses functions and class instances in a document", () => {
    const diagnostics = diagnosticsOf([defineTemplate("a.yaml", () => ({ a: { b: () => 1 }, c: new Date() }))]);
    expect(diagnostics[0]?.message).toContain("a.b: a function cannot be placed in a chart");
  });

  it("refuses NaN and Infinity", () => {
    expect(diagnosticsOf([defineTemplate("a.yaml", () => ({ n: Number.NaN }))])[0]?.message).toContain("n: NaN cannot be written in YAML");
  });

  it("refuses a withValue value used inside a nested withValue, where the dot has moved", () => {
    const diagnostics = diagnosticsOf([
      defineTemplate("a.yaml", () => ({ ...withValue(v.inner.deep, (deep) => ({ ...withValue(v.name, () => ({ x: deep })) })) })),
    ]);
    expect(diagnostics[0]?.message).toMatch(/errors\.test\.ts:\d+: a withValue\(\.\.\.\) value is used inside a nested withValue\/each/);
  });

  it("refuses a range variable used outside its each", () => {
    let leaked: unknown;
    const diagnostics = diagnosticsOf([
      defineTemplate("a.yaml", () => ({ a: each(v.list, (item) => ((leaked = item.name), { n: item.name })), b: leaked })),
    ]);
    expect(diagnostics[0]?.message).toContain("a range variable is used outside the each/withValue that defines it");
  });

  it("names a checksum of a template that does not exist", () => {
    const diagnostics = diagnosticsOf([defineTemplate("a.yaml", () => ({ c: checksumOf("missing.yaml") }))]);
    expect(diagnostics[0]?.message).toBe('checksumOf("missing.yaml") names no template of this chart');
  });

  it("refuses two templates with one file name and names that Helm would not load", () => {
    const template = defineTemplate("a.yaml", () => ({ a: 1 }));
    expect(diagnosticsOf([template, template])[0]?.message).toBe("template a.yaml is defined twice");
    expect(definitionError(() => defineTemplate("_x.yaml", () => ({}))).message).toContain('template file name "_x.yaml" must be lower-case, end in .yaml/.yml/.txt, sit at most one folder deep');
  });

  it("refuses a free-form string interpolated into a config line", () => {
    const diagnostics = diagnosticsOf([defineTemplate("a.yaml", () => ({ data: { conf: lines(tpl`x ${v.text};`) } }))]);
    expect(diagnostics[0]?.message).toContain("v.text is a free-form string interpolated into a line of text");
    expect(diagnostics[0]?.message).toContain("indentedBlock(...)");
  });

  it("refuses each inside a text helper", () => {
    const helper = textHelper("t.x", "x", lines(each(v.list, (item) => lines(tpl`${item.name}`))));
    const diagnostics = diagnosticsOf([defineTemplate("a.yaml", () => ({ a: helper }))]);
    expect(diagnostics.map((d) => d.message)).toContain("indentedBlock/withValue/each inside a text helper is not supported; compute the value in a template instead");
  });

  it("refuses helpers not named <chart>.<camelCase> or without a description, at the line that defines them", () => {
    const unprefixed = textHelper("other.name", "The name.", tpl`${v.name}`);
    const noSuffix = conditionHelper("t.", "Whether on.", v.on);
    const undescribed = conditionHelper("t.isOn", " ", v.on);
    const diagnostics = diagnosticsOf([defineTemplate("a.yaml", () => ({ a: unprefixed, ...when(noSuffix, { b: 1 }), ...when(undescribed, { c: 1 }) }))]);
    expect(diagnostics).toEqual([
      {
        file: THIS_FILE,
        line: lineOf('const unprefixed = textHelper("other.name"'),
        message: 'helper "other.name" must be named "t.<name>": named templates are global across a chart and its subcharts, so another chart\'s helper of the same name would replace it',
      },
      {
        file: THIS_FILE,
        line: lineOf('const noSuffix = conditionHelper("t."'),
        message: 'helper "t.": the part after "t." must be a camelCase word (letters and digits, starting with a lower-case letter)',
      },
      { file: THIS_FILE, line: lineOf('const undescribed = conditionHelper("t.isOn"'), message: 'helper "t.isOn" has no description: say what it gives, in one sentence' },
    ]);
  });

  it("refuses writes to the symbolic values", () => {
    expect(definitionError(() => ((v as unknown as Record<string, unknown>).name = "x")).message).toBe("symbolic values are read-only");
  });

  it("reports a condition helper used as a value, where it would print \"true\" or \"\" instead of a bool", () => {
    const named = conditionHelper("t.named", "named", v.on);
    const misuse = defineTemplate("c.yaml", () => ({ enabled: and(v.on, named), ...when(and(v.on, not(named)), { fine: true }) }));
    const line = lineOf('const misuse = defineTemplate("c.yaml"');
    expect(diagnosticsOf([misuse])).toEqual([
      {
        file: THIS_FILE,
        line,
        message:
          'the condition helper "t.named" is used as a value (printed, an operand of a printed and/or, or ternary\'s bool), where it would be the string "true" or "": use it only as a condition, or use its expression',
      },
    ]);
    expect(diagnosticsOf([defineTemplate("d.yaml", () => ({ ...when(and(v.on, named), { fine: true }) }))])).toEqual([]);
  });
});

describe("errors in the values schema", () => {
  it("refuses a default inside list elements, which Helm never applies", () => {
    const values = z.object({ ports: z.array(z.object({ protocol: z.string().default("TCP") }).strict()).default([]) }).strict();
    expect(diagnosticsOf([], values).map((d) => d.message)).toContain(
      "ports[].protocol: a default inside a list element or map value is not applied by Helm (user lists replace the default list); make it optional and use defaultTo(...) in the template",
    );
  });

  it("refuses a pattern Go's RE2 cannot compile", () => {
    const values = z.object({ name: z.string().regex(/^(?!kube-).*$/).default("a") }).strict();
    expect(diagnosticsOf([], values)[0]?.message).toContain("uses lookaround or a backreference, which Go's RE2 (and so Helm) rejects");
  });

  it("refuses a schema that does not accept an empty values file", () => {
    const values = z.object({ name: z.string() }).strict();
    expect(diagnosticsOf([], values)[0]?.message).toContain("the values schema does not accept an empty values file");
  });

  it("reports failing definition checks at their file:line, together with the other diagnostics, instead of crashing at import", () => {
    // Written at a module's top level, each of these would throw while the CLI imports the chart.
    const examples = [{ name: "ok", values: {} }, { name: "typo", values: { nmae: "x" } }, { name: "bad", values: { name: "UPPER" } }];
    const examplesCheck = defineCheck(() =>
      examples.flatMap((example) => (schema.safeParse(example.values).success ? [] : [`example ${example.name} does not satisfy the values schema`])),
    );
    const checkLine = lineOf("const examplesCheck = defineCheck");
    const throwingCheck = defineCheck(() => {
      throw new Error("the generated table is missing Istio 1.29");
    });
    const throwingLine = lineOf("const throwingCheck = defineCheck");
    const broken = defineTemplate("broken.yaml", () => ({ kind: "X", name: undefined }));
    const brokenLine = lineOf('const broken = defineTemplate("broken.yaml"');
    const chart = defineChart({ ...chartWith([broken]), checks: [examplesCheck, throwingCheck] });
    expect(compileChart(chart).diagnostics).toEqual(
      expect.arrayContaining([
        { file: THIS_FILE, line: checkLine, message: "example typo does not satisfy the values schema" },
        { file: THIS_FILE, line: checkLine, message: "example bad does not satisfy the values schema" },
        { file: THIS_FILE, line: throwingLine, message: "the generated table is missing Istio 1.29" },
        { file: THIS_FILE, line: brokenLine, message: "name is undefined: omit the key, or make it conditional with when(...)" },
      ]),
    );
  });

  it("reports static files that fail to build at the chart definition's file:line", () => {
    const chart = defineChart({
      ...chartWith([]),
      source: undefined,
      staticFiles: () => {
        throw new Error("example broken does not satisfy the values schema");
      },
    });
    const chartLine = lineOf("const chart = defineChart({\n      ...chartWith([]),\n      source: undefined");
    expect(compileChart(chart).diagnostics).toEqual([{ file: THIS_FILE, line: chartLine, message: "example broken does not satisfy the values schema" }]);
  });
});

/** The line of this file where `text` starts, for expected diagnostics. */
function lineOf(text: string): number {
  const source = readFileSync(fileURLToPath(import.meta.url), "utf8");
  const index = source.indexOf(text);
  if (index < 0) throw new Error(`not in this file: ${text}`);
  return source.slice(0, index).split("\n").length;
}
