// values.yaml, the README's values table and values.schema.json from one small zod schema,
// each expected output written here in full: helm-docs' `# --` comments and YAML 1.1 keys,
// the table's cells (types, escaped pipes, empty default of an optional key), and the schema
// tidied as json-schema.ts says (no int64-safe noise, defaults from values.yaml, required
// defaulted keys but maps with entries, key patterns as patternProperties, `global`).
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defaultValues, findNonRe2Patterns, findUnappliedDefaults, renderChartReadme, renderValuesSchema, renderValuesYaml } from "../../compiler/values/index.ts";

const values = z
  .object({
    name: z.string().default("gw").describe("The gateway's name.\nSecond line | with a pipe"),
    replicas: z.number().int().min(1).max(10).default(2).describe("How many pods"),
    ratio: z.number().default(0.5),
    mode: z.enum(["a", "b"]).default("a").describe("Mode"),
    kind: z.literal(["x", "y"]).default("x"),
    tags: z.array(z.string()).default([]),
    labels: z.record(z.string().regex(/^[a-z]+$/), z.string()).default({ team: "edge" }),
    annotations: z.record(z.string(), z.string()).default({}),
    nested: z
      .object({ on: z.boolean().default(true), port: z.number().int().optional().describe("Port").meta({ examples: [8080] }) })
      .strict()
      .prefault({}),
    level: z.enum(["debug", "info"]).optional(),
  })
  .strict();

describe("the values files of a chart definition", () => {
  it("writes values.yaml: header, helm-docs comments, defaults in schema order, optional keys commented out with an example", () => {
    expect(renderValuesYaml(values, "header line\n\nsecond")).toBe(
      [
        "# header line",
        "#",
        "# second",
        "",
        "# -- The gateway's name.",
        "# Second line | with a pipe",
        "name: gw",
        "",
        "# -- How many pods",
        "replicas: 2",
        "",
        "ratio: 0.5",
        "",
        "# -- Mode",
        "mode: a",
        "",
        "kind: x",
        "",
        "tags: []",
        "",
        "labels:",
        "  team: edge",
        "",
        "annotations: {}",
        "",
        "nested:",
        // YAML 1.1, which Helm reads: a bare `on` key would be the boolean true.
        '  "on": true',
        "  # -- Port",
        "  # port: 8080",
        "",
        "# level: debug",
        "",
      ].join("\n"),
    );
  });

  it("writes the README: title, versions, prose, then one table row per leaf", () => {
    const readme = renderChartReadme({ metadata: { name: "demo", version: "1.2.3", appVersion: "4.5", kubeVersion: ">=1.29", description: "A demo." }, values, readme: "\nProse.\n" });
    expect(readme).toBe(
      [
        "# demo",
        "",
        "Version 1.2.3 · app version 4.5 · Kubernetes >=1.29",
        "",
        "A demo.",
        "",
        "Prose.",
        "",
        "## Values",
        "",
        "Generated from the chart's values schema, like `values.yaml` (whose comments follow helm-docs' `# --` convention) and `values.schema.json`.",
        "",
        "| Key | Type | Default | Description |",
        "|-----|------|---------|-------------|",
        "| name | string | `\"gw\"` | The gateway's name. Second line \\| with a pipe |",
        "| replicas | int | `2` | How many pods |",
        "| ratio | float | `0.5` |  |",
        '| mode | "a" \\| "b" | `"a"` | Mode |',
        '| kind | "x" \\| "y" | `"x"` |  |',
        "| tags | list | `[]` |  |",
        '| labels | object | `{"team":"edge"}` |  |',
        "| annotations | object | `{}` |  |",
        "| nested.on | boolean | `true` |  |",
        "| nested.port | int |  | Port |",
        '| level | "debug" \\| "info" |  |  |',
        "",
      ].join("\n"),
    );
    const plain = renderChartReadme({ metadata: { name: "demo", version: "1", appVersion: "2", description: "D." }, values: z.object({}) });
    expect(plain.split("\n").slice(0, 6)).toEqual(["# demo", "", "Version 1 · app version 2", "", "D.", ""]);
    expect(plain).toContain("D.\n\n## Values\n");
  });

  it("writes values.schema.json tidied: bounds the user wrote, values.yaml's defaults, required defaulted keys, key patterns as patternProperties, global", () => {
    expect(renderValuesSchema(values)).toEqual({
      $schema: "http://json-schema.org/draft-07/schema#",
      type: "object",
      properties: {
        name: { default: "gw", description: "The gateway's name.\nSecond line | with a pipe", type: "string" },
        replicas: { default: 2, description: "How many pods", type: "integer", minimum: 1, maximum: 10 },
        ratio: { default: 0.5, type: "number" },
        mode: { default: "a", description: "Mode", type: "string", enum: ["a", "b"] },
        kind: { default: "x", type: "string", enum: ["x", "y"] },
        tags: { default: [], type: "array", items: { type: "string" } },
        labels: { default: { team: "edge" }, type: "object", additionalProperties: false, patternProperties: { "^[a-z]+$": { type: "string" } } },
        annotations: { default: {}, type: "object", additionalProperties: { type: "string" } },
        nested: {
          default: { on: true },
          type: "object",
          properties: { on: { default: true, type: "boolean" }, port: { description: "Port", examples: [8080], type: "integer" } },
          additionalProperties: false,
          required: ["on"],
        },
        level: { type: "string", enum: ["debug", "info"] },
        global: { type: "object", description: "Values shared with a parent chart (Helm sets this for subcharts)." },
      },
      additionalProperties: false,
      // labels is left out: null is how a user drops a map's default entries whole.
      required: ["name", "replicas", "ratio", "mode", "kind", "tags", "annotations", "nested"],
    });
  });

  it("keeps a global the schema declares itself", () => {
    const withGlobal = z.object({ global: z.object({ region: z.string().default("eu") }).prefault({}) });
    expect((renderValuesSchema(withGlobal).properties as Record<string, unknown>)["global"]).toEqual({
      default: { region: "eu" },
      type: "object",
      properties: { region: { default: "eu", type: "string" } },
      required: ["region"],
    });
  });

  it("names defaults Helm never applies (inside list items, map values and optional objects) and patterns RE2 refuses", () => {
    // Helm merges only values.yaml's maps into the user's (chartutil's coalesce): a key of an
    // object values.yaml lacks reaches the templates only if the user wrote it.
    const schema = z.object({
      list: z.array(z.object({ port: z.number().default(80) })).default([]),
      map: z.record(z.string(), z.object({ on: z.boolean().prefault(true) })).default({}),
      fine: z.object({ port: z.number().default(80) }).prefault({}),
      proxy: z.object({ host: z.string(), port: z.number().default(3128), tls: z.object({ verify: z.boolean().default(true) }).optional() }).optional(),
      // zod's optional runs a prefault inside it, so values.yaml has this object and its defaults.
      filled: z.object({ port: z.number().default(80) }).prefault({}).optional(),
      leaf: z.string().default("x").optional(),
    });
    expect(findUnappliedDefaults(schema)).toEqual([
      "list[].port: a default inside a list element or map value is not applied by Helm (user lists replace the default list); make it optional and use defaultTo(...) in the template",
      "map.*.on: a default inside a list element or map value is not applied by Helm (user lists replace the default list); make it optional and use defaultTo(...) in the template",
      "proxy.port: a default inside an optional object without a default of its own is not applied by Helm (values.yaml has no such object to merge the user's into); give the object a default, or make the key optional and use defaultTo(...) in the template",
      "proxy.tls.verify: a default inside an optional object without a default of its own is not applied by Helm (values.yaml has no such object to merge the user's into); give the object a default, or make the key optional and use defaultTo(...) in the template",
    ]);
    expect(Object.keys(defaultValues(schema))).toEqual(expect.arrayContaining(["filled", "leaf"]));
    expect(findNonRe2Patterns({ properties: { a: { pattern: "^(?!x)" }, b: { pattern: "^a$" }, c: { pattern: "(a)\\1" }, d: { pattern: "(?<=y)" } } })).toEqual([
      '#/properties/a: pattern "^(?!x)" uses lookaround or a backreference, which Go\'s RE2 (and so Helm) rejects',
      '#/properties/c: pattern "(a)\\\\1" uses lookaround or a backreference, which Go\'s RE2 (and so Helm) rejects',
      '#/properties/d: pattern "(?<=y)" uses lookaround or a backreference, which Go\'s RE2 (and so Helm) rejects',
    ]);
  });
});

describe("looking through zod's wrappers", () => {
  // Every wrapper a values schema may carry hides the same shape: the README, values.yaml
  // and the symbolic values read the wrapped object, never the wrapper.
  it("unwraps default, prefault, optional, nullable, readonly, catch, nonoptional, pipe and lazy to the object inside", async () => {
    const { unwrapSchema } = await import("../../compiler/values/index.ts");
    const inner = z.object({ a: z.string() });
    const wrapped = [
      inner.default({ a: "x" }),
      inner.prefault({ a: "x" }),
      inner.optional(),
      inner.nullable(),
      inner.readonly(),
      inner.catch({ a: "x" }),
      inner.optional().nonoptional(),
      inner.pipe(z.object({ a: z.string() })),
      z.lazy(() => inner),
      z.lazy(() => inner.default({ a: "y" }).optional()).readonly(),
    ];
    for (const schema of wrapped) expect(unwrapSchema(schema)).toBe(inner);
    // A schema without wrappers is itself.
    const text = z.string();
    expect(unwrapSchema(text)).toBe(text);
  });
});

describe("the values files' less common shapes", () => {
  const shapes = z.object({
    story: z.string().default("s").describe("First\n\nThird"),
    piped: z.string().describe("Piped").pipe(z.string()).default("p"),
    only: z.literal("one").default("one"),
    empty: z.object({ x: z.string().optional() }).prefault({}),
    gone: z.object({ a: z.string().optional() }).nullable().default(null),
    count: z.number().int().nullable().default(null),
    prefixed: z.record(z.string().regex(/^a/).min(2), z.string()).default({}),
    free: z.string().optional(),
  });

  it("writes blank description lines as `#`, empty and null defaults inline, an optional key without example as null", () => {
    expect(renderValuesYaml(shapes, "h")).toBe(
      ["# h", "", "# -- First", "#", "# Third", "story: s", "", "# -- Piped", "piped: p", "", "only: one", "", "empty: {}", "", "gone: null", "", "count: null", "", "prefixed: {}", "", "# free: null", ""].join("\n"),
    );
  });

  it("tabulates a description behind a pipe, a single literal, the leaves of a null object and a null default", () => {
    const rows = renderChartReadme({ metadata: { name: "n", version: "1", appVersion: "1", description: "d" }, values: shapes })
      .split("\n")
      .filter((line) => line.startsWith("| ") && !line.startsWith("| Key"));
    expect(rows).toEqual([
      '| story | string | `"s"` | First  Third |',
      '| piped | string | `"p"` | Piped |',
      '| only | "one" | `"one"` |  |',
      "| empty.x | string |  |  |",
      "| gone.a | string |  |  |",
      "| count | int | `null` |  |",
      "| prefixed | object | `{}` |  |",
      "| free | string |  |  |",
    ]);
  });

  it("tidies inside anyOf too, keeps a key pattern with other constraints as propertyNames, and writes no empty required", () => {
    const properties = renderValuesSchema(shapes).properties as Record<string, unknown>;
    expect(properties["count"]).toEqual({ default: null, anyOf: [{ type: "integer" }, { type: "null" }] });
    expect(properties["prefixed"]).toEqual({ default: {}, type: "object", propertyNames: { type: "string", minLength: 2, pattern: "^a" }, additionalProperties: { type: "string" } });
    expect(properties["empty"]).toEqual({ default: {}, type: "object", properties: { x: { type: "string" } } });
    expect(properties["gone"]).toEqual({ default: null, anyOf: [{ type: "object", properties: { a: { type: "string" } } }, { type: "null" }] });
  });

  it("refuses a schema that rejects an empty values file, and lists every leaf of the defaults", async () => {
    const { defaultValues, leafPaths } = await import("../../compiler/values/index.ts");
    expect(() => defaultValues(z.object({ name: z.string() }))).toThrow(/^the values schema does not accept an empty values file, so it cannot give values.yaml's defaults:\n.*name/s);
    expect(leafPaths({ a: { b: 1, c: [] }, d: {} })).toEqual(["a.b", "a.c", "d"]);
    expect(leafPaths(1)).toEqual([""]);
  });

  it("flags only a pattern keyword's lookaround, not the same text elsewhere", () => {
    expect(findNonRe2Patterns({ description: "(?!x)", pattern: 5, items: { pattern: "a(?=b)" } })).toEqual([
      '#/items: pattern "a(?=b)" uses lookaround or a backreference, which Go\'s RE2 (and so Helm) rejects',
    ]);
  });
});
