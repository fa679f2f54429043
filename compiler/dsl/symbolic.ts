// The symbolic values object: `v.nginx.image.tag` is a reference carrying its path and
// what the zod schema says about it, not a string. Built from the schema, so a key the
// schema does not have fails both the type check and the compile.
import { z } from "zod";
import type { ExprIR, Scope, ValueKind } from "../ir/types.ts";
import { EXPR_IR, makeExpr, type Sym } from "./expr.ts";
import { DefinitionError } from "./location.ts";
import { unwrapSchema } from "../values/unwrap-schema.ts";

export { unwrapSchema };

type AnySchema = z.core.$ZodType;

export function valueKindOf(schema: AnySchema | undefined): ValueKind {
  if (!schema) return "unknown";
  const inner = unwrapSchema(schema);
  const def = inner._zod.def as { type: string; format?: string; entries?: Record<string, unknown>; values?: unknown[] };
  switch (def.type) {
    case "string":
    case "template_literal":
      return "string";
    case "number":
      return (inner as unknown as { isInt?: boolean }).isInt ? "integer" : "number";
    case "int":
      return "integer";
    case "boolean":
      return "boolean";
    case "object":
    case "record":
      return "object";
    case "array":
    case "tuple":
      return "array";
    case "enum": {
      const values = Object.values(def.entries ?? {});
      return values.every((value) => typeof value === "string") ? "string" : "unknown";
    }
    case "literal": {
      const values = def.values ?? [];
      if (values.every((value) => typeof value === "string")) return "string";
      if (values.every((value) => typeof value === "boolean")) return "boolean";
      return "unknown";
    }
    default:
      return "unknown";
  }
}

/**
 * A string the schema does not constrain with a pattern (or an enum) may hold a newline;
 * interpolated into a line of a config file that would break the YAML block around it.
 */
export function isFreeText(schema: AnySchema | undefined): boolean {
  if (!schema) return false;
  const inner = unwrapSchema(schema);
  const def = inner._zod.def as { type: string; checks?: { _zod: { def: { check?: string; format?: string } } }[] };
  if (def.type !== "string") return false;
  return !(def.checks ?? []).some((check) => check._zod.def.check === "string_format" && check._zod.def.format === "regex");
}

/** The schema of `key` inside `schema`, or undefined for free-form values. */
function childSchema(schema: AnySchema | undefined, key: string, path: readonly string[]): AnySchema | undefined {
  if (!schema) return undefined;
  const inner = unwrapSchema(schema);
  const def = inner._zod.def as { type: string; shape?: Record<string, AnySchema>; valueType?: AnySchema; catchall?: AnySchema };
  if (def.type === "object") {
    const child = def.shape?.[key];
    if (child) return child;
    if (def.catchall && (def.catchall._zod.def as { type: string }).type !== "never") return def.catchall;
    throw new DefinitionError(`the values schema has no key "${[...path, key].join(".")}"`);
  }
  if (def.type === "record") return def.valueType;
  return undefined;
}

/** The element schema of a list, for `each`. */
export function elementSchema(schema: AnySchema | undefined): AnySchema | undefined {
  if (!schema) return undefined;
  const def = unwrapSchema(schema)._zod.def as { type: string; element?: AnySchema; valueType?: AnySchema };
  if (def.type === "array") return def.element;
  if (def.type === "record") return def.valueType;
  return undefined;
}

const SCHEMA = Symbol("helm-compiler.schema");

// Keys a Proxy must answer itself: promise detection and the conversions JavaScript calls.
const PASSTHROUGH = new Set<string | symbol>(["then", "toJSON", "constructor", "valueOf", "toString"]);

function symbolicRef(ir: Extract<ExprIR, { op: "values" | "scope" }>, schema: AnySchema | undefined): unknown {
  const target = makeExpr(ir) as object;
  Object.defineProperty(target, SCHEMA, { value: schema });
  return new Proxy(target, {
    get(obj, prop, receiver) {
      if (typeof prop === "symbol" || PASSTHROUGH.has(prop)) return Reflect.get(obj, prop, receiver);
      const child = childSchema(schema, prop, ir.path);
      const path = [...ir.path, prop];
      const kind = valueKindOf(child);
      const freeText = isFreeText(child) || undefined;
      return symbolicRef(ir.op === "values" ? { op: "values", path, kind, freeText } : { op: "scope", scope: ir.scope, path, kind, freeText }, child);
    },
    set() {
      throw new DefinitionError("symbolic values are read-only");
    },
  });
}

/** `v` for a values schema: every property access is a typed reference into `.Values`. */
export function symbolicValues<S extends z.ZodType>(schema: S): Sym<z.output<S>> {
  return symbolicRef({ op: "values", path: [], kind: "object" }, schema) as Sym<z.output<S>>;
}

/** A reference to a `range`/`with` variable whose value has the given schema. */
export function scopeRef<T>(scope: Scope, schema: AnySchema | undefined): Sym<T> {
  return symbolicRef({ op: "scope", scope, path: [], kind: valueKindOf(schema), freeText: isFreeText(schema) || undefined }, schema) as Sym<T>;
}

export function schemaOfRef(ref: unknown): AnySchema | undefined {
  return (ref as { [SCHEMA]?: AnySchema })[SCHEMA];
}

export { EXPR_IR };
