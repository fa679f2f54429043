// lengthEqual / notLengthEqual: the list at `path` has `count` items, or the lists at
// `paths` all have the same length (and `count`, when given).
import { fail, PASS, valuesAt } from "./each.ts";
import { errorInfo } from "./format.ts";
import { AssertionParamError, type Params } from "./params.ts";
import type { Manifest, Validation, Validator } from "./types.ts";

export function createLengthEqual(params: Params): Validator {
  const path = params.string("path");
  const paths = params.stringList("paths");
  const count = params.integer("count");
  if (path !== undefined && paths.length > 0) throw new AssertionParamError("`lengthEqual`: 'paths' couldn't be used with 'path'");
  if (path !== undefined && count === undefined) throw new AssertionParamError("`lengthEqual`: 'count' field must be set if 'path' is used");
  if (path === undefined && paths.length === 0) throw new AssertionParamError("`lengthEqual`: set `path` and `count`, or `paths`");

  const checkManifest = (manifest: Manifest): Validation => {
    const lengths = new Map<string, number>();
    for (const single of path !== undefined ? [path] : paths) {
      let found;
      try {
        found = valuesAt(single, manifest.value);
      } catch (error) {
        return fail(errorInfo((error as Error).message, manifest.index));
      }
      if (found.length === 0) return fail(errorInfo(`unknown parameter ${single}`, manifest.index));
      const list = found[0];
      if (!Array.isArray(list)) return fail(errorInfo(`${single} is not array`, manifest.index));
      lengths.set(single, list.length);
    }
    const sorted = [...lengths.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const [, first] = sorted[0]!;
    const differing = sorted.find(([, length]) => length !== first);
    if (differing) return fail(errorInfo(`${differing[0]} count doesn't match as expected. actual: ${differing[1]}`, manifest.index));
    if (count !== undefined && first !== count) {
      return fail(errorInfo(`count doesn't match as expected. expected: ${count} actual: ${first}`, manifest.index));
    }
    return PASS;
  };

  return (context) => {
    const results = context.selected.map(checkManifest);
    const passed = results.length > 0 && results.every((result) => result.passed);
    if (passed !== context.negative) return PASS;
    return fail([...results.flatMap((result) => result.info), "\texpected result does not match"]);
  };
}
