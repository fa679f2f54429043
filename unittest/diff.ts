// Unified diffs for failure messages ("--- Expected / +++ Actual"), from a longest common
// subsequence of lines. The texts compared are single values or one document, so the
// quadratic table stays small.

export function unifiedDiff(expected: string, actual: string, context = 1): string {
  const a = splitLines(expected);
  const b = splitLines(actual);
  const operations = diffLines(a, b);
  const hunks = groupHunks(operations, context);
  if (hunks.length === 0) return "";
  const lines = ["--- Expected", "+++ Actual"];
  for (const hunk of hunks) {
    const fromA = hunk.filter((op) => op.kind !== "insert");
    const fromB = hunk.filter((op) => op.kind !== "delete");
    const aStart = (fromA[0] ?? hunk[0]!).aIndex;
    const bStart = (fromB[0] ?? hunk[0]!).bIndex;
    lines.push(`@@ -${range(aStart, fromA.length)} +${range(bStart, fromB.length)} @@`);
    for (const op of hunk) lines.push(`${op.kind === "equal" ? " " : op.kind === "delete" ? "-" : "+"}${op.text}`);
  }
  return lines.join("\n");
}

interface Operation {
  readonly kind: "equal" | "delete" | "insert";
  readonly text: string;
  /** Position in each text at this operation (for inserts, the a-position it precedes). */
  readonly aIndex: number;
  readonly bIndex: number;
}

function splitLines(text: string): string[] {
  const lines = text.split("\n");
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

function diffLines(a: readonly string[], b: readonly string[]): Operation[] {
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const operations: Operation[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      operations.push({ kind: "equal", text: a[i]!, aIndex: i++, bIndex: j++ });
    } else if (j < b.length && (i === a.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      operations.push({ kind: "insert", text: b[j]!, aIndex: i, bIndex: j++ });
    } else {
      operations.push({ kind: "delete", text: a[i]!, aIndex: i++, bIndex: j });
    }
  }
  return reorderDeletesFirst(operations);
}

/** Within a run of changes, show the removed lines before the added ones, as diff does. */
function reorderDeletesFirst(operations: Operation[]): Operation[] {
  const result: Operation[] = [];
  let run: Operation[] = [];
  const flush = () => {
    result.push(...run.filter((op) => op.kind === "delete"), ...run.filter((op) => op.kind === "insert"));
    run = [];
  };
  for (const op of operations) {
    if (op.kind === "equal") {
      flush();
      result.push(op);
    } else {
      run.push(op);
    }
  }
  flush();
  return result;
}

function groupHunks(operations: readonly Operation[], context: number): Operation[][] {
  const changed = operations.flatMap((op, index) => (op.kind === "equal" ? [] : [index]));
  const hunks: Operation[][] = [];
  let start = -1;
  let end = -1;
  for (const index of changed) {
    if (start >= 0 && index - context <= end + context) {
      end = index;
      continue;
    }
    if (start >= 0) hunks.push(operations.slice(Math.max(0, start - context), Math.min(operations.length, end + context + 1)));
    start = index;
    end = index;
  }
  if (start >= 0) hunks.push(operations.slice(Math.max(0, start - context), Math.min(operations.length, end + context + 1)));
  return hunks;
}

function range(start: number, length: number): string {
  if (length === 1) return String(start + 1);
  return `${length === 0 ? start : start + 1},${length}`;
}
