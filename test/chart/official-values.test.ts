// The table of the official istio/gateway chart's values (resources/official-gateway-values.ts)
// names only keys this chart's values schema has, and the README shows it.
import { describe, expect, it } from "vitest";
import { renderValuesSchema } from "../../compiler/index.ts";
import { OFFICIAL_GATEWAY_VALUES } from "../../resources/official-gateway-values.ts";
import { CHART_README } from "../../resources/readme.ts";
import { values } from "../../values-schema/index.ts";

type Schema = { properties?: Record<string, Schema> };

/** Whether values.schema.json has the dotted key (a property at each step). */
function schemaHas(schema: Schema, path: string): boolean {
  let node: Schema | undefined = schema;
  for (const key of path.split(".")) node = node?.properties?.[key];
  return node !== undefined;
}

describe("the official istio/gateway values table", () => {
  const schema = renderValuesSchema(values) as Schema;

  it.each(OFFICIAL_GATEWAY_VALUES.filter((row) => row.ours !== null))("$official → $ours is a key of values.schema.json", ({ ours }) => {
    expect(schemaHas(schema, ours!)).toBe(true);
  });

  it("lists each official value once and says why where this chart has none", () => {
    const names = OFFICIAL_GATEWAY_VALUES.map((row) => row.official);
    expect(new Set(names).size).toBe(names.length);
    for (const row of OFFICIAL_GATEWAY_VALUES.filter((candidate) => candidate.ours === null)) expect(row.note, row.official).toBeTruthy();
  });

  it("is the README's table, row for row", () => {
    for (const { official, ours } of OFFICIAL_GATEWAY_VALUES) expect(CHART_README).toContain(`| \`${official}\` | ${ours === null ? "—" : `\`${ours}\``} |`);
  });
});
