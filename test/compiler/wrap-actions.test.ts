// Long actions laid out over lines: only lines too long without their longest string
// literal, and only inside {{ }}, where a newline prints nothing.
import { describe, expect, it } from "vitest";
import { countedLength, MAX_LINE, wrapLongActions } from "../../compiler/emit/wrap-actions.ts";

const operands = (count: number) => Array.from({ length: count }, (_, index) => `(eq .Values.setting${index} "value${index}")`);

describe("wrapping long actions", () => {
  it("leaves a line alone when a message makes it long", () => {
    const line = `{{- if .Values.x }}{{- fail "${"m".repeat(300)}" }}{{- end }}`;
    expect(countedLength(line)).toBeLessThanOrEqual(MAX_LINE);
    expect(wrapLongActions(line)).toBe(line);
  });

  it("puts a condition's operands one a line under the first, the rest of the line after the last", () => {
    const line = `{{- if and ${operands(6).join(" ")} }}{{- fail "no" }}{{- end }}`;
    expect(wrapLongActions(line).split("\n")).toEqual([
      '{{- if and (eq .Values.setting0 "value0")',
      ...operands(6).slice(1, -1).map((operand) => `           ${operand}`),
      '           (eq .Values.setting5 "value5") }}{{- fail "no" }}{{- end }}',
    ]);
  });

  it("keeps a dict's keys beside their values and a pipeline's tail on the last line", () => {
    const pairs = Array.from({ length: 12 }, (_, index) => `"key${index}" "a rather long value number ${index}"`);
    const line = `  value: {{ get (dict ${pairs.join(" ")}) .Values.key | quote }}`;
    const wrapped = wrapLongActions(line).split("\n");
    expect(wrapped[0]).toBe(`  value: {{ get (dict ${pairs[0]} ${pairs[1]}`);
    expect(wrapped.every((text) => text.length <= 120)).toBe(true);
    expect(wrapped.at(-1)).toMatch(/ \.Values\.key \| quote }}$/);
    expect(wrapped.join(" ").replace(/\s+/g, " ")).toBe(line.replace(/\s+/g, " "));
  });

  it("leaves an action alone when a group's value is read further, as in (x).field", () => {
    const line = `{{ (index .Values.list 0).name | default (printf "%s" ${operands(6).join(" ")}) }}`;
    expect(wrapLongActions(line)).toBe(line);
  });

  it("leaves comments and text outside actions as they are", () => {
    const comment = `{{- /* ${"c ".repeat(150)} */ -}}`;
    expect(wrapLongActions(comment)).toBe(comment);
    const prose = "word ".repeat(60);
    expect(wrapLongActions(prose)).toBe(prose);
  });
});

describe("which lines and actions are wrapped", () => {
  const pad = (column: number) => " ".repeat(column);
  const operand = (letter: string) => `.Values.${letter.repeat(20)}`;
  const flags = Array.from({ length: 12 }, (_, index) => `.Values.flag${String(index).padStart(2, "0")}`);
  const condition = `{{- if or ${flags.join(" ")} }}`;

  it.each([
    { what: "a literal of 80 characters", line: `a ${'"'.padEnd(79, "x")}"`, counted: 82 },
    { what: "a literal of 81 characters, counted as two", line: `a ${'"'.padEnd(80, "x")}"`, counted: 4 },
    { what: "a long raw string literal, counted as two", line: `a \`${"b".repeat(100)}\``, counted: 4 },
  ])("counts $what", ({ line, counted }) => {
    expect(countedLength(line)).toBe(counted);
  });

  it("leaves a line of 200 characters alone and wraps one of 201", () => {
    const exact = `${condition}${"x".repeat(200 - condition.length)}`;
    expect(exact).toHaveLength(200);
    expect(wrapLongActions(exact)).toBe(exact);
    expect(wrapLongActions(`${exact}x`).split("\n")).toEqual([
      `{{- if or ${flags[0]}`,
      ...flags.slice(1, -1).map((flag) => `${pad(10)}${flag}`),
      `${pad(10)}${flags.at(-1)} }}${"x".repeat(201 - condition.length)}`,
    ]);
  });

  it("wraps an action of 60 characters or more, not a shorter one", () => {
    const text = "x".repeat(180);
    const short = `${text}{{ or ${operand("a")} ${operand("b").slice(0, -1)} }}`;
    expect(wrapLongActions(short)).toBe(short);
    expect(wrapLongActions(`${text}{{ or ${operand("a")} ${operand("b")} }}`).split("\n")).toEqual([`${text}{{ or ${operand("a")}`, `${pad(186)}${operand("b")} }}`]);
  });

  it("wraps the widest action of the line", () => {
    const narrow = `{{ or ${operand("a")} ${operand("b")} }}`;
    const line = `${"x".repeat(10)}${narrow} {{ or ${operand("c")} ${operand("d")} ${operand("e")} ${operand("f")} }}`;
    expect(wrapLongActions(line).split("\n")).toEqual([
      `${"x".repeat(10)}${narrow} {{ or ${operand("c")}`,
      `${pad(83)}${operand("d")}`,
      `${pad(83)}${operand("e")}`,
      `${pad(83)}${operand("f")} }}`,
    ]);
  });

  it("wraps the widest action of the line when it comes first", () => {
    const wide = `{{ or ${operand("c")} ${operand("d")} ${operand("e")} ${operand("f")} }}`;
    const line = `${wide} {{ or ${operand("a")} ${operand("b")} }}${"x".repeat(10)}`;
    expect(wrapLongActions(line).split("\n")).toEqual([
      `{{ or ${operand("c")}`,
      `${pad(6)}${operand("d")}`,
      `${pad(6)}${operand("e")}`,
      `${pad(6)}${operand("f")} }} {{ or ${operand("a")} ${operand("b")} }}${"x".repeat(10)}`,
    ]);
  });

  it("reads }} inside a string literal, raw or not, as part of the action", () => {
    const operands = ['(eq .Values.first "}}")', "(eq .Values.second `}}`)", ...flags.slice(0, 9)];
    const line = `{{ "a" }}{{ or ${operands.join(" ")} }}`;
    expect(wrapLongActions(line).split("\n")).toEqual([`{{ "a" }}{{ or ${operands[0]}`, ...operands.slice(1, -1).map((operand) => `${pad(15)}${operand}`), `${pad(15)}${operands.at(-1)} }}`]);
  });

  it("wraps the actions before an unterminated one", () => {
    for (const rest of [" {{ x", ' {{ "x }}']) {
      expect(wrapLongActions(`${condition}${rest}`.padEnd(201, "y")).split("\n")[0]).toBe(`{{- if or ${flags[0]}`);
    }
  });

  it("leaves an action written without a space after {{ as it is, though another on the line has one", () => {
    const line = `{{or ${flags.join(" ")} }}{{ "x" }}`.padEnd(201, "y");
    expect(wrapLongActions(line)).toBe(line);
  });

  it("leaves an action that fits as it was written, spacing included", () => {
    const line = `{{ or  (eq .Values.first "a")  (eq .Values.second "b")  .Values.third }}${"x".repeat(150)}`;
    expect(wrapLongActions(line)).toBe(line);
  });
});
