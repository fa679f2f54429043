// The values table of the chart's README, from the same zod schema as values.yaml.
import { z } from "zod";
import { unwrapSchema } from "./unwrap-schema.ts";
import { defaultValues, describeSchema } from "./values-yaml.ts";

type AnySchema = z.core.$ZodType;

interface Row {
  readonly key: string;
  readonly type: string;
  readonly defaultValue: unknown;
  readonly description: string;
}

function typeName(schema: AnySchema): string {
  const def = unwrapSchema(schema)._zod.def as { type: string; entries?: Record<string, unknown>; element?: AnySchema; values?: unknown[] };
  switch (def.type) {
    case "number":
      return (unwrapSchema(schema) as unknown as { isInt?: boolean }).isInt ? "int" : "float";
    case "enum":
      return Object.values(def.entries ?? {}).map((value) => JSON.stringify(value)).join(" \\| ");
    case "literal":
      return (def.values ?? []).map((value) => JSON.stringify(value)).join(" \\| ");
    case "array":
      return "list";
    case "record":
    case "object":
      return "object";
    default:
      return def.type;
  }
}

export function valuesRows(schema: AnySchema, defaults: unknown, prefix = ""): Row[] {
  const def = unwrapSchema(schema)._zod.def as { type: string; shape?: Record<string, AnySchema> };
  if (def.type !== "object" || !def.shape) return [];
  const rows: Row[] = [];
  for (const [key, child] of Object.entries(def.shape)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const value = defaults !== null && typeof defaults === "object" ? (defaults as Record<string, unknown>)[key] : undefined;
    const childDef = unwrapSchema(child)._zod.def as { type: string };
    if (childDef.type === "object") {
      rows.push(...valuesRows(child, value, path));
    } else {
      rows.push({ key: path, type: typeName(child), defaultValue: value, description: describeSchema(child) ?? "" });
    }
  }
  return rows;
}

const cell = (text: string): string => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** A default as a code cell; a missing one (optional key) is shown as an empty cell. */
function defaultCell(value: unknown): string {
  if (value === undefined) return "";
  return `\`${cell(JSON.stringify(value))}\``;
}

/** What the README is written from: a chart definition has all of it. */
export interface ReadmeSource {
  readonly metadata: { readonly name: string; readonly version: string; readonly appVersion: string; readonly kubeVersion?: string; readonly description: string };
  readonly values: z.ZodType;
  /** Markdown before the generated values table. */
  readonly readme?: string;
}

/** The chart's README.md: title, badges of version and appVersion, the prose, the values table. */
export function renderChartReadme(definition: ReadmeSource): string {
  const { metadata } = definition;
  const rows = valuesRows(definition.values, defaultValues(definition.values));
  const table = [
    "| Key | Type | Default | Description |",
    "|-----|------|---------|-------------|",
    ...rows.map((row) => `| ${cell(row.key)} | ${row.type} | ${defaultCell(row.defaultValue)} | ${cell(row.description)} |`),
  ];
  return [
    `# ${metadata.name}`,
    "",
    `Version ${metadata.version} · app version ${metadata.appVersion}${metadata.kubeVersion ? ` · Kubernetes ${metadata.kubeVersion}` : ""}`,
    "",
    metadata.description,
    "",
    ...(definition.readme ? [definition.readme.trim(), ""] : []),
    "## Values",
    "",
    "Generated from the chart's values schema, like `values.yaml` (whose comments follow helm-docs' `# --` convention) and `values.schema.json`.",
    "",
    ...table,
    "",
  ].join("\n");
}
