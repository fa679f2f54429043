// lengthEqual / notLengthEqual, as helm-unittest 1.1.0 has them
// (pkg/unittest/validators/length_equal_document_validator.go): the lists at `path` have
// `count` items, or the lists at `paths` all have one length (and `count`, when given).
// With `count`, a value that is not a list (null, say) counts as length 0.
import { valuesAt } from "./each.ts";
import { errorInfo, failFormat, splitInfo } from "./format.ts";
import type { Params } from "./params.ts";
import type { Manifest, Validation, Validator } from "./types.ts";

interface PathLength extends Validation {
  readonly length: number;
}

export function createLengthEqual(params: Params): Validator {
  const path = params.string("path") ?? "";
  const paths = params.stringList("paths");
  const count = params.integer("count");

  const countInfo = (where: string, expected: string, actual: string, documentIndex: number, negative: boolean) =>
    splitInfo(failFormat(negative, true, true, false, " to match count"), documentIndex, -1, where, expected, actual);

  const lengthAt = (manifest: Manifest, single: string, documentIndex: number, negative: boolean): PathLength => {
    let actuals;
    try {
      actuals = valuesAt(single, manifest.value);
    } catch (error) {
      return { passed: false, info: errorInfo((error as Error).message, documentIndex), length: 0 };
    }
    let passed = actuals.length === 0 && negative;
    const info: string[] = [];
    let length = 0;
    actuals.forEach((actual, index) => {
      if (!Array.isArray(actual) && count === undefined) {
        info.push(...errorInfo(`${single} is not array`, documentIndex, index));
        return;
      }
      length = Array.isArray(actual) ? actual.length : 0;
      const holds = count === undefined || (length === count) !== negative;
      if (!holds) info.push(...countInfo(single, String(count), String(length), documentIndex, negative));
      passed = index === 0 ? holds : passed && holds;
    });
    return { passed, info, length };
  };

  const checkPaths = (manifest: Manifest, documentIndex: number, negative: boolean): Validation => {
    const lengths = new Map<string, number>();
    const info: string[] = [];
    let everyPath = true;
    for (const single of paths) {
      const result = lengthAt(manifest, single, documentIndex, negative);
      if (!result.passed) {
        everyPath = false;
        info.push(...result.info);
      }
      lengths.set(single, result.length);
    }
    if (!everyPath) return { passed: false, info };
    let first: number | undefined;
    for (const single of [...lengths.keys()].sort()) {
      const length = lengths.get(single)!;
      if (first === undefined) first = length;
      else if ((first === length) === negative) return { passed: false, info: countInfo(single, "-1", String(length), documentIndex, negative) };
    }
    return { passed: true, info: [] };
  };

  return (context) => {
    if (path !== "" && (count === undefined || count < 0)) return { passed: false, info: errorInfo("'count' field must be set if 'path' is used") };
    if (path !== "" && paths.length > 0) return { passed: false, info: errorInfo("'paths' couldn't be used with 'path'") };
    const info: string[] = [];
    let passed = false;
    context.selected.forEach((manifest, index) => {
      const result = path !== "" ? lengthAt(manifest, path, index, context.negative) : checkPaths(manifest, index, context.negative);
      info.push(...result.info);
      passed = index === 0 ? result.passed : passed && result.passed;
    });
    if (context.selected.length === 0) {
      if (context.negative) return { passed: true, info };
      info.push(...countInfo("", "", "no manifest found", -1, context.negative));
    }
    return { passed, info };
  };
}
