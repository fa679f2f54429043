// The loop most helm-unittest validators share: every selected document, every value the
// path matches in it, all must pass; no match is "unknown path" unless negated; no
// document at all fails unless negated.
import { evaluatePath } from "../path/evaluate.ts";
import { parsePath } from "../path/parse.ts";
import type { ParsedPath } from "../path/syntax.ts";
import type { YamlValue } from "../go-yaml/value.ts";
import { errorInfo } from "./format.ts";
import type { Manifest, ValidateContext, Validation } from "./types.ts";

const parsed = new Map<string, ParsedPath>();

/** Every value at `path` in the document; throws PathSyntaxError for a malformed path. */
export function valuesAt(path: string, document: YamlValue): YamlValue[] {
  let compiled = parsed.get(path);
  if (!compiled) {
    compiled = parsePath(path);
    parsed.set(path, compiled);
  }
  return evaluatePath(compiled, document);
}

export type ValueCheck = (actual: YamlValue, documentIndex: number, valueIndex: number) => Validation;

export function validateEachValue(context: ValidateContext, path: string, check: ValueCheck, noManifestInfo: () => readonly string[]): Validation {
  return validateEachManifest(context, (manifest) => validateValues(context, manifest, path, check), noManifestInfo);
}

export function validateEachManifest(context: ValidateContext, check: (manifest: Manifest) => Validation, noManifestInfo: () => readonly string[]): Validation {
  const info: string[] = [];
  let passed = false;
  context.selected.forEach((manifest, index) => {
    const result = check(manifest);
    info.push(...result.info);
    passed = index === 0 ? result.passed : passed && result.passed;
  });
  if (context.selected.length === 0) {
    if (context.negative) passed = true;
    else info.push(...noManifestInfo());
  }
  return { passed, info };
}

function validateValues(context: ValidateContext, manifest: Manifest, path: string, check: ValueCheck): Validation {
  let actuals: YamlValue[];
  try {
    actuals = valuesAt(path, manifest.value);
  } catch (error) {
    return { passed: false, info: errorInfo((error as Error).message, manifest.index) };
  }
  if (actuals.length === 0) {
    return context.negative ? { passed: true, info: [] } : { passed: false, info: errorInfo(`unknown path ${path}`, manifest.index) };
  }
  const info: string[] = [];
  let passed = false;
  actuals.forEach((actual, index) => {
    const result = check(actual, manifest.index, actuals.length > 1 ? index : -1);
    info.push(...result.info);
    passed = index === 0 ? result.passed : passed && result.passed;
  });
  return { passed, info };
}

export const PASS: Validation = { passed: true, info: [] };

export function fail(info: readonly string[]): Validation {
  return { passed: false, info };
}
