// exists / notExists (and their deprecated names isNotNull / isNull): the path matches something.
import { fail, PASS, validateEachManifest, valuesAt } from "./each.ts";
import { errorInfo, splitInfo } from "./format.ts";
import type { Params } from "./params.ts";
import type { Validator } from "./types.ts";

export function createExists(params: Params): Validator {
  const path = params.stringOrEmpty("path");
  return (context) => {
    const info = (documentIndex: number) =>
      splitInfo(`Path:%s expected to ${context.negative ? "NOT " : ""}exists`, documentIndex, -1, path);
    return validateEachManifest(
      context,
      (manifest) => {
        try {
          return (valuesAt(path, manifest.value).length > 0) === context.negative ? fail(info(manifest.index)) : PASS;
        } catch (error) {
          return fail(errorInfo((error as Error).message, manifest.index));
        }
      },
      () => info(-1),
    );
  };
}
