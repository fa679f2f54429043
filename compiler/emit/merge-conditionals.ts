// Adjacent blocks under the same condition are written as one `if`: two `{{- if eq x "a" }}`
// in a row read as a generator's output. Merging them is safe because conditions are pure:
// `if c A else B; if c C else D` renders exactly what `if c A C else B D` does, in the same
// order, whatever c is. Only adjacent blocks merge, so no key or item changes its place.
import type { EntryIR, ExprIR, ItemIR, LineIR, TextIR } from "../ir/types.ts";

/** Entries with adjacent same-condition blocks merged; a key whose value is ifElse(...) counts as one. */
export function mergeAdjacentEntries(entries: readonly EntryIR[]): EntryIR[] {
  return mergeAdjacent(entries.map(chooseAsWhen), (first, second) => ({
    ...first,
    then: [...first.then, ...second.then],
    otherwise: [...first.otherwise, ...second.otherwise],
  }));
}

export function mergeAdjacentItems(items: readonly ItemIR[]): ItemIR[] {
  return mergeAdjacent(items, (first, second) => ({
    ...first,
    then: [...first.then, ...second.then],
    otherwise: [...first.otherwise, ...second.otherwise],
  }));
}

/**
 * The `{{- end }}` after a branch trims the whitespace the branch's last line ends with, a
 * trailing empty line included; merged, that text would be followed by the next block's
 * lines and kept. Such blocks stay apart.
 */
export function mergeAdjacentLines(lines: readonly LineIR[]): LineIR[] {
  return mergeAdjacent(lines, (first, second) => ({
    ...first,
    then: { type: "lines", lines: [...first.then.lines, ...second.then.lines] },
    otherwise: { type: "lines", lines: [...first.otherwise.lines, ...second.otherwise.lines] },
  }), (first) => !endsInTrimmedText(first.then) && !endsInTrimmedText(first.otherwise));
}

function endsInTrimmedText(text: TextIR): boolean {
  const last = text.lines[text.lines.length - 1];
  if (last === undefined || last.type !== "line") return false;
  const lastPart = last.parts[last.parts.length - 1];
  return lastPart === undefined || (typeof lastPart === "string" && /\s$/.test(lastPart));
}

/**
 * `key: ifElse(c, a, b)` is emitted as an if/else around the whole `key: value` line, so it
 * is the same block as `...when(c, { key: a }, { key: b })` and may merge with its neighbours.
 */
function chooseAsWhen(entry: EntryIR): EntryIR {
  if (entry.type !== "entry" || entry.value.type !== "choose") return entry;
  const { cond, then, otherwise, at } = entry.value;
  return { type: "when", cond, then: [{ type: "entry", key: entry.key, value: then }], otherwise: [{ type: "entry", key: entry.key, value: otherwise }], at };
}

type When<T> = Extract<T, { readonly type: "when" }>;

function mergeAdjacent<T extends { readonly type: string }>(
  list: readonly T[],
  combine: (first: When<T>, second: When<T>) => When<T>,
  canMerge: (first: When<T>) => boolean = () => true,
): T[] {
  const merged: T[] = [];
  for (const item of list) {
    const last = merged[merged.length - 1];
    if (last !== undefined && isWhen(last) && isWhen(item) && sameExpr(last.cond, item.cond) && canMerge(last)) {
      merged[merged.length - 1] = combine(last, item);
    } else {
      merged.push(item);
    }
  }
  return merged;
}

function isWhen<T extends { readonly type: string }>(item: T): item is When<T> & { readonly cond: ExprIR } {
  return item.type === "when";
}

/** Structural equality: the IR is plain data (scopes and helpers by value), so JSON compares it. */
function sameExpr(a: ExprIR, b: ExprIR): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
