// values.schema.json from the zod schema: zod's own draft-07 output, tidied where it
// says things a person would not write, with defaults taken from values.yaml's source
// (zod writes `default: {}` for a `.prefault({})` object) and `global` admitted at the
// root so the chart works as a subchart. Two changes make Helm's messages name the key:
// keys with a default are required (see requireDefaultedKeys), and a map's key pattern is
// written as patternProperties (see keyPatternAsPatternProperties).
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
  keyPatternAsPatternProperties(node);
  const properties = node.properties as Record<string, JsonSchema> | undefined;
  if (properties) {
    const defaultObject = defaults !== null && typeof defaults === "object" ? (defaults as Record<string, unknown>) : {};
    for (const [key, child] of Object.entries(properties)) tidy(child, defaultObject[key], hasDefault && key in defaultObject);
    requireDefaultedKeys(node, properties, hasDefault ? defaultObject : {});
  }
  for (const key of ["items", "additionalProperties"] as const) {
    const child = node[key];
    if (child && typeof child === "object") tidy(child as JsonSchema, undefined, false);
  }
  for (const child of Object.values((node.patternProperties ?? {}) as Record<string, JsonSchema>)) tidy(child, undefined, false);
  for (const key of ["anyOf", "oneOf", "allOf"] as const) {
    const children = node[key];
    if (Array.isArray(children)) for (const child of children) tidy(child as JsonSchema, defaults, false);
  }
  const definitions = (node.definitions ?? node.$defs) as Record<string, JsonSchema> | undefined;
  if (definitions) for (const child of Object.values(definitions)) tidy(child, undefined, false);
}

/**
 * Helm deletes a key the user sets to null (`--set accessLog.fields=null`) from the merged
 * values before it validates them, so an optional key let a null through to the templates,
 * which failed with `len of nil` or rendered an empty time zone. Every key values.yaml
 * fills in is present unless nulled, so requiring it refuses exactly the null, naming the
 * key. A map of the user's keys with default entries stays optional: null is how a user
 * drops those whole (Helm merges `{}` into them key by key).
 */
function requireDefaultedKeys(node: JsonSchema, properties: Record<string, JsonSchema>, defaults: Record<string, unknown>): void {
  const required = new Set((node.required as string[] | undefined) ?? []);
  for (const [key, child] of Object.entries(properties)) if (key in defaults && !(isFreeFormMap(child) && hasEntries(defaults[key]))) required.add(key);
  if (required.size > 0) node.required = Object.keys(properties).filter((key) => required.has(key));
}

/** A map of the user's keys (labels, resources, error pages), not an object of the chart's. */
function isFreeFormMap(node: JsonSchema): boolean {
  return node.type === "object" && !node.properties;
}

function hasEntries(value: unknown): boolean {
  return value !== null && typeof value === "object" && Object.keys(value).length > 0;
}

/**
 * zod writes a record's key pattern as propertyNames, and Helm 4 reports a key that breaks
 * it as `at '': invalid propertyName '999'`, naming neither the map nor the pattern.
 * patternProperties with additionalProperties false is the same constraint, and both Helms
 * name the map and the key (`additional properties '999' not allowed`).
 */
function keyPatternAsPatternProperties(node: JsonSchema): void {
  const names = node.propertyNames as JsonSchema | undefined;
  if (!names || typeof names.pattern !== "string" || Object.keys(names).some((key) => key !== "type" && key !== "pattern")) return;
  const values = node.additionalProperties;
  node.patternProperties = { [names.pattern]: values && typeof values === "object" ? values : {} };
  node.additionalProperties = false;
  delete node.propertyNames;
}

/**
 * Helm merges values.yaml into the user's values map by map, but a list or a free-form
 * map from the user replaces the default whole: defaults declared inside list elements
 * or record values are never applied by Helm, so the schema must not promise them. Nor
 * inside an optional object without a default of its own: values.yaml has no such map, so
 * the user's object reaches the templates as written.
 */
export function findUnappliedDefaults(schema: z.core.$ZodType, path = "", where: "values.yaml" | "collection" | "optional object" = "values.yaml", optional = false): string[] {
  const def = schema._zod.def as { type: string; innerType?: z.core.$ZodType; shape?: Record<string, z.core.$ZodType>; element?: z.core.$ZodType; valueType?: z.core.$ZodType; options?: z.core.$ZodType[] };
  const problems: string[] = [];
  const defaulted = def.type === "default" || def.type === "prefault";
  if (defaulted && where === "collection") {
    problems.push(`${path}: a default inside a list element or map value is not applied by Helm (user lists replace the default list); make it optional and use defaultTo(...) in the template`);
  }
  if (defaulted && where === "optional object") {
    problems.push(`${path}: a default inside an optional object without a default of its own is not applied by Helm (values.yaml has no such object to merge the user's into); give the object a default, or make the key optional and use defaultTo(...) in the template`);
  }
  // Whether the object below is optional: an optional wrapper says so, a default inside it undoes it.
  const optionalBelow = defaulted ? false : def.type === "optional" ? true : optional;
  if (def.innerType) problems.push(...findUnappliedDefaults(def.innerType, path, where, optionalBelow));
  for (const [key, child] of Object.entries(def.shape ?? {})) problems.push(...findUnappliedDefaults(child, path ? `${path}.${key}` : key, optionalBelow && where === "values.yaml" ? "optional object" : where));
  if (def.element) problems.push(...findUnappliedDefaults(def.element, `${path}[]`, "collection"));
  if (def.valueType) problems.push(...findUnappliedDefaults(def.valueType, `${path}.*`, "collection"));
  for (const option of def.options ?? []) problems.push(...findUnappliedDefaults(option, path, where, optionalBelow));
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
