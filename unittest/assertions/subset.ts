// isSubset / isNotSubset: the mapping at `path` has every key of `content` with equal values.
import { deepEqual, isYamlMap, type YamlMap } from "../go-yaml/value.ts";
import { fail, PASS, validateEachValue } from "./each.ts";
import { errorInfo, failFormat, splitInfo, yamlText } from "./format.ts";
import type { Params } from "./params.ts";
import type { Validator } from "./types.ts";

/** helm-unittest's validateSubset: a key missing from `actual` compares as null. */
export function isSubset(actual: YamlMap, content: YamlMap): boolean {
  return Object.keys(content).every((key) => deepEqual(Object.hasOwn(actual, key) ? actual[key]! : null, content[key]!));
}

export function createIsSubset(params: Params): Validator {
  const path = params.stringOrEmpty("path");
  const content = params.valueOrNull("content");
  return (context) =>
    validateEachValue(
      context,
      path,
      (actual, documentIndex, valueIndex) => {
        if (!isYamlMap(actual) || !isYamlMap(content)) {
          return fail(errorInfo(`expect '${path}' to be an object, got:\n${yamlText(actual)}`, documentIndex, valueIndex));
        }
        if (isSubset(actual, content) === context.negative) {
          return fail(splitInfo(failFormat(context.negative, true, true, false, " to contain"), documentIndex, valueIndex, path, yamlText(content), yamlText(actual)));
        }
        return PASS;
      },
      () => splitInfo(failFormat(context.negative, true, true, false, " to contain"), -1, -1, path, yamlText(content), "no manifest found"),
    );
}
