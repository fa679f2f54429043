// greaterOrEqual / lessOrEqual (and their not- forms): numbers compare as numbers,
// strings in byte order; the value and the expectation must be of the same type.
import { goTypeName } from "../go-yaml/value.ts";
import { fail, PASS, validateEachValue } from "./each.ts";
import { errorInfo, failFormat, splitInfo } from "./format.ts";
import { AssertionParamError, type Params } from "./params.ts";
import type { Validator } from "./types.ts";

export function createCompare(direction: "greater" | "less") {
  return (params: Params): Validator => {
    const path = params.stringOrEmpty("path");
    const expected = params.valueOrNull("value");
    if (typeof expected !== "number" && typeof expected !== "string") {
      throw new AssertionParamError(`\`${direction}OrEqual\`: parameter \`value\` must be a number or a string`);
    }
    return (context) => {
      const info = (message: string, documentIndex: number, valueIndex: number) =>
        splitInfo(failFormat(context.negative, true, false, false, ` to be ${direction} then or equal to, got`), documentIndex, valueIndex, path, message);
      return validateEachValue(
        context,
        path,
        (actual, documentIndex, valueIndex) => {
          if (typeof actual !== typeof expected) {
            return fail(errorInfo(`actual '${goTypeName(actual)}' and expected '${goTypeName(expected)}' types do not match`, documentIndex, valueIndex));
          }
          const holds = direction === "greater" ? (actual as number | string) >= expected : (actual as number | string) <= expected;
          if (holds !== context.negative) return PASS;
          return fail(info(`the actual '${String(actual)}' is not ${direction} or equal to the expected '${String(expected)}'`, documentIndex, valueIndex));
        },
        () => info("no manifests found", -1, -1),
      );
    };
  };
}
