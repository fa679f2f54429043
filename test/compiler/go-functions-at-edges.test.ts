// Each Go template and sprig function the IR can call, on the inputs at the edges of its
// rules, as the text Helm prints for `{{ <expression> }}`. The expected text is Helm's: the
// last test renders every expression with Helm 3 and 4 and must print exactly it, and the
// others hold the evaluator (compiler/evaluate/calls.ts, go-semantics.ts) to the same text.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { compileChart } from "../../compiler/index.ts";
import { evaluateExpr, RenderError } from "../../compiler/evaluate/index.ts";
import type { ExprIR } from "../../compiler/ir/types.ts";
import { helmBinaries } from "../../helm/run.ts";
import { renderOrThrow, renderWithHelm, writeChart } from "../../compiler/testing/render.ts";
import { configMapChart } from "../support/config-map-chart.ts";
import { call, lit, renderContext, valueAt } from "../support/evaluator-inputs.ts";

/** A Go expression, the same expression as IR, and what Helm prints for it. */
type Case = readonly [go: string, ir: ExprIR, printed: string];

const missing = valueAt("missing");

const TABLES: Record<string, readonly Case[]> = {
  // sprig strings.go, trunc: a negative count keeps the last -n bytes, a count beyond the
  // length keeps everything.
  "trunc keeps the first n bytes, or the last -n for a negative count": [
    ['trunc -2 "hello"', call("trunc", lit(-2), lit("hello")), "lo"],
    ['trunc 0 "hello"', call("trunc", lit(0), lit("hello")), ""],
    ['trunc -9 "hello"', call("trunc", lit(-9), lit("hello")), "hello"],
    ['trunc 9 "hello"', call("trunc", lit(9), lit("hello")), "hello"],
  ],
  // sprig: lower/upper are strings.ToLower/ToUpper, contains is strings.Contains(haystack,
  // needle), hasPrefix strings.HasPrefix(text, prefix).
  "string tests and case changes take their subject last": [
    ['lower "AbC"', call("lower", lit("AbC")), "abc"],
    ['upper "aBc"', call("upper", lit("aBc")), "ABC"],
    ['contains "b" "abc"', call("contains", lit("b"), lit("abc")), "true"],
    ['contains "abc" "b"', call("contains", lit("abc"), lit("b")), "false"],
    ['hasPrefix "a" "abc"', call("hasPrefix", lit("a"), lit("abc")), "true"],
    ['hasPrefix "c" "abc"', call("hasPrefix", lit("c"), lit("abc")), "false"],
  ],
  // sprig dict.go: hasKey is Go's comma-ok map lookup.
  "hasKey tells whether a map has the key": [
    ['hasKey (dict "a" "") "a"', call("hasKey", call("dict", lit("a"), lit("")), lit("a")), "true"],
    ['hasKey (dict "a" 1) "b"', call("hasKey", call("dict", lit("a"), lit(1)), lit("b")), "false"],
  ],
  // text/template funcs.go, length: reflect's Len, which counts a string's bytes.
  "len counts a string's UTF-8 bytes, a list's elements and a map's keys": [
    ['len "héllo"', call("len", lit("héllo")), "6"],
    ["len (list 1 2 3)", call("len", call("list", lit(1), lit(2), lit(3))), "3"],
    ['len (dict "a" 1 "b" 2)', call("len", call("dict", lit("a"), lit(1), lit("b"), lit(2))), "2"],
  ],
  // fmt's %v: lists as [a b], maps as map[k:v] in sorted key order, nil as <nil>; sprig
  // dict.go, dict: a key without a value gets "".
  "lists and maps print as fmt's %v, map keys sorted and nil as <nil>": [
    ['list "a" 1.5 true nil (dict "k" 2)', call("list", lit("a"), lit(1.5), lit(true), lit(null), call("dict", lit("k"), lit(2))), "[a 1.5 true <nil> map[k:2]]"],
    ['dict "b" "x" "a" (list 1 2) "c" nil', call("dict", lit("b"), lit("x"), lit("a"), call("list", lit(1), lit(2)), lit("c"), lit(null)), "map[a:[1 2] b:x c:<nil>]"],
    ['dict "a" 1 "b"', call("dict", lit("a"), lit(1), lit("b")), "map[a:1 b:]"],
  ],
  // spf13/cast ToInt: strconv.ParseInt(trimZeroDecimal(s), 0, 0), 0 on error. Base 0 reads
  // a leading 0 as octal, so 8 and 9 are not digits; underscores only between digits
  // (strconv/atoi.go, underscoreOK); "12." keeps its point, which ParseInt refuses.
  "int parses a string as Go's ParseInt with base 0, and gives 0 where it fails": [
    ['int "017"', call("int", lit("017")), "15"],
    ['int "08"', call("int", lit("08")), "0"],
    ['int "_12"', call("int", lit("_12")), "0"],
    ['int "12."', call("int", lit("12.")), "0"],
    ['int "0b12"', call("int", lit("0b12")), "0"],
    ['int "0b21"', call("int", lit("0b21")), "0"],
    ['int "0o18"', call("int", lit("0o18")), "0"],
    ['int "0o81"', call("int", lit("0o81")), "0"],
    ['int "-9223372036854775808"', call("int", lit("-9223372036854775808")), "-9223372036854775808"],
    ['int "-9223372036854775809"', call("int", lit("-9223372036854775809")), "0"],
  ],
  // cast ToInt: true is 1; int64(f) of a float64 truncates, and from 2^63 up gives amd64's
  // integer indefinite, -2^63. int, add and len are int64 and print every digit.
  "int, add and len print Go ints in decimal, even from a million up": [
    ["int true", call("int", lit(true)), "1"],
    ["int 9.223372036854775808e18", call("int", lit(2 ** 63)), "-9223372036854775808"],
    ["int 2000000.5", call("int", lit(2000000.5)), "2000000"],
    ["add 2000000 0", call("add", lit(2000000), lit(0)), "2000000"],
  ],
  // cast ToFloat64: true is 1, strings through strconv.ParseFloat (atof.go): a point with no
  // digit before it, signed exponents, underscores between digits (atof.go, readFloat and
  // underscoreOK), and the specials inf, infinity and nan in any case, only inf taking a
  // sign (atof.go, special); anything around them is an error, so 0.
  "float64 parses a string as Go's ParseFloat, and gives 0 where it fails": [
    ["float64 true", call("float64", lit(true)), "1"],
    ['float64 ".25"', call("float64", lit(".25")), "0.25"],
    ['float64 "1e+3"', call("float64", lit("1e+3")), "1000"],
    ['float64 "2.5e10"', call("float64", lit("2.5e10")), "2.5e+10"],
    ['float64 "inf"', call("float64", lit("inf")), "+Inf"],
    ['float64 "+Inf"', call("float64", lit("+Inf")), "+Inf"],
    ['float64 "-infinity"', call("float64", lit("-infinity")), "-Inf"],
    ['float64 "xinf"', call("float64", lit("xinf")), "0"],
    ['float64 "infx"', call("float64", lit("infx")), "0"],
    ['float64 "nan"', call("float64", lit("nan")), "NaN"],
    ['float64 "+nan"', call("float64", lit("+nan")), "0"],
    ['float64 "xnan"', call("float64", lit("xnan")), "0"],
    ['float64 "nanx"', call("float64", lit("nanx")), "0"],
    ['float64 "1_000.5"', call("float64", lit("1_000.5")), "1000.5"],
    ['float64 "1__0"', call("float64", lit("1__0")), "0"],
    ['float64 "1_.5"', call("float64", lit("1_.5")), "0"],
  ],
  // sprig semver.go, semverCompare: Masterminds/semver v3. A version may omit the v and the
  // patch; a pre-release version meets only a constraint with a pre-release (constraints.go).
  "semverCompare reads >=major.minor[.patch][-0] as Masterminds/semver does": [
    ['semverCompare ">=1.29" "v1.29.0-eks-1"', call("semverCompare", lit(">=1.29"), lit("v1.29.0-eks-1")), "false"],
    ['semverCompare ">=1.29-0" "v1.29.0-eks-1"', call("semverCompare", lit(">=1.29-0"), lit("v1.29.0-eks-1")), "true"],
    ['semverCompare ">= 1.29-0" "v1.31.0"', call("semverCompare", lit(">= 1.29-0"), lit("v1.31.0")), "true"],
    ['semverCompare ">=1.29.5-0" "v1.29.10"', call("semverCompare", lit(">=1.29.5-0"), lit("v1.29.10")), "true"],
    ['semverCompare ">=1.29.10" "v1.29.9"', call("semverCompare", lit(">=1.29.10"), lit("v1.29.9")), "false"],
    ['semverCompare ">=10.0-0" "v9.1.0"', call("semverCompare", lit(">=10.0-0"), lit("v9.1.0")), "false"],
    ['semverCompare ">=9.0-0" "v10.1.0"', call("semverCompare", lit(">=9.0-0"), lit("v10.1.0")), "true"],
    ['semverCompare ">=1.31-0" "1.31.0"', call("semverCompare", lit(">=1.31-0"), lit("1.31.0")), "true"],
    ['semverCompare ">=1.31-0" "v1.31"', call("semverCompare", lit(">=1.31-0"), lit("v1.31")), "true"],
  ],
  // helm pkg/engine/engine.go, "required": only nil and "" fail; anything else comes back
  // as it is, an int literal still an int.
  "required hands back zero, false and numbers unchanged": [
    ['required "m" 0', call("required", lit("m"), lit(0)), "0"],
    ['required "m" false', call("required", lit("m"), lit(false)), "false"],
    ['required "m" 2000000', call("required", lit("m"), lit(2000000)), "2000000"],
    ['required "m" 2.5', call("required", lit("m"), lit(2.5)), "2.5"],
  ],
  // sprig toJson is encoding/json's Marshal: nil is null.
  "toJson writes a missing value as null": [["toJson .Values.missing", call("toJson", missing), "null"]],
  // sprig dict.go, merge: mergo.Merge without override. A key keeps a non-empty value, an
  // empty one takes the next source's, maps merge key by key, a map never replaces a
  // non-map, and a nil source value is skipped (mergo merge.go, deepMerge).
  "merge keeps the first non-empty value of each key and skips nil": [
    ['merge (dict "a" "x") (dict "a" (dict "b" 1)) | toJson', call("toJson", call("merge", call("dict", lit("a"), lit("x")), call("dict", lit("a"), call("dict", lit("b"), lit(1))))), '{"a":"x"}'],
    ['merge (dict "a" "x") (dict "a" "y") | toJson', call("toJson", call("merge", call("dict", lit("a"), lit("x")), call("dict", lit("a"), lit("y")))), '{"a":"x"}'],
    ['merge (dict "a" "") (dict "a" "y") | toJson', call("toJson", call("merge", call("dict", lit("a"), lit("")), call("dict", lit("a"), lit("y")))), '{"a":"y"}'],
    ['merge (dict) (dict "a" "x") | toJson', call("toJson", call("merge", call("dict"), call("dict", lit("a"), lit("x")))), '{"a":"x"}'],
    ['merge (dict "a" (dict "x" 1)) (dict "a" (dict "y" 2)) | toJson', call("toJson", call("merge", call("dict", lit("a"), call("dict", lit("x"), lit(1))), call("dict", lit("a"), call("dict", lit("y"), lit(2))))), '{"a":{"x":1,"y":2}}'],
    ['merge (dict "a" "") (dict "a" nil) | toJson', call("toJson", call("merge", call("dict", lit("a"), lit("")), call("dict", lit("a"), lit(null)))), '{"a":""}'],
    ['merge (dict) (dict "a" nil) | toJson', call("toJson", call("merge", call("dict"), call("dict", lit("a"), lit(null)))), "{}"],
  ],
};

const ALL_CASES = Object.values(TABLES).flat();

describe.each(Object.entries(TABLES))("%s", (_, cases) => {
  it.each(cases)("{{ %s }} prints %j", (_go, ir, printed) => {
    expect(evaluateExpr({ op: "interpolate", parts: [ir] }, renderContext(), new Map())).toBe(printed);
  });
});

// helm pkg/engine/engine.go, "required": nil or "" fails the render with the message.
const REQUIRED_FAILURES: readonly Case[] = [
  ['required "gone: a missing value" .Values.missing', call("required", lit("gone: a missing value"), missing), "gone: a missing value"],
  ['required "gone: nil" (get (dict "a" nil) "a")', call("required", lit("gone: nil"), call("get", call("dict", lit("a"), lit(null)), lit("a"))), "gone: nil"],
  ['required "gone: empty" ""', call("required", lit("gone: empty"), lit("")), "gone: empty"],
];

describe("required fails the render with its message on nil and the empty string", () => {
  it.each(REQUIRED_FAILURES)("{{ %s }} fails with %j", (_go, ir, message) => {
    const render = () => evaluateExpr(ir, renderContext(), new Map());
    expect(render).toThrow(RenderError);
    expect(render).toThrow(message);
  });
});

/** The chart of one ConfigMap, with a template of our own text added beside it. */
function chartWithTemplate(text: string): string {
  const compiled = compileChart(configMapChart("edges", z.object({}).strict(), () => ({})));
  return writeChart({ ...compiled, files: new Map(compiled.files).set("templates/edges.yaml", text) });
}

describe.each(helmBinaries())("$label", (helm) => {
  it("prints every expression of the tables as stated", async () => {
    const lines = ALL_CASES.map(([go]) => `    [{{ ${go} }}]`);
    const text = ["apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: edges", "data:", "  printed: |", ...lines, ""].join("\n");
    const rendered = await renderOrThrow(helm, chartWithTemplate(text), {});
    const printed = (rendered["edges.yaml"]![0] as { data: { printed: string } }).data.printed;
    expect(printed.trimEnd().split("\n")).toEqual(ALL_CASES.map(([, , expected]) => `[${expected}]`));
  });

  it.each(REQUIRED_FAILURES)("fails {{ %s }} with %j", async (go, _ir, message) => {
    const outcome = await renderWithHelm(helm, chartWithTemplate(`x: {{ ${go} | quote }}\n`), {});
    expect(outcome.ok ? "rendered" : outcome.error).toContain(message);
  });
});
