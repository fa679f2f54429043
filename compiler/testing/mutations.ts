// Invalid values documents made by mutating valid ones: an unknown key, a wrong type, a
// number out of range, a value outside an enum. Each names the key it breaks, so a test
// can check that Helm's schema error names it too.
import fc from "fast-check";
import { z } from "zod";
import { unwrapSchema } from "../dsl/symbolic.ts";

type AnySchema = z.core.$ZodType;

export interface Mutation {
  readonly kind: "unknown key" | "wrong type" | "out of range" | "bad enum";
  /** Path of the broken key, from the values root. */
  readonly path: readonly string[];
  readonly value: unknown;
}

interface Target {
  readonly path: readonly string[];
  readonly schema: AnySchema;
}

function defOf(schema: AnySchema) {
  return unwrapSchema(schema)._zod.def as {
    type: string;
    shape?: Record<string, AnySchema>;
    keyType?: AnySchema;
    valueType?: AnySchema;
    entries?: Record<string, unknown>;
    checks?: { _zod: { def: { check?: string; value?: number; inclusive?: boolean; pattern?: RegExp } } }[];
  };
}

/** Every key the schema owns (not inside lists), with its schema. */
function targets(schema: AnySchema, path: readonly string[] = []): Target[] {
  const def = defOf(schema);
  const here: Target[] = path.length > 0 ? [{ path, schema }] : [];
  if (def.type === "object") {
    return [...here, ...Object.entries(def.shape ?? {}).flatMap(([key, child]) => targets(child, [...path, key]))];
  }
  if (def.type === "record" && def.valueType) return [...here, { path: [...path, keyOf(def.keyType)], schema: def.valueType }];
  return here;
}

/**
 * A key the record admits, so a mutation of its value breaks the value alone: a key that
 * broke the key pattern would be refused as an additional property of the map instead.
 */
function keyOf(keyType: AnySchema | undefined): string {
  const checks = (keyType ? defOf(keyType).checks : undefined) ?? [];
  const pattern = checks.map((check) => check._zod.def.pattern).find((found) => found instanceof RegExp);
  return pattern ? fc.sample(fc.stringMatching(pattern), { numRuns: 1, seed: 1 })[0]! : "somekey";
}

function mutationsOf(target: Target): Mutation[] {
  const def = defOf(target.schema);
  const result: Mutation[] = [];
  const { path } = target;
  switch (def.type) {
    case "object":
      result.push({ kind: "unknown key", path: [...path, "unknownKey"], value: "x" }, { kind: "wrong type", path, value: "not-a-map" });
      break;
    case "string":
      result.push({ kind: "wrong type", path, value: 12345 });
      break;
    case "boolean":
      result.push({ kind: "wrong type", path, value: "yes" });
      break;
    case "array":
    case "record":
      result.push({ kind: "wrong type", path, value: 7 });
      break;
    case "enum":
      result.push({ kind: "bad enum", path, value: "not-one-of-them" }, { kind: "wrong type", path, value: 7 });
      break;
    case "number": {
      result.push({ kind: "wrong type", path, value: "ten" });
      for (const check of def.checks ?? []) {
        const { check: name, value, inclusive } = check._zod.def;
        if (name === "greater_than" && typeof value === "number") result.push({ kind: "out of range", path, value: value - (inclusive ? 1 : 0) });
        if (name === "less_than" && typeof value === "number") result.push({ kind: "out of range", path, value: value + (inclusive ? 1 : 0) });
      }
      break;
    }
    default:
      break;
  }
  return result;
}

/** Every mutation the schema admits, including an unknown key at the root. */
export function allMutations(schema: z.ZodType): Mutation[] {
  const root: Mutation = { kind: "unknown key", path: ["unknownRootKey"], value: 1 };
  return [root, ...targets(schema).flatMap(mutationsOf)];
}

export function applyMutation(values: Record<string, unknown>, mutation: Mutation): Record<string, unknown> {
  const copy = structuredClone(values);
  let current: Record<string, unknown> = copy;
  mutation.path.slice(0, -1).forEach((key) => {
    const next = current[key];
    if (next === null || typeof next !== "object" || Array.isArray(next)) current[key] = {};
    current = current[key] as Record<string, unknown>;
  });
  current[mutation.path[mutation.path.length - 1]!] = mutation.value;
  return copy;
}

export function arbitraryMutation(schema: z.ZodType): fc.Arbitrary<Mutation> {
  return fc.constantFrom(...allMutations(schema));
}

/**
 * Helm's schema error names the broken key: Helm 3 writes `- service.type: ...` or
 * `- service: Additional property x is not allowed`; Helm 4 writes `- at '/service/type': ...`.
 */
export function helmErrorNamesKey(stderr: string, mutation: Mutation): boolean {
  if (!stderr.includes("values don't meet the specifications of the schema")) return false;
  const key = mutation.path[mutation.path.length - 1]!;
  const parent = mutation.path.slice(0, -1);
  if (mutation.kind === "unknown key") {
    const helm3 = parent.length === 0 ? `(root): Additional property ${key} is not allowed` : `${parent.join(".")}: Additional property ${key} is not allowed`;
    const helm4 = `at '${parent.map((part) => `/${part}`).join("")}': additional properties '${key}' not allowed`;
    return stderr.includes(helm3) || stderr.includes(helm4);
  }
  return stderr.includes(`- ${mutation.path.join(".")}:`) || stderr.includes(`- at '/${mutation.path.join("/")}'`);
}
