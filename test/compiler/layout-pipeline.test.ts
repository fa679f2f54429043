// One pipeline laid out over lines (compiler/emit/layout-pipeline.ts), rule by rule: the lines
// aim at 120 columns counted from where the pipeline starts, a condition's operands go one a
// line, short arguments are packed, a long group is laid out inside its parentheses (a dict's
// key in front of it), and a pipeline's tail follows the command it ends.
import { describe, expect, it } from "vitest";
import { layoutPipeline } from "../../compiler/emit/layout-pipeline.ts";

const pad = (column: number) => " ".repeat(column);
/** A string literal of `length` characters, quotes included. */
const literal = (length: number, letter = "a") => `"${letter.repeat(length - 2)}"`;
const name25 = (index: number) => `.Values.alpha_long_name_${index}`;
const printf4 = `(printf "%s %s %s %s" ${name25(1)} ${name25(2)} ${name25(3)} ${name25(4)})`;
const printf4FirstLine = `printf "%s %s %s %s" ${name25(1)} ${name25(2)} ${name25(3)}`;
const flags = Array.from({ length: 10 }, (_, index) => `.Values.flag${index}`);
const keys = Array.from({ length: 20 }, (_, index) => `"k${String(index + 1).padStart(2, "0")}"`);
const group40 = "(printf \"%s\" .Values.abcdefghijklmnopqr)";
const group62 = "(printf \"%s %s %s\" .Values.first .Values.second .Values.third)";

describe("laying out a pipeline", () => {
  it.each([
    { rule: "a pipeline that ends at column 120 stays on one line", body: "or .Values.first .Values.second", column: 89, lines: ["or .Values.first .Values.second"] },
    { rule: "a pipeline that ends at column 121 is laid out", body: "or .Values.first .Values.second", column: 90, lines: ["or .Values.first", `${pad(93)}.Values.second`] },
    { rule: "runs of spaces between terms become one", body: "printf  .Values.a", column: 0, lines: ["printf .Values.a"] },
    { rule: "a raw string literal is one term", body: "printf `%s (x)` .Values.a", column: 0, lines: ["printf `%s (x)` .Values.a"] },
    { rule: "an or's short operands go one a line, under the first", body: `or ${flags.join(" ")}`, column: 0, lines: [`or ${flags[0]}`, ...flags.slice(1).map((flag) => `${pad(3)}${flag}`)] },
    {
      rule: "a tail that fits after the last line of a laid-out command goes there, to column 120",
      body: "or .Values.first .Values.abcdefgh | toString",
      column: 90,
      lines: ["or .Values.first", `${pad(93)}.Values.abcdefgh | toString`],
    },
    {
      rule: "a tail that would reach column 121 goes on a line of its own at the pipeline's column",
      body: "or .Values.first .Values.abcdefghi | toString",
      column: 90,
      lines: ["or .Values.first", `${pad(93)}.Values.abcdefghi`, `${pad(90)}| toString`],
    },
    {
      rule: "a tail too long for a line is laid out itself, its arguments under its first",
      body: `.Values.first | default ${printf4}`,
      column: 0,
      lines: [".Values.first", `| default (${printf4FirstLine}`, `${pad(18)}${name25(4)})`],
    },
    { rule: "a tail after a command on the first line counts the pipeline's column", body: ".Values.first | toString", column: 100, lines: [".Values.first", `${pad(100)}| toString`] },
    {
      rule: "a long group at the head of a pipeline is laid out inside its parentheses, its arguments under its first",
      body: `${printf4} | quote`,
      column: 10,
      lines: [`(${printf4FirstLine}`, `${pad(18)}${name25(4)}) | quote`],
    },
    {
      rule: "a dict's key stays in front of its long value, which is laid out after it",
      body: `dict "first" ${printf4} "second" "x"`,
      column: 0,
      lines: [`dict "first" (${printf4FirstLine}`, `${pad(21)}${name25(4)})`, `${pad(5)}"second" "x"`],
    },
    {
      rule: "range's variables and := stay in the head, the arguments packed after the function",
      body: `range $key, $value := omit .Values.labels ${keys.join(" ")}`,
      column: 0,
      lines: [`range $key, $value := omit .Values.labels ${keys.slice(0, 13).join(" ")}`, `${pad(27)}${keys.slice(13).join(" ")}`],
    },
    {
      rule: "a long string literal is a short argument, packed with the others",
      body: `list ${literal(50)} ${literal(50, "b")} ${literal(50, "c")}`,
      column: 0,
      lines: [`list ${literal(50)} ${literal(50, "b")}`, `${pad(5)}${literal(50, "c")}`],
    },
    {
      rule: "packed arguments fill a line to column 120",
      body: `list ${literal(50)} ${literal(64, "b")} "c"`,
      column: 0,
      lines: [`list ${literal(50)} ${literal(64, "b")}`, `${pad(5)}"c"`],
    },
    {
      rule: "an argument that would reach column 121 starts the next line",
      body: `list ${literal(50)} ${literal(65, "b")} "c"`,
      column: 0,
      lines: [`list ${literal(50)}`, `${pad(5)}${literal(65, "b")} "c"`],
    },
    { rule: "a group of 40 characters is short and packed", body: `list ${group40} ${group40} ${literal(50)}`, column: 0, lines: [`list ${group40} ${group40}`, `${pad(5)}${literal(50)}`] },
    {
      rule: "a longer group gets a line of its own, after the arguments packed before it",
      body: `list "a" ${group62} ${literal(50)}`,
      column: 0,
      lines: ['list "a"', `${pad(5)}${group62}`, `${pad(5)}${literal(50)}`],
    },
    { rule: "an operand longer than a line stays whole", body: `and ${literal(130)} .Values.b`, column: 0, lines: [`and ${literal(130)}`, `${pad(4)}.Values.b`] },
  ])("$rule", ({ body, column, lines }) => {
    expect(layoutPipeline(body, column)).toEqual(lines);
  });

  it.each([
    { what: "a parenthesis closed that was not opened", body: "a) b" },
    { what: "a parenthesis left open", body: "(a b" },
    { what: "a string literal left open", body: 'a "b' },
  ])("gives up on $what", ({ body }) => {
    expect(layoutPipeline(body, 0)).toBeNull();
  });
});
