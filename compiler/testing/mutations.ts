// Invalid values documents made by mutating valid ones, one for every JSON-Schema
// constraint the compiler emits (unknown key, type, enum, pattern, lengths, range, required)
// at every depth, inside list items too. Each names the key it breaks, so a test can check
// that Helm's schema error names it too.
import fc from "fast-check";
import { z } from "zod";
import { unwrapSchema } from "../values/index.ts";
import { arbitraryFor } from "./arbitrary.ts";

type AnySchema = z.core.$ZodType;

export const MUTATION_KINDS = ["unknown key", "wrong type", "out of range", "bad enum", "bad pattern", "too short", "too long", "missing required"] as const;

export interface Mutation {
  readonly kind: (typeof MUTATION_KINDS)[number];
  /** Path of the broken key, from the values root; a list item is its index ("0"). */
  readonly path: readonly string[];
  /** The new value; undefined deletes the key. */
  readonly value: unknown;
  /**
   * A valid element for each list on the path (by the list's path joined with "/"), put in
   * when the generated list is empty so that the mutation has an item to break.
   */
  readonly listElements: Readonly<Record<string, unknown>>;
}

interface Target {
  readonly path: readonly string[];
  readonly schema: AnySchema;
  /** Whether the key is inside a list item, where Helm's values.yaml defaults do not reach. */
  readonly inList: boolean;
  /** A key of an object's shape (not a record's entry or a list's item), which zod may require. */
  readonly shaped: boolean;
  readonly listElements: Readonly<Record<string, unknown>>;
}

interface Def {
  type: string;
  shape?: Record<string, AnySchema>;
  element?: AnySchema;
  keyType?: AnySchema;
  valueType?: AnySchema;
  entries?: Record<string, unknown>;
  checks?: { _zod: { def: { check?: string; value?: number; inclusive?: boolean; pattern?: RegExp; minimum?: number; maximum?: number; length?: number } } }[];
}

function defOf(schema: AnySchema): Def {
  return unwrapSchema(schema)._zod.def as Def;
}

/** The wrapper types around a key's schema, outermost first (default, optional, ...). */
function wrappers(schema: AnySchema): string[] {
  const result: string[] = [];
  let current = schema;
  for (;;) {
    const def = current._zod.def as { type: string; innerType?: AnySchema };
    if (!def.innerType) return result;
    result.push(def.type);
    current = def.innerType;
  }
}

/** The value a `.default()` (or `.prefault()`) wrapper gives the key, if it has one. */
function defaultOf(schema: AnySchema): unknown {
  let current = schema;
  for (;;) {
    const def = current._zod.def as { type: string; innerType?: AnySchema; defaultValue?: unknown };
    if (def.type === "default" || def.type === "prefault") return def.defaultValue;
    if (!def.innerType) return undefined;
    current = def.innerType;
  }
}

/** One valid sample of a list's element, the same on every run. */
function sampleElement(element: AnySchema): unknown {
  const valid = arbitraryFor(element).filter((candidate) => (element as z.ZodType).safeParse(candidate).success);
  return fc.sample(valid, { numRuns: 1, seed: 1 })[0];
}

/** Every key the schema owns, inside list items too, with its schema. */
function targets(schema: AnySchema, path: readonly string[] = [], inList = false, listElements: Readonly<Record<string, unknown>> = {}, shaped = false): Target[] {
  const def = defOf(schema);
  const here: Target[] = path.length > 0 ? [{ path, schema, inList, shaped, listElements }] : [];
  if (def.type === "object") {
    return [...here, ...Object.entries(def.shape ?? {}).flatMap(([key, child]) => targets(child, [...path, key], inList, listElements, true))];
  }
  if (def.type === "array" && def.element) {
    const elements = { ...listElements, [path.join("/")]: sampleElement(def.element) };
    return [...here, ...targets(def.element, [...path, "0"], true, elements)];
  }
  if (def.type === "record" && def.valueType) return [...here, { path: [...path, keyOf(def.keyType)], schema: def.valueType, inList, shaped: false, listElements }];
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

/** Strings one of which breaks any pattern a chart would write. */
const PATTERN_BREAKERS = ["", "!", " spaced out ", "UPPER_CASE", "-", "9", "a\nb", "ü"];

function stringMutations(def: Def, mutation: (kind: Mutation["kind"], value: unknown) => Mutation): Mutation[] {
  const result = [mutation("wrong type", 12345)];
  for (const check of def.checks ?? []) {
    const { check: name, pattern, minimum, maximum, length } = check._zod.def;
    if (name === "string_format" && pattern instanceof RegExp) {
      const breaker = PATTERN_BREAKERS.find((candidate) => !pattern.test(candidate));
      if (breaker !== undefined) result.push(mutation("bad pattern", breaker));
    }
    const min = name === "length_equals" ? length : name === "min_length" ? minimum : undefined;
    const max = name === "length_equals" ? length : name === "max_length" ? maximum : undefined;
    if (min !== undefined && min > 0) result.push(mutation("too short", "a".repeat(min - 1)));
    if (max !== undefined) result.push(mutation("too long", "a".repeat(max + 1)));
  }
  return result;
}

function mutationsOf(target: Target): Mutation[] {
  const def = defOf(target.schema);
  const { path, listElements } = target;
  const mutation = (kind: Mutation["kind"], value: unknown, at = path): Mutation => ({ kind, path: at, value, listElements });
  const result: Mutation[] = [];
  const wrapped = wrappers(target.schema);
  // A key zod needs: outside lists values.yaml supplies it, so a null (which Helm's merge
  // turns into "no key") removes it; inside a list item nothing supplies it.
  const freeForm = def.type === "any" || def.type === "unknown";
  // A map of the user's keys with default entries stays optional in the schema on purpose:
  // null is how a user drops it whole (compiler/values/json-schema.ts, requireDefaultedKeys).
  const defaulted = defaultOf(target.schema);
  const droppableMap = def.type === "record" && typeof defaulted === "object" && defaulted !== null && Object.keys(defaulted).length > 0;
  if (!freeForm && !droppableMap && !wrapped.includes("optional") && !wrapped.includes("nullable") && target.shaped) {
    if (!target.inList) result.push(mutation("missing required", null));
    else if (!wrapped.includes("default")) result.push(mutation("missing required", undefined));
  }
  switch (def.type) {
    case "object":
      result.push(mutation("unknown key", "x", [...path, "unknownKey"]), mutation("wrong type", "not-a-map"));
      break;
    case "string":
      result.push(...stringMutations(def, mutation));
      break;
    case "boolean":
      result.push(mutation("wrong type", "yes"));
      break;
    case "array":
    case "record":
      result.push(mutation("wrong type", 7));
      break;
    case "enum":
      result.push(mutation("bad enum", "not-one-of-them"), mutation("wrong type", 7));
      break;
    case "number": {
      result.push(mutation("wrong type", "ten"));
      if ((unwrapSchema(target.schema) as unknown as { isInt?: boolean }).isInt) result.push(mutation("wrong type", 1.5));
      for (const check of def.checks ?? []) {
        const { check: name, value, inclusive } = check._zod.def;
        if (name === "greater_than" && typeof value === "number") result.push(mutation("out of range", value - (inclusive ? 1 : 0)));
        if (name === "less_than" && typeof value === "number") result.push(mutation("out of range", value + (inclusive ? 1 : 0)));
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
  const root: Mutation = { kind: "unknown key", path: ["unknownRootKey"], value: 1, listElements: {} };
  return [root, ...targets(schema).flatMap(mutationsOf)];
}

export function applyMutation(values: Record<string, unknown>, mutation: Mutation): Record<string, unknown> {
  const copy = structuredClone(values);
  let current: Record<string, unknown> | unknown[] = copy;
  mutation.path.slice(0, -1).forEach((key, depth) => {
    const next: unknown = (current as Record<string, unknown>)[key];
    const element = mutation.listElements[mutation.path.slice(0, depth + 1).join("/")];
    if (element !== undefined) {
      // A list on the path: break its first item, putting in a valid one when it has none.
      if (!Array.isArray(next) || next.length === 0) (current as Record<string, unknown>)[key] = [structuredClone(element)];
    } else if (next === null || typeof next !== "object") {
      (current as Record<string, unknown>)[key] = {};
    }
    current = (current as Record<string, unknown>)[key] as Record<string, unknown> | unknown[];
  });
  const last = mutation.path[mutation.path.length - 1]!;
  if (mutation.value === undefined) delete (current as Record<string, unknown>)[last];
  else (current as Record<string, unknown>)[last] = mutation.value;
  return copy;
}

/**
 * A mutation drawn kind first, then inside or outside lists, then uniformly: drawn from all
 * at once, the few in list items or of a rare kind would seldom be tried in a hundred runs.
 */
export function arbitraryMutation(schema: z.ZodType): fc.Arbitrary<Mutation> {
  const groups = new Map<string, Mutation[]>();
  for (const mutation of allMutations(schema)) {
    const group = `${mutation.kind} ${Object.keys(mutation.listElements).length > 0 ? "in a list" : ""}`;
    groups.set(group, [...(groups.get(group) ?? []), mutation]);
  }
  return fc.constantFrom(...groups.values()).chain((group) => fc.constantFrom(...group));
}

/**
 * Helm's schema error names the broken key: Helm 3 writes `- service.type: ...`,
 * `- service: Additional property x is not allowed` or `- service: type is required`;
 * Helm 4 writes `- at '/service/type': ...` or `- at '/service': missing property 'type'`.
 */
export function helmErrorNamesKey(stderr: string, mutation: Mutation): boolean {
  if (!stderr.includes("values don't meet the specifications of the schema")) return false;
  const key = mutation.path[mutation.path.length - 1]!;
  const parent = mutation.path.slice(0, -1);
  const helm3Parent = parent.length === 0 ? "(root)" : parent.join(".");
  const helm4Parent = parent.map((part) => `/${part}`).join("");
  if (mutation.kind === "unknown key") {
    return stderr.includes(`${helm3Parent}: Additional property ${key} is not allowed`) || stderr.includes(`at '${helm4Parent}': additional properties '${key}' not allowed`);
  }
  if (mutation.kind === "missing required") {
    return stderr.includes(`- ${helm3Parent}: ${key} is required`) || (stderr.includes(`- at '${helm4Parent}': missing propert`) && stderr.includes(`'${key}'`));
  }
  return stderr.includes(`- ${mutation.path.join(".")}:`) || stderr.includes(`- at '/${mutation.path.join("/")}'`);
}
