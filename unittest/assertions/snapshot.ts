// matchSnapshot (with its matchRegex / notMatchRegex options) and matchSnapshotRaw.
import { unifiedDiff } from "../diff.ts";
import { fail, PASS, validateEachManifest, validateEachValue } from "./each.ts";
import { errorInfo, failFormat, splitInfo, uniformContent } from "./format.ts";
import { rawText } from "./equal.ts";
import type { Params } from "./params.ts";
import type { SnapshotComparison, SnapshotPatterns, Validation, Validator } from "./types.ts";

/** Snapshots span whole documents, so their diffs carry more context than value diffs. */
const SNAPSHOT_DIFF_CONTEXT = 3;

export function createMatchSnapshot(params: Params): Validator {
  const path = params.string("path") ?? "";
  const patterns: SnapshotPatterns = {
    matchRegex: params.mapping("matchRegex")?.["pattern"]?.toString(),
    notMatchRegex: params.mapping("notMatchRegex")?.["pattern"]?.toString(),
  };
  return (context) =>
    emptyPassesUnlessNegated(context.selected.length, context.negative) ??
    validateEachValue(
      context,
      path,
      (actual, documentIndex, valueIndex) => {
        let comparison: SnapshotComparison;
        try {
          comparison = context.snapshots.compare(actual, patterns);
        } catch (error) {
          return fail(errorInfo((error as Error).message, documentIndex, valueIndex));
        }
        return snapshotResult(comparison, context.negative, path, documentIndex, valueIndex);
      },
      () => [],
    );
}

export function createMatchSnapshotRaw(): Validator {
  return (context) =>
    emptyPassesUnlessNegated(context.selected.length, context.negative) ??
    validateEachManifest(
      context,
      (manifest) => snapshotResult(context.snapshots.compare(uniformContent(rawText(manifest.value["raw"]))), context.negative, undefined, -1, -1),
      () => [],
    );
}

/** helm-unittest passes a snapshot assertion on a template that rendered nothing. */
function emptyPassesUnlessNegated(documents: number, negative: boolean): Validation | undefined {
  if (documents > 0) return undefined;
  return negative ? fail([]) : PASS;
}

function snapshotResult(comparison: SnapshotComparison, negative: boolean, path: string | undefined, documentIndex: number, valueIndex: number): Validation {
  if (comparison.passed !== negative) return PASS;
  if (comparison.message) return fail(splitInfo(failFormat(negative, false, false, false, comparison.message), documentIndex, valueIndex, comparison.cached));
  const shown = negative ? comparison.cached : unifiedDiff(comparison.cached, comparison.current, SNAPSHOT_DIFF_CONTEXT);
  const message = ` to match snapshot ${comparison.index}`;
  return path === undefined
    ? fail(splitInfo(failFormat(negative, false, false, false, message), documentIndex, valueIndex, shown))
    : fail(splitInfo(failFormat(negative, true, false, false, message), documentIndex, valueIndex, path, shown));
}
