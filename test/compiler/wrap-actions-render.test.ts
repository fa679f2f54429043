// Wrapping long actions must not change what Helm prints (compiler/emit/wrap-actions.ts: Go
// templates accept newlines inside {{ }} and print nothing for them). The oracle is Helm
// itself: generated long pipelines (conditions, dicts, printf, default, nested groups,
// string literals with spaces, parentheses and escaped quotes) are rendered once as written
// and once wrapped, in one chart, and every value must match byte for byte. The layout's
// own rules (aim at 120 columns, a condition's operands one a line under the first, a dict's
// keys beside their values) are checked on the same lines.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { MAX_LINE, wrapLongActions } from "../../compiler/emit/wrap-actions.ts";
import { helmBinaries, runHelm } from "../../helm/run.ts";

const VALUES = { a: "alpha", b: "", c: true, d: false, n: 7, s: 'quote " and (paren)', list: ["x", "y"] };
const SCALARS = [".Values.a", ".Values.b", ".Values.c", ".Values.d", ".Values.n", ".Values.s"];

/** A Go string literal: spaces, parentheses, braces, escaped quotes, or a raw string. */
const stringLiteral = fc.oneof(
  fc.stringMatching(/^[a-z (){}|,.-]{0,24}$/).map((text) => JSON.stringify(text)),
  fc.stringMatching(/^[a-z "]{0,12}$/).map((text) => JSON.stringify(text)),
  fc.stringMatching(/^[a-z ()"]{0,16}$/).map((text) => `\`${text}\``),
);
const scalar = fc.oneof(fc.constantFrom(...SCALARS), stringLiteral, fc.integer({ min: -5, max: 500 }).map(String));

/** A pipeline that prints a value (each function's arguments are of the kinds it accepts). */
const { expression } = fc.letrec<{ expression: string; condition: string }>((tie) => ({
  expression: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    scalar,
    fc.array(tie("expression"), { minLength: 1, maxLength: 5 }).map((args) => `(printf "${args.map(() => "%v").join("-")}" ${args.join(" ")})`),
    fc.tuple(tie("expression"), tie("expression")).map(([fallback, value]) => `(default ${fallback} ${value})`),
    fc.array(fc.tuple(fc.stringMatching(/^[a-z]{1,8}$/), tie("expression")), { minLength: 1, maxLength: 6 }).map((pairs) => {
      const key = JSON.stringify(pairs[0]![0]);
      return `(get (dict ${pairs.map(([name, value]) => `${JSON.stringify(name)} ${value}`).join(" ")}) ${key})`;
    }),
    tie("condition"),
    tie("expression").map((value) => `(${value} | toString | upper)`),
  ),
  condition: fc.oneof(
    { depthSize: "small" },
    fc.tuple(fc.constantFrom("and", "or"), fc.array(tie("expression"), { minLength: 2, maxLength: 6 })).map(([op, args]) => `(${op} ${args.join(" ")})`),
    fc.tuple(fc.constantFrom("eq", "ne"), tie("expression"), tie("expression")).map(([op, left, right]) => `(eq (toString ${left}) (toString ${right}))`.replace("eq", op)),
    tie("expression").map((value) => `(not ${value})`),
  ),
}));

/** Lines long enough to be wrapped, in the shapes the chart's templates have. */
const longLine = fc
  .tuple(expression, fc.constantFrom("value", "if", "pipe"))
  .map(([body, shape]) => {
    const inner = body.startsWith("(") && body.endsWith(")") ? body.slice(1, -1) : body;
    // No {{- here: it would trim the block scalar's indentation before the value.
    if (shape === "if") return `{{ if ${inner} }}yes{{ else }}no{{ end }}`;
    if (shape === "pipe") return `{{ ${inner} | toJson | quote }}`;
    return `{{ ${inner} | toJson }}`;
  })
  .filter((line) => line.length > MAX_LINE && line.length < 3000);

/** Shapes the generator reaches rarely: a dict whose values are long groups, a pipeline tail too long for the last line. */
const HANDWRITTEN = [
  `{{ toJson (dict "first" (printf "%v-%v-%v-%v" .Values.a .Values.s "a long literal to make this long enough and longer still" "x") "second" (printf "%v %v" .Values.n "another long literal for the layout to break") "third" (default "fallback value that is long" .Values.b)) }}`,
  `{{ printf "%v|%v|%v|%v" (default "one fallback literal" .Values.b) (default "two fallback literal" .Values.a) (printf "%v" .Values.s) (toString .Values.n) | default "a long default literal in the pipeline tail that cannot fit" | quote | trimSuffix "x" }}`,
  `{{ if and (or (eq (toString .Values.n) "7") (eq .Values.a "alpha") (ne .Values.s "x")) (not .Values.d) (or .Values.c .Values.d (eq (len .Values.list) 2)) (ne (printf "%v%v" .Values.a .Values.b) "nothing at all") }}yes{{ else }}no{{ end }}`,
];

const LINES = [...HANDWRITTEN, ...fc.sample(longLine, { numRuns: 60, seed: Number(process.env["WRAP_SEED"] ?? 20261202) })];

/** The chart: each line as a data value, once as written and once wrapped. */
function chartOf(lines: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "wrap-"));
  mkdirSync(join(dir, "templates"));
  writeFileSync(join(dir, "Chart.yaml"), "apiVersion: v2\nname: wrap\nversion: 0.1.0\n");
  writeFileSync(join(dir, "values.yaml"), JSON.stringify(VALUES));
  const configMap = (name: string, wrap: (line: string) => string) =>
    [`apiVersion: v1`, `kind: ConfigMap`, `metadata:`, `  name: ${name}`, `data:`, ...lines.map((line, index) => `  line${index}: |-\n    ${wrap(line)}`)].join("\n");
  // The block scalar's indentation must not change what a wrapped line prints: newlines inside
  // {{ }} print nothing, so each value stays one line.
  writeFileSync(join(dir, "templates", "written.yaml"), configMap("written", (line) => line));
  writeFileSync(join(dir, "templates", "wrapped.yaml"), configMap("wrapped", (line) => wrapLongActions(line)));
  return dir;
}

describe.each(helmBinaries())("wrapped long actions, $label", (helm) => {
  it("print exactly what the lines print as written", async () => {
    const result = await runHelm(helm, ["template", "t", chartOf(LINES)]);
    expect(result.status, result.stderr).toBe(0);
    const documents = result.stdout.split(/^---$/m).map((text) => parse(text) as { metadata?: { name: string }; data?: Record<string, string> } | null);
    const data = (name: string) => documents.find((document) => document?.metadata?.name === name)!.data!;
    expect(data("wrapped")).toEqual(data("written"));
    // Not vacuous: most lines were actually wrapped.
    expect(LINES.filter((line) => wrapLongActions(line) !== line).length).toBeGreaterThan(LINES.length / 2);
  });
});

describe("the layout of wrapped actions", () => {
  it("changes only whitespace outside string literals, and breaks lines only inside {{ }}", () => {
    for (const line of LINES) {
      const wrapped = wrapLongActions(line);
      const literals = (text: string) => [...text.matchAll(/"(?:[^"\\]|\\.)*"|`[^`]*`/g)].map((match) => match[0]);
      expect(literals(wrapped)).toEqual(literals(line));
      expect(wrapped.replace(/\s+/g, " ")).toBe(line.replace(/\s+/g, " "));
      // Every break falls inside an action: the text before it, string literals blanked, has more {{ than }}.
      const code = wrapped.replace(/"(?:[^"\\]|\\.)*"|`[^`]*`/g, (literal) => "_".repeat(literal.length));
      let offset = 0;
      for (const part of code.split("\n").slice(0, -1)) {
        offset += part.length + 1;
        const before = code.slice(0, offset);
        expect((before.match(/\{\{/g) ?? []).length, `${line}\n→\n${wrapped}`).toBeGreaterThan((before.match(/\}\}/g) ?? []).length);
      }
    }
  });

  it("aims every line at 120 columns unless one term is longer", () => {
    for (const line of LINES) {
      for (const part of wrapLongActions(line).split("\n")) {
        const longestTerm = Math.max(...part.trim().split(/\s+/).map((word) => word.length));
        if (longestTerm < 40) expect(part.length, `${line}\n→\n${wrapLongActions(line)}`).toBeLessThanOrEqual(120 + 40);
      }
    }
  });

  it("puts each operand of a long and/or on a line of its own, aligned under the first", () => {
    const operands = Array.from({ length: 5 }, (_, index) => `(eq (toString .Values.value${index}) "expected value number ${index}")`);
    const wrapped = wrapLongActions(`{{- if or ${operands.join(" ")} }}x{{- end }}`).split("\n");
    expect(wrapped).toEqual([`{{- if or ${operands[0]}`, ...operands.slice(1, -1).map((operand) => `          ${operand}`), `          ${operands[4]} }}x{{- end }}`]);
  });

  it("packs short arguments onto lines up to 120 columns and keeps a dict's key beside its value", () => {
    const pairs = Array.from({ length: 10 }, (_, index) => `"k${index}" "v${index}"`);
    const wrapped = wrapLongActions(`{{ toJson (dict ${pairs.join(" ")} ${pairs.map((pair) => pair.replace(/k/g, "q").replace(/v/g, "w").repeat(1)).join(" ")}) }}`).split("\n");
    for (const part of wrapped) {
      expect(part.length).toBeLessThanOrEqual(120);
      // A key never ends a line: its value follows on the same line.
      expect(part.trimEnd()).not.toMatch(/"[kq][0-9]"$/);
    }
    // Packed: no line could have taken the next line's first pair within 120 columns.
    for (let index = 0; index + 1 < wrapped.length - 1; index += 1) {
      const nextPair = wrapped[index + 1]!.trim().match(/^"[kq][0-9]" "[vw][0-9]"/)?.[0];
      if (nextPair) expect(wrapped[index]!.length + 1 + nextPair.length).toBeGreaterThan(120);
    }
  });
});
