// matchRegex / notMatchRegex (with decodeBase64) and matchRegexRaw / notMatchRegexRaw.
import { compileGoRegexp } from "../go-regexp.ts";
import { fail, PASS, validateEachManifest, validateEachValue } from "./each.ts";
import { errorInfo, failFormat, splitInfo, uniformContent, yamlText } from "./format.ts";
import { decodeBase64Strict, rawText } from "./equal.ts";
import type { Params } from "./params.ts";
import type { Validation, Validator } from "./types.ts";

/** The pattern as Go compiles it, or the assertion's failure when it does not compile. */
function compileOrFail(pattern: string): RegExp | Validation {
  try {
    return compileGoRegexp(pattern);
  } catch (error) {
    return fail(errorInfo((error as Error).message));
  }
}

/** validateRequiredField in helm-unittest 1.1.0 pkg/unittest/validators/common.go:151. */
const PATTERN_MISSING = "expected field 'pattern' to be filled";

export function createMatchRegex(params: Params): Validator {
  const path = params.stringOrEmpty("path");
  const pattern = params.stringOrEmpty("pattern");
  const decodeBase64 = params.boolean("decodeBase64");
  return (context) => {
    if (pattern === "") return fail(errorInfo(PATTERN_MISSING));
    const regex = compileOrFail(pattern);
    if (!(regex instanceof RegExp)) return regex;
    return validateEachValue(
      context,
      path,
      (actual, documentIndex, valueIndex) => {
        if (typeof actual !== "string") {
          return fail(errorInfo(`expect '${path}' to be a string, got:\n${yamlText(actual)}`, documentIndex, valueIndex));
        }
        const text = decodeBase64 ? decodeBase64Strict(actual) : actual;
        if (text === undefined) return fail(errorInfo(`unable to decode base64 expected content ${actual}`, documentIndex, valueIndex));
        if (regex.test(text) === context.negative) {
          return fail(splitInfo(failFormat(context.negative, true, true, false, " to match"), documentIndex, valueIndex, path, pattern, text));
        }
        return PASS;
      },
      () => splitInfo(failFormat(context.negative, true, true, false, " to match"), -1, -1, path, pattern, "no manifest found"),
    );
  };
}

export function createMatchRegexRaw(params: Params): Validator {
  const pattern = params.stringOrEmpty("pattern");
  return (context) => {
    if (pattern === "") return fail(errorInfo(PATTERN_MISSING));
    const regex = compileOrFail(pattern);
    if (!(regex instanceof RegExp)) return regex;
    const info = (actual: string) => splitInfo(failFormat(context.negative, false, true, false, " to match"), -1, -1, pattern, actual);
    return validateEachManifest(
      context,
      (manifest) => {
        const actual = uniformContent(rawText(manifest.value["raw"]));
        return regex.test(actual) === context.negative ? fail(info(actual)) : PASS;
      },
      () => info("no manifest found"),
    );
  };
}
