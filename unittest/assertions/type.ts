// isType / isNotType: the Go type of the value at `path` (string, int, float64, bool,
// map[string]interface {}, []interface {}).
import { goTypeName } from "../go-yaml/value.ts";
import { fail, PASS, validateEachValue } from "./each.ts";
import { failFormat, splitInfo } from "./format.ts";
import type { Params } from "./params.ts";
import type { Validator } from "./types.ts";

export function createIsType(params: Params): Validator {
  const path = params.stringOrEmpty("path");
  const expected = params.stringOrEmpty("type");
  return (context) => {
    const info = (actual: string, documentIndex: number) =>
      splitInfo(failFormat(context.negative, true, true, false, " to be of type"), documentIndex, -1, path, expected, actual);
    return validateEachValue(
      context,
      path,
      (actual, documentIndex) => {
        const actualType = goTypeName(actual);
        return (actualType === expected) === context.negative ? fail(info(actualType, documentIndex)) : PASS;
      },
      () => info("no manifest found", -1),
    );
  };
}
