// Reading and writing YAML as gopkg.in/yaml.v3 does, which snapshot files depend on.
import { describe, expect, it } from "vitest";
import { marshalGoYaml, parseGoYaml, parseGoYamlDocuments } from "../../unittest/index.ts";
import { YamlSyntaxError } from "../../unittest/go-yaml/parse.ts";

describe("parseGoYaml resolves plain scalars like yaml.v3", () => {
  it.each([
    ["0777", 511],
    ["08", 8],
    ["1_000", 1000],
    ["0x1F", 31],
    ["0o17", 15],
    ["0b101", 5],
    ["-12", -12],
    ["+3", 3],
    ["1e3", 1000],
    [".5", 0.5],
    ["1.", 1],
    ["yes", "yes"],
    ["on", "on"],
    ["True", true],
    ["FALSE", false],
    ["~", null],
    ["", null],
    ["Null", null],
    ["2024-01-02", "2024-01-02"],
    ["12:30", "12:30"],
    ["1.16.0", "1.16.0"],
    ["'0777'", "0777"],
    ['"true"', "true"],
    ['!!str 12', "12"],
    ['!!int "12"', 12],
  ])("%s → %j", (text, expected) => {
    expect(parseGoYaml(`v: ${text}`)).toEqual({ v: expected });
  });

  it("resolves special floats", () => {
    const parsed = parseGoYaml("a: .nan\nb: -.inf\nc: .Inf") as Record<string, number>;
    expect(Number.isNaN(parsed["a"])).toBe(true);
    expect(parsed["b"]).toBe(-Infinity);
    expect(parsed["c"]).toBe(Infinity);
  });

  it("follows anchors, aliases and merge keys, own keys first", () => {
    expect(parseGoYaml("base: &b {x: 1, y: 2}\nmerged:\n  <<: *b\n  y: 3\nalias: *b")).toEqual({
      base: { x: 1, y: 2 },
      merged: { x: 1, y: 3 },
      alias: { x: 1, y: 2 },
    });
  });

  it("keeps a key named __proto__ as data", () => {
    const parsed = parseGoYaml("__proto__: {polluted: true}") as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });

  it("reads every document of a stream, empty ones as null", () => {
    expect(parseGoYamlDocuments("a: 1\n---\n# only a comment\n---\n- b\n")).toEqual([{ a: 1 }, null, ["b"]]);
  });

  it.each([
    ["a: 1\na: 2", "Map keys must be unique"],
    ["a: [1, 2", "Flow sequence"],
  ])("rejects %j", (text, message) => {
    expect(() => parseGoYaml(text)).toThrow(YamlSyntaxError);
    expect(() => parseGoYaml(text)).toThrow(message);
  });
});

describe("marshalGoYaml writes like yaml.v3's encoder with two-space indent", () => {
  it("indents sequences inside mappings and uses flow style only for empty collections", () => {
    expect(marshalGoYaml({ f: {}, a: { e: [], b: [1, { d: [3], c: 2 }] }, g: [[1, 2], []] })).toBe(
      ["a:", "  b:", "    - 1", "    - c: 2", "      d:", "        - 3", "  e: []", "f: {}", "g:", "  - - 1", "    - 2", "  - []", ""].join("\n"),
    );
  });

  it("orders keys as yaml.v3 does: non-letters first, digit runs by value", () => {
    const keys = ["b", "a10", "a2", "a", "B", "_x", "1"];
    const text = marshalGoYaml(Object.fromEntries(keys.map((key) => [key, 0])));
    expect(text.split("\n").filter(Boolean).map((line) => line.split(":")[0])).toEqual(["_x", '"1"', "B", "a", "a2", "a10", "b"]);
  });

  it.each([
    ["plain", "plain"],
    ["it's", "it's"],
    ["true", '"true"'],
    ["0777", '"0777"'],
    ["1e3", '"1e3"'],
    ["12:30", '"12:30"'],
    ["y", '"y"'],
    ["off", '"off"'],
    ["~", '"~"'],
    ["", '""'],
    ["2024-01-02", '"2024-01-02"'],
    ["- x", "'- x'"],
    ["x: y", "'x: y'"],
    ["#comment", "'#comment'"],
    ["a #b", "'a #b'"],
    [" lead", "' lead'"],
    ["trail ", "'trail '"],
    ["'quoted", "'''quoted'"],
    ["*star", "'*star'"],
    ["tab\there", '"tab\\there"'],
    ["emoji 😀", '"emoji \\U0001F600"'],
    ["bell\u0007", '"bell\\a"'],
    ["x \ny", '"x \\ny"'],
  ])("writes %j as %s", (value, written) => {
    expect(marshalGoYaml({ k: value })).toBe(`k: ${written}\n`);
  });

  it.each([
    ["a\nb", "|-\n  a\n  b"],
    ["a\nb\n", "|\n  a\n  b"],
    ["a\n\n", "|+\n  a\n"],
    [" a\nb\n", "|2\n   a\n  b"],
    ["a\n\nb\n", "|\n  a\n\n  b"],
  ])("writes the multi-line %j as a literal block", (value, written) => {
    expect(marshalGoYaml({ k: value })).toBe(`k: ${written}\n`);
  });

  it("writes a top-level text block indented by two spaces, as NOTES.txt snapshots show", () => {
    expect(marshalGoYaml("line 1\nline 2\n")).toBe("|\n  line 1\n  line 2\n");
    expect(marshalGoYaml("one line")).toBe("one line\n");
  });

  it("folds plain text longer than 80 columns at the first space past column 80", () => {
    const words = Array.from({ length: 10 }, () => "abcdefghi");
    expect(marshalGoYaml(words.join(" "))).toBe(`${words.slice(0, 9).join(" ")}\n  abcdefghi\n`);
    expect(marshalGoYaml({ key: words.join(" ") })).toBe(`key: ${words.slice(0, 8).join(" ")}\n  abcdefghi abcdefghi\n`);
    expect(marshalGoYaml({ nested: { key: words.join(" ") } })).toBe(`nested:\n  key: ${words.slice(0, 8).join(" ")}\n    abcdefghi abcdefghi\n`);
  });

  it("folds quoted text too, but never keys", () => {
    const words = Array.from({ length: 10 }, () => "abcdefghi");
    expect(marshalGoYaml({ k: `#${words.join(" ")}` })).toBe(`k: '#${words.slice(0, 8).join(" ")}\n  abcdefghi abcdefghi'\n`);
    const longKey = words.slice(0, 9).join(" ");
    expect(marshalGoYaml({ [longKey]: 1 })).toBe(`${longKey}: 1\n`);
  });

  it("writes keys over 128 bytes and multi-line keys in explicit form", () => {
    const long = "k".repeat(129);
    expect(marshalGoYaml({ [long]: 1 })).toBe(`? ${long}\n: 1\n`);
    expect(marshalGoYaml({ "a\nb": 1 })).toBe("? |-\n  a\n  b\n: 1\n");
  });

  it("writes numbers as Go prints ints and float64s", () => {
    expect(marshalGoYaml([1, -2, 1.5, 1e-7, 123456.5, 1234567.5, 2 ** 60, Number.NaN, Infinity, -Infinity, null, true])).toBe(
      ["- 1", "- -2", "- 1.5", "- 1e-07", "- 123456.5", "- 1.2345675e+06", "- 1152921504606846976", "- .nan", "- .inf", "- -.inf", "- null", "- true", ""].join("\n"),
    );
  });

  it("writes integer-keyed maps (snapshot indices) with plain numeric keys in numeric order", () => {
    expect(marshalGoYaml({ test: new Map([[10, "x\n"], [2, "y\n"]]) })).toBe("test:\n  2: |\n    y\n  10: |\n    x\n");
  });

  it("reads back what it writes", () => {
    const value = { a: ["0777", "true", "", " x", "a\nb", "it's", 1.5, null, { "k: v": [] }], b: "x".repeat(200).replace(/x{10}/g, "xxxxxxxxx ") };
    expect(parseGoYaml(marshalGoYaml(value))).toEqual(value);
  });
});
