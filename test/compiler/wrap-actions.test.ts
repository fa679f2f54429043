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
