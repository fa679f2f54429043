// Go's encoding/json as sprig's toJson writes it. Part of the IR's meaning: the DSL folds a
// schema default into a JSON literal with it, and the evaluator models toJson with it (the
// emitter writes `toJson` and lets Go do it, so the differential tests still check this).

/** sprig `toJson` (encoding/json): sorted keys, HTML-safe escapes. */
export function goJson(value: unknown): string {
  return encodeSorted(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/**
 * JSON with every map's keys in sorted order. Written out by hand: a JS object built in
 * sorted order still lists integer-like keys ("500") before the others ("0123"), which
 * Go's sort puts first.
 */
function encodeSorted(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(encodeSorted).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${encodeSorted(record[key])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}
