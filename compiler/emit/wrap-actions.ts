// Long actions → several lines. Go templates (Go 1.16+, so Helm 3.5+) accept newlines inside
// `{{ }}`, and they print nothing, so the rendered output stays byte for byte the same. A line
// is wrapped only when it is longer than MAX_LINE without its longest string literal of more
// than DATA_LITERAL characters, which Go cannot continue on another line (a fail message, a
// script in printf); a helper's name is not that long.
import { layoutPipeline } from "./layout-pipeline.ts";

export const MAX_LINE = 200;
export const DATA_LITERAL = 80;
/** Shorter actions stay whole: split far right on a line they would only read worse. */
const MIN_WRAPPED_ACTION = 60;
const STRING_LITERAL = /"(?:[^"\\]|\\.)*"|`[^`]*`/g;

/** The line's length with its longest string literal, if longer than DATA_LITERAL, counted as `""`. */
export function countedLength(line: string): number {
  const longest = Math.max(0, ...[...line.matchAll(STRING_LITERAL)].map((match) => match[0].length));
  return longest > DATA_LITERAL ? line.length - (longest - 2) : line.length;
}

export function wrapLongActions(text: string): string {
  return text
    .split("\n")
    .map((line) => (countedLength(line) > MAX_LINE ? wrapLine(line) : line))
    .join("\n");
}

interface Action {
  /** After `{{ ` or `{{- `. */
  readonly bodyStart: number;
  /** Where ` }}` or ` -}}` begins. */
  readonly bodyEnd: number;
}

/** Wraps the line's widest action; the rest of the line follows its last line. */
function wrapLine(line: string): string {
  const actions = findActions(line).filter((action) => action.bodyEnd - action.bodyStart >= MIN_WRAPPED_ACTION);
  const widest = actions.sort((a, b) => countedLength(line.slice(b.bodyStart, b.bodyEnd)) - countedLength(line.slice(a.bodyStart, a.bodyEnd)))[0];
  if (!widest) return line;
  const laidOut = layoutPipeline(line.slice(widest.bodyStart, widest.bodyEnd), widest.bodyStart);
  if (!laidOut || laidOut.length === 1) return line;
  return `${line.slice(0, widest.bodyStart)}${laidOut.join("\n")}${line.slice(widest.bodyEnd)}`;
}

function findActions(line: string): Action[] {
  const actions: Action[] = [];
  let index = line.indexOf("{{");
  while (index >= 0) {
    const open = /^\{\{-? /.exec(line.slice(index));
    let cursor = index + 2;
    let end = -1;
    while (cursor < line.length) {
      const char = line[cursor]!;
      if (char === '"' || char === "`") {
        const literal = new RegExp(STRING_LITERAL.source, "y");
        literal.lastIndex = cursor;
        const match = literal.exec(line);
        if (!match) break;
        cursor += match[0].length;
      } else if (line.startsWith("}}", cursor)) {
        end = cursor;
        break;
      } else {
        cursor += 1;
      }
    }
    if (end < 0) break;
    const close = /\s-?$/.exec(line.slice(0, end));
    // Comments and actions without the usual spacing are left as they are.
    if (open && close && !line.startsWith("/*", index + open[0].length)) actions.push({ bodyStart: index + open[0].length, bodyEnd: close.index });
    index = line.indexOf("{{", end + 2);
  }
  return actions;
}
