// values.yaml from the zod schema: the defaults (zod parsing `{}`), in the schema's key
// order, each key preceded by its description in helm-docs' `# --` convention.
import { z } from "zod";
import { stringify } from "yaml";
import { unwrapSchema } from "./unwrap-schema.ts";

type AnySchema = z.core.$ZodType;

export function defaultValues(schema: z.ZodType): Record<string, unknown> {
  const parsed = schema.safeParse({});
  if (!parsed.success) {
    throw new Error(`the values schema does not accept an empty values file, so it cannot give values.yaml's defaults:\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data as Record<string, unknown>;
}

export function describeSchema(schema: AnySchema): string | undefined {
  let current: AnySchema | undefined = schema;
  // A description may sit on any wrapper (.describe() before or after .default()).
  while (current) {
    const description = z.globalRegistry.get(current)?.description;
    if (description) return description;
    const def = current._zod.def as { innerType?: AnySchema; in?: AnySchema };
    current = def.innerType ?? def.in;
  }
  return undefined;
}

/** `.meta({ examples: [...] })`, else the first enum value, else nothing. */
function exampleOf(schema: AnySchema): unknown {
  let current: AnySchema | undefined = schema;
  while (current) {
    const examples = z.globalRegistry.get(current)?.examples;
    if (Array.isArray(examples) && examples.length > 0) return examples[0];
    const def = current._zod.def as { innerType?: AnySchema };
    current = def.innerType;
  }
  const def = unwrapSchema(schema)._zod.def as { type: string; entries?: Record<string, unknown> };
  if (def.type === "enum") return Object.values(def.entries ?? {})[0];
  return null;
}

function objectShape(schema: AnySchema): Record<string, AnySchema> | undefined {
  const def = unwrapSchema(schema)._zod.def as { type: string; shape?: Record<string, AnySchema> };
  return def.type === "object" ? def.shape : undefined;
}

function comment(description: string | undefined, indent: string, helmDocs: boolean): string[] {
  if (!description) return [];
  return description.split("\n").map((line, index) => `${indent}#${index === 0 && helmDocs ? " --" : ""}${line === "" ? "" : ` ${line}`}`);
}

function inlineYaml(value: unknown, indent: string): string[] {
  const text = stringify(value, { lineWidth: 0, version: "1.1" }).replace(/\n$/, "");
  return text.split("\n").map((line) => `${indent}${line}`);
}

function renderObject(schema: AnySchema, values: Record<string, unknown>, depth: number, out: string[]): void {
  const shape = objectShape(schema) ?? {};
  const indent = "  ".repeat(depth);
  const keys = [...Object.keys(shape), ...Object.keys(values).filter((key) => !(key in shape))];
  for (const key of keys) {
    const child = shape[key];
    const value = values[key];
    if (depth === 0 && out.length > 0) out.push("");
    if (!(key in values)) {
      // An optional key without a default: shown commented out, with an example value.
      out.push(...comment(child ? describeSchema(child) : undefined, indent, true));
      out.push(...inlineYaml({ [key]: child ? exampleOf(child) : null }, indent).map((line) => `${indent}# ${line.slice(indent.length)}`));
      continue;
    }
    out.push(...comment(child ? describeSchema(child) : undefined, indent, true));
    const childShape = child ? objectShape(child) : undefined;
    const keyText = stringify({ [key]: null }, { version: "1.1" }).replace(/: null\n$/, "");
    if (childShape && value !== null && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length > 0) {
      out.push(`${indent}${keyText}:`);
      renderObject(child!, value as Record<string, unknown>, depth + 1, out);
    } else {
      const rendered = inlineYaml({ [key]: value }, indent);
      out.push(...rendered);
    }
  }
}

/** values.yaml text. `header` is written at the top as comment lines. */
export function renderValuesYaml(schema: z.ZodType, header: string): string {
  const out: string[] = header.split("\n").map((line) => (line === "" ? "#" : `# ${line}`));
  out.push("");
  const body: string[] = [];
  renderObject(schema, defaultValues(schema), 0, body);
  return `${[...out, ...body].join("\n")}\n`;
}

/** Every leaf of the defaults, as dotted paths, for tests that check nothing is lost. */
export function leafPaths(value: unknown, prefix = ""): string[] {
  if (value === null || typeof value !== "object" || Array.isArray(value) || Object.keys(value).length === 0) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => leafPaths(child, prefix ? `${prefix}.${key}` : key));
}
