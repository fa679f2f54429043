// Keys the chart writes itself, which a user's free-form map spread beside them must not repeat.
import type { EntryIR, ExprIR } from "../ir/index.ts";
import { assertNever } from "../ir/index.ts";

/**
 * A user's map spread next to the chart's own keys would write a key twice when the user
 * sets one of them, and YAML forbids duplicate keys (helm lint passes, every YAML parser
 * rejects the pod). The spread omits every key the chart may write in the same map (sprig
 * `omit`), conditional ones included, whether or not their condition holds in this render:
 * such a key belongs to the chart, whose value wins, and a user's value for it is dropped.
 */
export function omitChartKeysFromSpreads(entries: EntryIR[]): EntryIR[] {
  const chartKeys = [...new Set(entries.flatMap(chartKeysOf))];
  if (chartKeys.length === 0) return entries;
  return entries.map((entry) =>
    entry.type === "with" && entry.freeFormSpread
      ? { ...entry, expr: { op: "call", fn: "omit", args: [entry.expr, ...chartKeys.map((key): ExprIR => ({ op: "literal", value: key }))] } }
      : entry,
  );
}

/**
 * Literal keys an entry may write: its own, those under when/with/range (written only
 * when a condition holds, or once per element), and those of a YAML helper it spreads.
 */
function chartKeysOf(entry: EntryIR): string[] {
  switch (entry.type) {
    case "entry": return [entry.key];
    case "when": return [...entry.then, ...entry.otherwise].flatMap(chartKeysOf);
    // A user's free-form spread is theirs, not the chart's.
    case "with": return entry.freeFormSpread ? [] : entry.body.flatMap(chartKeysOf);
    case "range": return entry.body.flatMap(chartKeysOf);
    case "spread":
      return entry.expr.op === "include" && entry.expr.helper.body.type === "map"
        ? entry.expr.helper.body.entries.flatMap(chartKeysOf)
        : [];
    case "dynamicEntry": return [];
    default: return assertNever(entry, "map entry");
  }
}
