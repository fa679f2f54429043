// The rules by which the evaluator turns IR into what `helm template` renders, beyond the
// functions themselves (go-functions-at-edges.test.ts): how values are coalesced, how nil and
// numbers print in text and in YAML, how `{{-` trims, how a block scalar chomps, which
// documents and keys vanish. Each expectation cites the Go, Helm or YAML rule it comes from.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { blockScalarValue, coalesceValues, evaluateExpr, evaluateNode, evaluateTemplate, evaluateText, RenderError } from "../../compiler/evaluate/index.ts";
import type { ExprIR, HelperIR, LineIR, LinePartIR, NodeIR, TemplateIR, TextIR, ValueKind } from "../../compiler/ir/types.ts";
import { call, lit, rangeScope, renderContext, valueAt } from "../support/evaluator-inputs.ts";

const at = { file: "test", line: 1 };
const text = (...lines: LineIR[]): TextIR => ({ type: "lines", lines });
const line = (...parts: LinePartIR[]): LineIR => ({ type: "line", parts });
const vanishingMap: NodeIR = { type: "map", entries: [{ type: "when", cond: lit(false), then: [{ type: "entry", key: "a", value: { type: "scalar", value: 1 } }], otherwise: [], at }] };
const yamlHelper = (body: NodeIR): HelperIR => ({ name: "t.helper", description: "A YAML helper.", body });
const yamlTemplate = (fileName: string, ...documents: NodeIR[]): TemplateIR => ({ fileName, format: "yaml", source: at, guard: null, documents });

describe("coalescing a user's values over values.yaml (helm pkg/chartutil/coalesce.go, coalesceValues)", () => {
  it.each([
    { rule: "a null removes a key values.yaml defines", defaults: { a: 1, b: 2 }, overrides: { a: null }, expected: { b: 2 } },
    { rule: "a null for a key values.yaml lacks stays null", defaults: { b: 2 }, overrides: { a: null }, expected: { a: null, b: 2 } },
    { rule: "a map replaces a null default", defaults: { a: null }, overrides: { a: { b: 1 } }, expected: { a: { b: 1 } } },
    { rule: "maps on both sides merge key by key", defaults: { a: { x: 1, y: 2 } }, overrides: { a: { y: 3 } }, expected: { a: { x: 1, y: 3 } } },
  ])("$rule", ({ defaults, overrides, expected }) => {
    expect(coalesceValues(defaults, overrides)).toStrictEqual(expected);
  });
});

describe("values a template reads", () => {
  it("reads Release.IsUpgrade and Release.IsInstall from the release", () => {
    const context = renderContext({}, { release: { name: "r", namespace: "ns", service: "Helm", isUpgrade: true, isInstall: false } });
    const builtin = (name: "Release.IsUpgrade" | "Release.IsInstall") => evaluateExpr({ op: "builtin", name, kind: "boolean" }, context, new Map());
    expect([builtin("Release.IsUpgrade"), builtin("Release.IsInstall")]).toEqual([true, false]);
  });

  // helm pkg/engine/funcs.go, fromYAML: the empty text of a helper whose keys all vanished
  // unmarshals into an empty map.
  it("reads an included YAML helper whose keys all vanished as an empty map", () => {
    expect(evaluateExpr(call("fromYaml", { op: "include", helper: yamlHelper(vanishingMap) }), renderContext(), new Map())).toEqual({});
  });
});

describe("printing in a line of text", () => {
  const printLine = (values: Record<string, unknown>, ...parts: (string | ExprIR)[]) => evaluateText(text(line(...parts)), renderContext(values), new Map());

  // text/template prints "<no value>" for nil (exec.go, printValue), and Helm erases that
  // text from every rendered file (pkg/engine/engine.go, render); `| int` of nil is 0.
  it.each<[string, Record<string, unknown>, ValueKind, string]>([
    ["a missing string", {}, "string", "[]"],
    ["a nil number", { x: null }, "number", "[]"],
    ["a missing map", {}, "object", "[]"],
    ["a missing integer", {}, "integer", "[0]"],
  ])("prints %s as Helm does", (_, values, kind, printed) => {
    expect(printLine(values, "[", valueAt("x", kind), "]")).toEqual([printed]);
  });

  // text/template exec.go, walkRange: a map's entries in sorted key order, compared as strings.
  it("ranges over a map's keys in Go's string order and prints each key as it is", () => {
    const scope = rangeScope(1);
    const part = { type: "inlineRange" as const, scope, expr: valueAt("m", "object"), parts: [{ op: "scopeKey" as const, scope }, ":", { op: "scope" as const, scope, path: [], kind: "string" as const }, " "] };
    expect(evaluateText(text(line(part)), renderContext({ m: { b: "1", a: "2", "9": "3", "10": "4" } }), new Map())).toEqual(["10:4 9:3 a:2 b:1 "]);
  });

  // A range index and len are Go ints (text/template exec.go, walkRange; funcs.go, length),
  // printed in decimal where a float64 would print 1e+06.
  const million = { m: new Array<number>(1_000_001).fill(0) };
  it("prints a length from a million up as a Go int", () => {
    expect(evaluateText(text(line(call("len", valueAt("m", "array")))), renderContext(million), new Map())).toEqual(["1000001"]);
  });

  it("prints a list index from a million up as a Go int", () => {
    const scope = rangeScope(2, true);
    const index: ExprIR = { op: "scopeKey", scope };
    const last = { type: "inlineRange" as const, scope, expr: valueAt("m", "array"), parts: [{ type: "inlineWhen" as const, cond: call("eq", index, lit(1_000_000)), then: [index], otherwise: [] }] };
    expect(evaluateText(text(line(last)), renderContext(million), new Map())).toEqual(["1000000"]);
  });

  // text/template's trim marker: `{{-` removes the white space before it, newlines included.
  it.each([
    { keepBlankLineBefore: false, expected: ["a", "  x"] },
    { keepBlankLineBefore: true, expected: ["a", "", "  x"] },
  ])("trims the blank line before a block unless it is kept: $keepBlankLineBefore", ({ keepBlankLineBefore, expected }) => {
    const block: LineIR = { type: "block", expr: lit("x"), indent: 2, keepBlankLineBefore };
    expect(evaluateText(text(line("a"), line(), block), renderContext(), new Map())).toEqual(expected);
  });
});

// YAML 1.2, 8.1.1.2 Block Chomping Indicator: clip keeps the final line break and drops
// trailing empty lines; a block with no content is the empty string.
describe("a literal block scalar with clip chomping", () => {
  it.each([
    { lines: ["a", "", ""], value: "a\n" },
    { lines: ["a"], value: "a\n" },
    { lines: [""], value: "" },
    { lines: [], value: "" },
  ])("reads $lines as $value", ({ lines, value }) => {
    expect(blockScalarValue(lines)).toBe(value);
  });
});

describe("YAML values as Helm prints them and YAML reads them back", () => {
  const node = (expr: ExprIR): NodeIR => ({ type: "expr", expr });
  const evaluate = (document: NodeIR, values: Record<string, unknown>, printedNumbers: boolean) => evaluateNode(document, renderContext(values, { printedNumbers }), new Map());

  // Emitted as `| quote` (nil quotes to nothing), `| int` (0), bare (text/template's
  // "<no value>", erased by Helm: pkg/engine/engine.go) or `| toJson` (null).
  it.each<[ValueKind, unknown]>([
    ["string", null],
    ["integer", 0],
    ["number", null],
    ["boolean", null],
    ["object", null],
  ])("renders a missing or nil %s value as %j", (kind, rendered) => {
    for (const values of [{}, { x: null }]) expect(evaluate(node(valueAt("x", kind)), values, false)).toBe(rendered);
  });

  it("renders a value as it is when numbers are not compared as printed", () => {
    expect(evaluate(node(lit("x")), {}, false)).toBe("x");
  });

  // fmt's %v prints a float64 from 1e21 on, and from a million up, in exponent form, which
  // YAML reads as a float; encoding/json (toJson) writes a whole float64 below 1e21 in
  // digits (encode.go, floatEncoder), read as an integer; `| int` of 1e21 is -2^63 on amd64.
  it.each<[string, ValueKind, unknown, unknown]>([
    ["a float from the values", "number", 2_000_000, 2_000_000],
    ["a value of unknown kind, through toJson", "unknown", 2_000_000, 2_000_000n],
    ["an integer beyond int64, through int", "integer", 1e21, -(2n ** 63n)],
    ["a string", "string", "2000000", "2000000"],
    ["a missing float", "number", undefined, null],
  ])("reads back %s as Helm printed it", (_, kind, value, readBack) => {
    expect(evaluate(node(valueAt("x", kind)), { x: value }, true)).toBe(readBack);
  });

  it("reads back toYaml's whole numbers as integers below 1e21 only, and nil as null", () => {
    const toYaml = (path: string): NodeIR => ({ type: "toYaml", expr: valueAt(path) });
    expect(evaluate(toYaml("x"), { x: { big: 1e21, small: 2 } }, true)).toStrictEqual({ big: 1e21, small: 2n });
    expect(evaluate(toYaml("missing"), {}, true)).toBeNull();
  });

  // A key whose conditional entries all vanished is written `key:` with nothing after it,
  // which YAML reads as null; a literal empty map is written `{}`.
  it("renders a map whose entries all vanished as null, and a literal empty map as {}", () => {
    expect(evaluate(vanishingMap, {}, false)).toBeNull();
    expect(evaluate({ type: "map", entries: [] }, {}, false)).toEqual({});
  });
});

describe("templates", () => {
  it("renders a text template as its lines, each ending in a newline", () => {
    const notes: TemplateIR = { fileName: "NOTES.txt", format: "text", source: at, guard: null, documents: [{ type: "text", text: text(line("a"), line("b")) }] };
    expect(evaluateTemplate(notes, renderContext())).toEqual(["a\nb\n"]);
  });

  // helm template prints no document for a file that renders empty.
  it("renders no document for one whose entries all vanished", () => {
    expect(evaluateTemplate(yamlTemplate("t.yaml", vanishingMap, { type: "scalar", value: "x" }), renderContext())).toEqual(["x"]);
  });

  // An included helper and a checksummed template are text Go reads back with fromYaml, so
  // their numbers are float64 that toJson writes in digits, however the output is compared.
  it("hands included helpers and checksummed templates over as data, not printed numbers", () => {
    const document: NodeIR = { type: "map", entries: [{ type: "entry", key: "a", value: { type: "scalar", value: 2_000_000 } }] };
    const context = renderContext({}, { printedNumbers: true, templates: new Map([["t.yaml", yamlTemplate("t.yaml", document)]]) });
    expect(evaluateExpr(call("toJson", { op: "include", helper: yamlHelper(document) }), context, new Map())).toBe('{"a":2000000}');
    // `include (print $.Template.BasePath "/t.yaml") $ | fromYaml | toJson | sha256sum`
    expect(evaluateExpr({ op: "checksum", template: "t.yaml" }, context, new Map())).toBe(createHash("sha256").update('{"a":2000000}').digest("hex"));
  });

  it("refuses a checksum of a template the chart does not have", () => {
    expect(() => evaluateExpr({ op: "checksum", template: "nope.yaml" }, renderContext(), new Map())).toThrow('checksumOf("nope.yaml") names no template of the chart');
  });
});

describe("what the evaluator refuses", () => {
  // Every switch over IR kinds ends in assertNever (compiler/ir/assert-never.ts): IR of a kind
  // the evaluator does not know, from a stale build or plain JavaScript, is an internal error.
  const bogus = { op: "bogus", type: "bogus", name: "bogus" } as never;
  it.each<[string, () => unknown]>([
    ["expression", () => evaluateExpr(bogus, renderContext(), new Map())],
    ["builtin", () => evaluateExpr({ op: "builtin", name: bogus, kind: "string" }, renderContext(), new Map())],
    ["node", () => evaluateNode(bogus, renderContext(), new Map())],
    ["map entry", () => evaluateNode({ type: "map", entries: [bogus] }, renderContext(), new Map())],
    ["list item", () => evaluateNode({ type: "seq", items: [bogus] }, renderContext(), new Map())],
    ["text line", () => evaluateText(text(bogus), renderContext(), new Map())],
    ["line part", () => evaluateText(text(line(bogus)), renderContext(), new Map())],
    ["value kind", () => evaluateNode({ type: "expr", expr: valueAt("x", bogus) }, renderContext(), new Map())],
  ])("refuses IR with an unknown %s", (what, evaluate) => {
    expect(evaluate).toThrow(`internal error: unhandled ${what}: `);
  });

  it("names its render failures RenderError", () => {
    expect(new RenderError("m")).toMatchObject({ name: "RenderError", message: "m" });
  });

  it.each(["<1.30", "x>=1.29", ">=1.29 <2", ">=1.29.0.1"])("refuses the semver constraint %j, which it does not model", (constraint) => {
    expect(() => evaluateExpr(call("semverCompare", lit(constraint), lit("v1.31.0")), renderContext(), new Map())).toThrow("unsupported semver constraint");
  });
});
