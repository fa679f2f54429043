// values.schema.json from the zod schema: zod's own draft-07 output, tidied where it
// says things a person would not write, with defaults taken from values.yaml's source
// (zod writes `default: {}` for a `.prefault({})` object) and `global` admitted at the
// root so the chart works as a subchart.
import { z } from "zod";
import { defaultValues } from "./values-yaml.ts";

type JsonSchema = Record<string, unknown>;

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

export function renderValuesSchema(schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, { target: "draft-7", io: "input", unrepresentable: "throw" }) as JsonSchema;
  tidy(json, defaultValues(schema), true);
  const properties = (json.properties ??= {}) as Record<string, JsonSchema>;
  properties.global ??= { type: "object", description: "Values shared with a parent chart (Helm sets this for subcharts)." };
  return json;
}

function tidy(node: JsonSchema, defaults: unknown, hasDefault: boolean): void {
  if (node.maximum === MAX_SAFE) delete node.maximum;
  if (node.minimum === -MAX_SAFE) delete node.minimum;
  const names = node.propertyNames as JsonSchema | undefined;
  if (names && Object.keys(names).length === 1 && names.type === "string") delete node.propertyNames;
  if (hasDefault && "default" in node) node.default = defaults;
  const properties = node.properties as Record<string, JsonSchema> | undefined;
  if (properties) {
    const defaultObject = defaults !== null && typeof defaults === "object" ? (defaults as Record<string, unknown>) : {};
    for (const [key, child] of Object.entries(properties)) tidy(child, defaultObject[key], hasDefault && key in defaultObject);
  }
  for (const key of ["items", "additionalProperties"] as const) {
    const child = node[key];
    if (child && typeof child === "object") tidy(child as JsonSchema, undefined, false);
  }
  for (const key of ["anyOf", "oneOf", "allOf"] as const) {
    const children = node[key];
    if (Array.isArray(children)) for (const child of children) tidy(child as JsonSchema, defaults, false);
  }
  const definitions = (node.definitions ?? node.$defs) as Record<string, JsonSchema> | undefined;
  if (definitions) for (const child of Object.values(definitions)) tidy(child, undefined, false);
}

/**
 * Helm merges values.yaml into the user's values map by map, but a list or a free-form
 * map from the user replaces the default whole: defaults declared inside list elements
 * or record values are never applied by Helm, so the schema must not promise them.
 */
export function findUnappliedDefaults(schema: z.core.$ZodType, path = "", inCollection = false): string[] {
  const def = schema._zod.def as { type: string; innerType?: z.core.$ZodType; shape?: Record<string, z.core.$ZodType>; element?: z.core.$ZodType; valueType?: z.core.$ZodType; options?: z.core.$ZodType[] };
  const problems: string[] = [];
  if (inCollection && (def.type === "default" || def.type === "prefault")) {
    problems.push(`${path}: a default inside a list element or map value is not applied by Helm (user lists replace the default list); make it optional and use defaultTo(...) in the template`);
  }
  if (def.innerType) problems.push(...findUnappliedDefaults(def.innerType, path, inCollection));
  for (const [key, child] of Object.entries(def.shape ?? {})) problems.push(...findUnappliedDefaults(child, path ? `${path}.${key}` : key, inCollection));
  if (def.element) problems.push(...findUnappliedDefaults(def.element, `${path}[]`, true));
  if (def.valueType) problems.push(...findUnappliedDefaults(def.valueType, `${path}.*`, true));
  for (const option of def.options ?? []) problems.push(...findUnappliedDefaults(option, path, inCollection));
  return problems;
}

/** Go's RE2 has no lookaround or backreferences; Helm 4 and Helm ≥ 3.18.5 compile every pattern. */
export function findNonRe2Patterns(schema: unknown, path = "#"): string[] {
  const problems: string[] = [];
  if (schema && typeof schema === "object") {
    for (const [key, value] of Object.entries(schema)) {
      if (key === "pattern" && typeof value === "string" && /\(\?[=!]|\(\?<[=!]|\\[1-9]/.test(value)) {
        problems.push(`${path}: pattern ${JSON.stringify(value)} uses lookaround or a backreference, which Go's RE2 (and so Helm) rejects`);
      }
      problems.push(...findNonRe2Patterns(value, `${path}/${key}`));
    }
  }
  return problems;
}
