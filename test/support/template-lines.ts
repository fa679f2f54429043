// What counts as a too-long line in the generated templates. A reader should see a whole
// line of template logic at once, so a line may exceed the width only by data, which
// is exactly one of:
//  - a line of a config file inside a YAML block scalar (`key: |`): fluent-bit, nginx and
//    Lua read it as one line, so it cannot be split without changing the file. Template
//    actions on their own line inside the block (`{{- if … }}`) are logic, not data.
//  - one string literal of more than 80 characters, the longest on the line (a fail/required
//    message, a shell script or PromQL in printf, an alert description, a default's JSON):
//    it counts as `""`. Go cannot continue a string literal on the next line, and splitting
//    a message would change it. A helper's name or a short format is not data.
export const MAX_TEMPLATE_LINE = 200;

export interface LongLine {
  readonly line: number;
  /** The length that counts: the line's, with its longest string literal as `""`. */
  readonly length: number;
  readonly text: string;
}

const STRING_LITERAL = /"(?:[^"\\]|\\.)*"|`[^`]*`/g;
const BLOCK_SCALAR_HEADER = /^(\s*)(?:- )?(?:[^\s#{][^:]*:\s*)?\|[0-9+-]*\s*$/;

const DATA_LITERAL = 80;

export function countedLength(line: string): number {
  const longest = Math.max(0, ...[...line.matchAll(STRING_LITERAL)].map((match) => match[0].length));
  return longest > DATA_LITERAL ? line.length - (longest - 2) : line.length;
}

export function tooLongLines(template: string): LongLine[] {
  const found: LongLine[] = [];
  let blockIndent: number | null = null;
  template.split("\n").forEach((text, index) => {
    const indent = text.length - text.trimStart().length;
    const action = text.trimStart().startsWith("{{");
    if (blockIndent !== null && text.trim() !== "" && !action && indent <= blockIndent) blockIndent = null;
    const data = blockIndent !== null && !action;
    const header = BLOCK_SCALAR_HEADER.exec(text);
    if (header && !data) blockIndent = header[1]!.length;
    const length = countedLength(text);
    if (!data && length > MAX_TEMPLATE_LINE) found.push({ line: index + 1, length, text });
  });
  return found;
}
