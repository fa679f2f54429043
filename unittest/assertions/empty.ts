// isNullOrEmpty / isNotNullOrEmpty (and isEmpty / isNotEmpty): null, "", 0, false, [] or {}.
import type { YamlValue } from "../go-yaml/value.ts";
import { fail, PASS, validateEachValue } from "./each.ts";
import { failFormat, splitInfo, yamlText } from "./format.ts";
import type { Params } from "./params.ts";
import type { Validator } from "./types.ts";

/** Go's zero value test: nil, empty collections and the zero of each scalar type. */
export function isNullOrEmpty(value: YamlValue): boolean {
  if (value === null || value === "" || value === 0 || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === "object" && Object.keys(value).length === 0;
}

export function createIsNullOrEmpty(params: Params): Validator {
  const path = params.stringOrEmpty("path");
  return (context) => {
    const info = (actual: YamlValue, documentIndex: number, valueIndex: number) =>
      splitInfo(failFormat(context.negative, true, false, false, " to be null or empty, got"), documentIndex, valueIndex, path, yamlText(actual));
    return validateEachValue(
      context,
      path,
      (actual, documentIndex, valueIndex) => (isNullOrEmpty(actual) === context.negative ? fail(info(actual, documentIndex, valueIndex)) : PASS),
      () => info("no manifest found", -1, -1),
    );
  };
}
