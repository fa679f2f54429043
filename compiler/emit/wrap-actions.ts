// Long actions → several lines. Go templates (Go 1.16+, so Helm 3.5+) accept newlines inside
// `{{ }}`, and they print nothing, so a long condition or call is laid out the way a person
// would: arguments under the first one, a `dict`'s keys and values in pairs, short atoms
// packed. A line is wrapped only when it is longer than MAX_LINE without its longest string
// literal, which Go cannot continue on another line (a fail message, a script in printf).
export const MAX_LINE = 200;
/** How wide a wrapped action's lines are aimed at: narrower than the limit, to read at a glance. */
const TARGET = 120;

type Term = { readonly atom: string } | { readonly group: readonly Term[] };

const STRING_LITERAL = /"(?:[^"\\]|\\.)*"|`[^`]*`/g;

/** The line's length with its longest string literal counted as `""`. */
export function countedLength(line: string): number {
  const longest = Math.max(0, ...[...line.matchAll(STRING_LITERAL)].map((match) => match[0].length));
  return line.length - Math.max(0, longest - 2);
}

export function wrapLongActions(text: string): string {
  return text
    .split("\n")
    .map((line) => (countedLength(line) > MAX_LINE ? wrapLine(line) : line))
    .join("\n");
}

interface Action {
  readonly start: number;
  /** After `{{ ` or `{{- `. */
  readonly bodyStart: number;
  /** Where ` }}` or ` -}}` begins. */
  readonly bodyEnd: number;
}

/** Wraps the line's widest action; the rest of the line follows its last line. */
function wrapLine(line: string): string {
  const actions = findActions(line);
  const widest = actions.sort((a, b) => countedLength(line.slice(b.bodyStart, b.bodyEnd)) - countedLength(line.slice(a.bodyStart, a.bodyEnd)))[0];
  if (!widest) return line;
  const terms = parse(line.slice(widest.bodyStart, widest.bodyEnd));
  if (!terms) return line;
  const laidOut = layout(terms, widest.bodyStart);
  if (laidOut.length === 1) return line;
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
    if (open && close && !line.startsWith("/*", index + open[0].length)) actions.push({ start: index, bodyStart: index + open[0].length, bodyEnd: close.index });
    index = line.indexOf("{{", end + 2);
  }
  return actions;
}

/** A pipeline's terms: atoms (names, literals, `|`, `:=`) and parenthesised groups. */
function parse(body: string): Term[] | null {
  const stack: Term[][] = [[]];
  const token = /\s+|"(?:[^"\\]|\\.)*"|`[^`]*`|\(|\)|[^\s()"`]+/gy;
  for (let match = token.exec(body); match; match = token.exec(body)) {
    const text = match[0];
    if (/^\s+$/.test(text)) continue;
    if (text === "(") stack.push([]);
    else if (text === ")") {
      const group = stack.pop();
      if (!group || stack.length === 0) return null;
      stack[stack.length - 1]!.push({ group });
    } else stack[stack.length - 1]!.push({ atom: text });
    if (token.lastIndex === body.length) break;
  }
  return stack.length === 1 && token.lastIndex === body.length ? stack[0]! : null;
}

const flat = (term: Term): string => ("atom" in term ? term.atom : `(${term.group.map(flat).join(" ")})`);
const flatAll = (terms: readonly Term[]): string => terms.map(flat).join(" ");
const pad = (column: number): string => " ".repeat(column);

/** Lines of the terms starting at `column`; the first without its indentation, the rest with it. */
function layout(terms: readonly Term[], column: number): string[] {
  if (column + flatAll(terms).length <= TARGET) return [flatAll(terms)];
  const commands = splitPipeline(terms);
  const lines = layoutCommand(commands[0]!, column);
  for (const command of commands.slice(1)) {
    const text = `| ${flatAll(command)}`;
    const last = lines[lines.length - 1]!;
    const lastEnd = (lines.length === 1 ? column : 0) + last.length;
    if (lastEnd + 1 + text.length <= TARGET) lines[lines.length - 1] = `${last} ${text}`;
    else {
      const [first, ...rest] = layoutCommand(command, column + 2);
      lines.push(`${pad(column)}| ${first}`, ...rest);
    }
  }
  return lines;
}

function splitPipeline(terms: readonly Term[]): Term[][] {
  const commands: Term[][] = [[]];
  for (const term of terms) {
    if ("atom" in term && term.atom === "|") commands.push([]);
    else commands[commands.length - 1]!.push(term);
  }
  return commands;
}

const KEYWORD = /^(?:if|else|with|range|\$[A-Za-z0-9_]*,?|:=)$/;
const FUNCTION = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `if and A B C` → `if and A` with B and C under A; a group argument is laid out inside its parentheses. */
function layoutCommand(terms: readonly Term[], column: number): string[] {
  let headLength = 0;
  while (headLength < terms.length && "atom" in terms[headLength]! && KEYWORD.test((terms[headLength] as { atom: string }).atom)) headLength += 1;
  const name = terms[headLength];
  if (name && "atom" in name && FUNCTION.test(name.atom) && !/^(?:true|false|nil)$/.test(name.atom)) headLength += 1;
  const head = flatAll(terms.slice(0, headLength));
  const args = terms.slice(headLength);
  if (args.length === 0) return [head];
  const argColumn = head === "" ? column : column + head.length + 1;
  const units = unitsOf(name && "atom" in name ? name.atom : "", args);
  const lines: string[] = [];
  const place = (text: string[]): void => {
    if (lines.length === 0) lines.push(`${head === "" ? "" : `${head} `}${text[0]}`, ...text.slice(1));
    else lines.push(`${pad(argColumn)}${text[0]}`, ...text.slice(1));
  };
  // Conditions read one operand a line; other functions' short arguments (keys to omit, a
  // dict's pairs, ports) fill lines, and a long one is laid out on lines of its own.
  const onePerLine = name !== undefined && "atom" in name && (name.atom === "and" || name.atom === "or");
  let current = "";
  for (const unit of units) {
    const text = flatAll(unit);
    const short = unit.every((term) => "atom" in term || flat(term).length <= 40);
    if (current !== "" && (onePerLine || !short || argColumn + current.length + 1 + text.length > TARGET)) {
      place([current]);
      current = "";
    }
    if (short && !onePerLine) current = current === "" ? text : `${current} ${text}`;
    else place(layoutUnit(unit, argColumn));
  }
  if (current !== "") place([current]);
  return lines;
}

/** A `dict`'s arguments go in key-value pairs; any other function's one by one. */
function unitsOf(name: string, args: readonly Term[]): Term[][] {
  if (name !== "dict") return args.map((arg) => [arg]);
  const pairs: Term[][] = [];
  for (let index = 0; index < args.length; index += 2) pairs.push(args.slice(index, index + 2));
  return pairs;
}

function layoutUnit(unit: readonly Term[], column: number): string[] {
  if (column + flatAll(unit).length <= TARGET) return [flatAll(unit)];
  const term = unit[unit.length - 1];
  if (!term || "atom" in term) return [flatAll(unit)];
  // A dict's key stays in front of its value.
  const key = unit.length === 2 ? `${flat(unit[0]!)} ` : "";
  const inner = layout(term.group, column + key.length + 1);
  inner[0] = `${key}(${inner[0]}`;
  inner[inner.length - 1] = `${inner[inner.length - 1]})`;
  return inner;
}
