// One Go template pipeline laid out over lines the way a person would: arguments under the
// first one, conditions one operand a line, a `dict`'s keys beside their values, short
// arguments packed, a pipeline's tail after the command it follows.
/** How wide the laid-out lines are aimed at: narrower than the line limit, to read at a glance. */
const TARGET = 120;

type Term = { readonly atom: string } | { readonly group: readonly Term[] };

/** The pipeline's lines starting at `column`: the first without indentation, the rest with it; null if it does not parse. */
export function layoutPipeline(body: string, column: number): string[] | null {
  const terms = parse(body);
  return terms ? layout(terms, column) : null;
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
      // `(x).field` reads a field of the group's value: splitting it off would change that.
      if (/^[^\s)]/.test(body.slice(token.lastIndex))) return null;
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
  // A literal true/false/nil taken for a function changes nothing: in Go it never has arguments.
  if (name && "atom" in name && FUNCTION.test(name.atom)) headLength += 1;
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
