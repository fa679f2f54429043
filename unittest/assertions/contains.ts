// contains / notContains: the list at `path` holds `content` (with `count`, and `any` to
// compare only the keys `content` names).
import { deepEqual, isYamlMap, type YamlValue } from "../go-yaml/value.ts";
import { fail, PASS, validateEachManifest, valuesAt } from "./each.ts";
import { errorInfo, failFormat, splitInfo, yamlText } from "./format.ts";
import type { Params } from "./params.ts";
import { isSubset } from "./subset.ts";
import type { Validator } from "./types.ts";

export function createContains(params: Params): Validator {
  const path = params.stringOrEmpty("path");
  const content = params.valueOrNull("content");
  const count = params.integer("count");
  const any = params.boolean("any");

  const matches = (element: YamlValue) => (any ? isYamlMap(element) && isYamlMap(content) && isSubset(element, content) : deepEqual(element, content));

  return (context) => {
    const negative = context.negative;
    const failInfo = (actual: YamlValue, documentIndex: number) =>
      splitInfo(failFormat(negative, true, true, false, " to contain"), documentIndex, -1, path, yamlText([content]), yamlText(actual));
    return validateEachManifest(
      context,
      (manifest) => {
        let actuals: YamlValue[];
        try {
          actuals = valuesAt(path, manifest.value);
        } catch (error) {
          return fail(errorInfo((error as Error).message, manifest.index));
        }
        if (actuals.length === 0) return fail(errorInfo(`unknown path ${path}`, manifest.index));
        // A path ending in [*] over strings yields the strings themselves, not one list.
        const list = typeof actuals[0] === "string" ? actuals : actuals[0]!;
        if (!Array.isArray(list)) return fail(errorInfo(`expect '${path}' to be an array, got:\n${yamlText(list)}`, manifest.index));
        const foundCount = list.filter(matches).length;
        const found = foundCount > 0;
        const countAgrees = count === undefined || (negative ? count === foundCount : count !== foundCount);
        if (found === negative && countAgrees) return fail(failInfo(list, manifest.index));
        if (count !== undefined && found !== negative && (negative ? count === foundCount : count !== foundCount)) {
          return fail(errorInfo(`expect count ${count} in '${path}' to be in array, got ${foundCount}:\n${yamlText(list)}`, manifest.index));
        }
        return PASS;
      },
      () => failInfo("no manifest found", -1),
    );
  };
}
