// values.yaml and values.schema.json, both from the zod schema, must agree with each
// other and with what zod itself fills in.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";
import { defaultValues, renderValuesSchema } from "../../compiler/index.ts";
import { leafPaths, renderValuesYaml } from "../../compiler/values/values-yaml.ts";
import { findNonRe2Patterns } from "../../compiler/values/json-schema.ts";
import { helmBinaries } from "../../helm/run.ts";
import { renderWithHelm } from "../../compiler/testing/render.ts";
import chartDefinition from "../../resources/index.ts";
import fixtureDefinition from "../fixtures/combinators/chart.ts";
import { compileToDirectory } from "../support/differential.ts";

type Json = Record<string, unknown>;

/**
 * Visits every schema in the tree: properties, list items ("[]" in the path), map values
 * ("*"), patternProperties and the branches of anyOf/oneOf/allOf, so a check on objects
 * reaches the objects inside lists and maps too.
 */
function walkSchema(node: Json, path: string[], visit: (node: Json, path: string[]) => void): void {
  visit(node, path);
  for (const [key, child] of Object.entries((node.properties ?? {}) as Record<string, Json>)) walkSchema(child, [...path, key], visit);
  for (const [pattern, child] of Object.entries((node.patternProperties ?? {}) as Record<string, Json>)) walkSchema(child, [...path, `/${pattern}/`], visit);
  const items = node.items as Json | Json[] | undefined;
  for (const child of Array.isArray(items) ? items : items ? [items] : []) walkSchema(child, [...path, "[]"], visit);
  if (typeof node.additionalProperties === "object" && node.additionalProperties !== null) walkSchema(node.additionalProperties as Json, [...path, "*"], visit);
  for (const keyword of ["anyOf", "oneOf", "allOf"]) {
    for (const child of (node[keyword] ?? []) as Json[]) walkSchema(child, path, visit);
  }
}

function at(value: unknown, path: string[]): unknown {
  return path.reduce<unknown>((current, key) => (current as Json | undefined)?.[key], value);
}

describe.each([
  { name: "chart", definition: chartDefinition },
  { name: "fixture", definition: fixtureDefinition },
])("values of the $name", ({ definition }) => {
  const yamlText = renderValuesYaml(definition.values, "header");
  const fromYaml = parse(yamlText) as Json;
  const defaults = defaultValues(definition.values);
  const schema = renderValuesSchema(definition.values);

  it("values.yaml holds exactly zod's defaults, every leaf of them", () => {
    expect(fromYaml).toEqual(defaults);
    expect(leafPaths(fromYaml).sort()).toEqual(leafPaths(defaults).sort());
  });

  it("the schema's default of every key equals values.yaml's value", () => {
    let checked = 0;
    walkSchema(schema, [], (node, path) => {
      if (path.length === 0 || !("default" in node)) return;
      expect(node.default, path.join(".")).toEqual(at(fromYaml, path));
      checked++;
    });
    expect(checked).toBeGreaterThan(5);
  });

  it("is strict on every object the chart owns and open on free-form maps (but for their key patterns)", () => {
    const inLists: string[] = [];
    walkSchema(schema, [], (node, path) => {
      if (node.type !== "object" || path[0] === "global") return;
      if (path.includes("[]")) inLists.push(path.join("."));
      if (node.properties || node.patternProperties) expect(node.additionalProperties, path.join(".") || "(root)").toBe(false);
      else expect(node.additionalProperties, path.join(".")).not.toBe(false);
    });
    // The walk reaches list items: the chart has lists of objects (accessLog.fields, service.ports …).
    if (definition === chartDefinition) expect(inLists).toContain("accessLog.fields.[]");
  });

  it("requires every key values.yaml fills in, but maps with default entries, which null drops whole", () => {
    let required = 0;
    walkSchema(schema, [], (node, path) => {
      if (!node.properties || path[0] === "global") return;
      const defaultsHere = (path.length === 0 ? fromYaml : at(fromYaml, path)) as Json | undefined;
      for (const [key, child] of Object.entries(node.properties as Record<string, Json>)) {
        if (!defaultsHere || !(key in defaultsHere)) continue;
        const value = defaultsHere[key];
        const droppable = (child as Json).type === "object" && !(child as Json).properties && value !== null && typeof value === "object" && Object.keys(value).length > 0;
        expect((node.required as string[] | undefined)?.includes(key) ?? false, [...path, key].join(".")).toBe(!droppable);
        if (!droppable) required++;
      }
    });
    expect(required).toBeGreaterThan(5);
  });

  it("writes a map's key pattern as patternProperties, which both Helms report with the map's name", () => {
    // zod writes propertyNames, which Helm 3 reports without the map's name; what Helm says
    // for the patternProperties form is in schema-refusals.test.ts ("an error page for a status that is not an error").
    expect(JSON.stringify(schema)).not.toContain('"propertyNames"');
  });

  it("is draft-07, self-contained, without zod's integer noise, and every pattern is RE2", () => {
    const text = JSON.stringify(schema);
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(text).not.toContain("9007199254740991");
    expect(text).not.toMatch(/"\$ref":"(?!#)/);
    expect(findNonRe2Patterns(schema)).toEqual([]);
  });

  it("writes each described key's description above it in helm-docs style", () => {
    expect(yamlText).toMatch(/^# -- .+\n[A-Za-z]/m);
  });
});

describe("the values file header and subchart use", () => {
  const { dir } = compileToDirectory(chartDefinition);

  it.each(helmBinaries())("admits `global` values ($label)", async (helm) => {
    const rendered = await renderWithHelm(helm, dir, { global: { hub: "example", anything: { nested: true } } });
    expect(rendered.ok, rendered.ok ? "" : rendered.error).toBe(true);
  });

  it("is the committed chart/values.yaml", () => {
    expect(readFileSync("chart/values.yaml", "utf8")).toBe(renderValuesYaml(chartDefinition.values, chartDefinition.valuesHeader));
  });
});

describe("the chart's values schema", () => {
  it("writes nginx.errorPages' status-code key pattern as patternProperties beside additionalProperties false", () => {
    const schema = renderValuesSchema(chartDefinition.values) as { properties: Record<string, { properties: Record<string, Record<string, unknown>> }> };
    const { patternProperties, additionalProperties } = schema.properties["nginx"]!.properties["errorPages"]!;
    expect([patternProperties, additionalProperties]).toEqual([{ "^[45][0-9]{2}$": { type: "string", minLength: 1 } }, false]);
  });
});

describe("values.schema.json from key constraints zod writes in other forms", () => {
  it("keeps a map's key constraint that is not a single pattern (a union of keys is propertyNames anyOf)", () => {
    // zod writes `propertyNames: {anyOf: [...]}` for a record keyed by a union; only the
    // bare `{type: "string"}` says nothing and may go.
    const values = z.object({ routes: z.record(z.union([z.literal("default"), z.string().regex(/^api-/)]), z.string()).default({}) }).strict();
    const routes = (renderValuesSchema(values).properties as Record<string, Json>)["routes"]!;
    expect(routes.propertyNames).toEqual({ anyOf: [{ type: "string", const: "default" }, { type: "string", pattern: "^api-" }] });
  });
});
