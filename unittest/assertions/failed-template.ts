// failedTemplate / notFailedTemplate: the render failed (with errorMessage exactly, or an
// error matching errorPattern), or did not.
import { compileGoRegexp } from "../go-regexp.ts";
import { PASS, fail } from "./each.ts";
import { errorInfo, failFormat, splitInfo } from "./format.ts";
import { AssertionParamError, type Params } from "./params.ts";
import type { Validation, Validator } from "./types.ts";

export function createFailedTemplate(params: Params): Validator {
  const errorMessage = params.string("errorMessage") ?? "";
  const errorPattern = params.string("errorPattern") ?? "";
  if (errorMessage && errorPattern) {
    throw new AssertionParamError("`failedTemplate`: set either `errorMessage` or `errorPattern`, not both");
  }
  const expectation = errorMessage || errorPattern;
  const verb = errorPattern ? " to match" : " to equal";

  const check = (actual: string | undefined, negative: boolean): Validation => {
    let matches: boolean;
    if (errorPattern) matches = actual !== undefined && patternMatches(errorPattern, actual);
    else if (errorMessage) matches = actual === errorMessage;
    else return PASS;
    if (matches !== negative) return PASS;
    return fail(
      negative
        ? splitInfo(failFormat(true, false, false, false, verb), -1, -1, expectation)
        : splitInfo(failFormat(false, false, true, false, verb), -1, -1, expectation, actual ?? "<nil>"),
    );
  };

  return (context) => {
    // notFailedTemplate without a message: the render must simply have succeeded.
    if (context.negative && !expectation) {
      if (context.renderSucceeded) return PASS;
      const raw = context.renderError ?? context.selected.map((manifest) => manifest.value["raw"]).find((message) => typeof message === "string");
      return fail(errorInfo(`rendering failed: ${raw ?? "an error in another template"}`));
    }
    if (context.renderError !== undefined) return check(context.renderError, context.negative);
    const info: string[] = [];
    let passed = true;
    context.selected.forEach((manifest, index) => {
      const raw = manifest.value["raw"];
      const result = check(typeof raw === "string" ? raw : undefined, context.negative);
      info.push(...result.info);
      passed = index === 0 ? result.passed : passed && result.passed;
    });
    if (context.selected.length === 0 && !context.negative) {
      return fail(splitInfo(failFormat(false, false, true, false, verb), -1, -1, expectation, "No failed document"));
    }
    return { passed, info };
  };
}

/** Go's regexp, falling back to a literal match when the pattern does not compile or match as one. */
function patternMatches(pattern: string, actual: string): boolean {
  try {
    if (compileGoRegexp(pattern).test(actual)) return true;
  } catch {
    return actual.includes(pattern);
  }
  return /[\\.+*?()|[\]{}^$]/.test(pattern) && actual.includes(pattern);
}
