// The IR as indented JSON, for reading what a definition compiled to (`build --dump-ir`).
// A helper appears once, under "helpers"; an include names it instead of repeating its body.
import type { HelperIR, TemplateIR } from "./types.ts";
import { exprsOfHelper, exprsOfTemplate } from "./walk.ts";

export function dumpIR(templates: ReadonlyMap<string, TemplateIR>): string {
  const helpers = new Map<string, HelperIR>();
  const visit = (helper: HelperIR): void => {
    if (helpers.has(helper.name)) return;
    helpers.set(helper.name, helper);
    for (const expr of exprsOfHelper(helper)) if (expr.op === "include") visit(expr.helper);
  };
  for (const template of templates.values()) for (const expr of exprsOfTemplate(template)) if (expr.op === "include") visit(expr.helper);
  const dump = {
    templates: Object.fromEntries([...templates].sort(([a], [b]) => a.localeCompare(b))),
    helpers: Object.fromEntries([...helpers].sort(([a], [b]) => a.localeCompare(b))),
  };
  return `${compactJson(JSON.parse(JSON.stringify(dump, helperByName)) as unknown, "")}\n`;
}

/** Short values stay on one line (`{ "op": "values", "path": [...] }`), so a template reads as a tree. */
const LINE_WIDTH = 100;

function compactJson(value: unknown, indent: string): string {
  const flat = JSON.stringify(value);
  if (value === null || typeof value !== "object" || indent.length + flat.length <= LINE_WIDTH) return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((item) => `${inner}${compactJson(item, inner)}`).join(",\n")}\n${indent}]`;
  const entries = Object.entries(value).map(([key, item]) => `${inner}${JSON.stringify(key)}: ${compactJson(item, inner)}`);
  return `{\n${entries.join(",\n")}\n${indent}}`;
}

function helperByName(this: unknown, key: string, value: unknown): unknown {
  const holder = this as { op?: unknown } | null;
  if (key === "content" && holder?.op === "file") return `<${(value as string).length} characters>`;
  return key === "helper" && holder?.op === "include" ? (value as HelperIR).name : value;
}
