// fast-check arbitraries from a zod schema: values documents a user could write, leaning
// on the strings that break naive templates ("on", "0123", "a: b", quotes, newlines).
import fc from "fast-check";
import { z } from "zod";
import { unwrapSchema } from "../values/index.ts";

type AnySchema = z.core.$ZodType;

/** Strings that YAML 1.1, Go templates or shell quoting treat specially. */
export const AWKWARD_STRINGS = ["on", "off", "yes", "no", "y", "true", "null", "~", "0123", "1e3", "0x1F", "12:30", "a: b", "- x", "#c", "{{ x }}", "'q'", '"q"', "back\\slash", "multi\nline", " lead", "trail ", "日本語", "%d %s"];

interface Checks {
  minLength?: number;
  maxLength?: number;
  pattern?: RegExp;
  minimum?: number;
  maximum?: number;
}

function checksOf(schema: AnySchema): Checks {
  const result: Checks = {};
  const checks = ((schema._zod.def as { checks?: { _zod: { def: Record<string, unknown> } }[] }).checks ?? []).map((check) => check._zod.def);
  for (const check of checks) {
    if (check.check === "min_length") result.minLength = check.minimum as number;
    if (check.check === "max_length") result.maxLength = check.maximum as number;
    if (check.check === "length_equals") result.minLength = result.maxLength = check.length as number;
    if (check.check === "string_format" && check.pattern instanceof RegExp) result.pattern = check.pattern;
    if (check.check === "greater_than") result.minimum = (check.value as number) + (check.inclusive ? 0 : 1);
    if (check.check === "less_than") result.maximum = (check.value as number) - (check.inclusive ? 0 : 1);
  }
  return result;
}

/**
 * Strings whose text Helm changes on its own, whatever the chart does, left out of the generated
 * ones (test/compiler/helm-unicode-text.test.ts shows each with the real Helm binaries):
 * - Unicode white space at the end: Helm trims every rendered document with Go's
 *   strings.TrimSpace (pkg/releaseutil/manifest.go, SplitManifests), and go-yaml writes such a
 *   string unquoted, so on a document's last line it loses its end;
 * - YAML 1.1's line breaks NEL, LS and PS anywhere: toYaml folds NEL to a space, and writes LS
 *   and PS as line breaks that the YAML 1.2 parser reading Helm's output here takes as text.
 * The differential property found the first in CI (a label value of one NBSP came back null).
 */
const TEXT_HELM_CHANGES = /[\u0085\u2028\u2029]|[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]$/u;

function stringArbitrary(checks: Checks): fc.Arbitrary<string> {
  const fits = (s: string): boolean => s.length >= (checks.minLength ?? 0) && s.length <= (checks.maxLength ?? Infinity);
  // Awkward strings are drawn only from those the constraints admit: filtering a constant
  // arbitrary that can never pass would make fast-check retry forever.
  const awkward = AWKWARD_STRINGS.filter((s) => fits(s) && (!checks.pattern || checks.pattern.test(s)));
  const generated = checks.pattern
    ? fc.stringMatching(checks.pattern)
    : fc.oneof(fc.string({ maxLength: Math.min(20, checks.maxLength ?? 20) }), fc.string({ unit: "grapheme", maxLength: Math.min(8, checks.maxLength ?? 8) }));
  const base = awkward.length > 0 ? fc.oneof(fc.constantFrom(...awkward), generated) : generated;
  return base.filter((s) => fits(s) && !TEXT_HELM_CHANGES.test(s));
}

export interface ArbitraryOptions {
  /** Strings used for map keys of free-form records (labels, annotations). */
  readonly recordKey?: fc.Arbitrary<string>;
  /**
   * Keys the chart writes itself (`app`, `istio`, `helm.sh/chart`, ...), drawn as often as
   * random ones for free-form maps: a random key never collides with the chart's, so which
   * side of a merge wins would otherwise never be tested.
   */
  readonly collidingKeys?: readonly string[];
}

const LABEL_KEY = fc.stringMatching(/^[a-z]([-a-z0-9]{0,10}[a-z0-9])?(\/[a-z][a-z0-9]{0,6})?$/);

/**
 * Free-form YAML (affinity, resources, ...). Keys exclude "<<", YAML's merge key, which
 * Go's YAML parsers resolve against the value instead of keeping it as a key.
 */
const freeFormValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small", maxDepth: 2 }, fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(tie("value"), { maxLength: 3 }), fc.dictionary(fc.string().filter((key) => key !== "<<"), tie("value"), { maxKeys: 3 })),
})).value;

/** A user's values document for the schema: optional keys may be absent, lists may be empty. */
export function arbitraryFor(schema: AnySchema, options: ArbitraryOptions = {}): fc.Arbitrary<unknown> {
  const inner = unwrapSchema(schema);
  const def = inner._zod.def as {
    type: string;
    shape?: Record<string, AnySchema>;
    element?: AnySchema;
    valueType?: AnySchema;
    entries?: Record<string, string | number>;
    values?: unknown[];
    options?: AnySchema[];
  };
  const checks = checksOf(inner);
  switch (def.type) {
    case "string":
      return stringArbitrary(checks);
    case "number": {
      const isInt = (inner as unknown as { isInt?: boolean }).isInt;
      const min = checks.minimum ?? -1e9;
      const max = checks.maximum ?? 1e9;
      return isInt ? fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31) }) : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    }
    case "boolean":
      return fc.boolean();
    case "enum":
      return fc.constantFrom(...Object.values(def.entries ?? {}));
    case "literal":
      return fc.constantFrom(...(def.values ?? []));
    case "array": {
      const element = arbitraryFor(def.element!, options);
      // A repeated element too: random elements are never equal, so `uniq` and anything
      // keyed by an element (names, ports) would never see two alike.
      return fc.oneof(fc.array(element, { maxLength: 3 }), element.map((item) => [item, structuredClone(item)]));
    }
    case "record": {
      const random = options.recordKey ?? LABEL_KEY;
      const key = options.collidingKeys && options.collidingKeys.length > 0 ? fc.oneof(random, fc.constantFrom(...options.collidingKeys)) : random;
      return fc.dictionary(key, arbitraryFor(def.valueType!, options), { maxKeys: 3 });
    }
    case "union":
      return fc.oneof(...(def.options ?? []).map((option) => arbitraryFor(option, options)));
    case "object": {
      const shape = def.shape ?? {};
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, child] of Object.entries(shape)) model[key] = arbitraryFor(child, options);
      return fc.record(model, { requiredKeys: [] });
    }
    case "any":
    case "unknown":
      return freeFormValue;
    default:
      throw new Error(`arbitraryFor: no generator for zod type "${def.type}"`);
  }
}

/** Every map key of some rendered documents: the keys a chart writes itself, for `collidingKeys`. */
export function keysWritten(documents: unknown): string[] {
  const keys = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) {
        keys.add(key);
        visit(item);
      }
    }
  };
  visit(documents);
  return [...keys].sort();
}

/** Valid values documents: generated, then kept only when the schema accepts them. */
export function validValues(schema: z.ZodType, options?: ArbitraryOptions): fc.Arbitrary<Record<string, unknown>> {
  return (arbitraryFor(schema, options) as fc.Arbitrary<Record<string, unknown>>).filter((candidate) => schema.safeParse(candidate).success);
}
