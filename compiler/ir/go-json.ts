// Go's encoding/json as sprig's toJson writes it. Part of the IR's meaning: the DSL folds a
// schema default into a JSON literal with it, and the evaluator models toJson with it (the
// emitter writes `toJson` and lets Go do it, so the differential tests still check this).

/** sprig `toJson` (encoding/json): sorted keys, HTML-safe escapes. */
export function goJson(value: unknown): string {
  return JSON.stringify(sortKeys(value))
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]));
  }
  return value;
}
