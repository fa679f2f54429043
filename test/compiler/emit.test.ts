// The emitter, combinator by combinator: the Go-template YAML a Helm maintainer would write.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  and, capabilities, checksumOf, conditionHelper, defaultTo, defineNotes, defineTemplate, each, eachEntry, entry, eq, gt, ifElse, indentedBlock,
  inlineEach, inlineWhen, isEmpty, line, lines, lookup, lower, mergeMaps, not, or, release, required, spreadItems, spreadYaml, symbolicValues, textHelper,
  toFloat, toInt, toYaml, tpl, unless, when, withValue, yamlHelper,
} from "../../compiler/index.ts";
import { emitHelpersFile, emitTemplateFile } from "../../compiler/emit/index.ts";

const schema = z
  .object({
    name: z.string().default("n"),
    count: z.number().int().default(1),
    ratio: z.number().default(0.5),
    on: z.boolean().default(false),
    labels: z.record(z.string(), z.string()).default({}),
    list: z.array(z.object({ name: z.string(), port: z.number().int(), tags: z.array(z.string()).optional() }).strict()).default([]),
    extra: z.array(z.record(z.string(), z.string())).default([]),
    optional: z.string().regex(/^[a-z]*$/).optional(),
    snippet: z.string().default(""),
    "odd-key": z.string().default("x"),
    maybeCount: z.number().int().optional(),
    inner: z.object({ host: z.string(), port: z.number().int(), "dashed-key": z.string() }).strict().default({ host: "h", port: 80, "dashed-key": "d" }),
  })
  .strict();
const v = symbolicValues(schema);

/** The template body, without the `# Source:` line. */
function emit(document: object, options?: Parameters<typeof defineTemplate>[2]): string {
  return emitTemplateFile(defineTemplate("t.yaml", () => document, options).build()).split("\n").slice(1).join("\n").trimEnd();
}

describe("scalars and references", () => {
  it("quotes strings, passes integers through int, leaves numbers and booleans bare", () => {
    expect(emit({ a: v.name, b: v.count, c: v.ratio, d: v.on })).toBe(
      ["a: {{ .Values.name | quote }}", "b: {{ .Values.count | int }}", "c: {{ .Values.ratio }}", "d: {{ .Values.on }}"].join("\n"),
    );
  });

  it("quotes literal strings and keys YAML 1.1 would read as something else (n is a boolean there) and escapes {{", () => {
    expect(emit({ on: "yes", n: "0123", s: "a: b", plain: "web", t: "{{ x }}", num: 3, nil: null, yes: true })).toBe(
      ['"on": "yes"', '"n": "0123"', 's: "a: b"', "plain: web", 't: "{{ "{{" }} x }}"', "num: 3", "nil: null", '"yes": true'].join("\n"),
    );
  });

  it("reaches keys that are not Go identifiers with index", () => {
    expect(emit({ k: v["odd-key"] })).toBe('k: {{ (index .Values "odd-key") | quote }}');
  });

  it("interpolates with printf, %d for integers and %% for a literal percent", () => {
    expect(emit({ a: tpl`${v.name}:${v.count}% ${v.ratio}`, b: tpl`${v.name}`, c: tpl`${v.count}` })).toBe(
      [
        'a: {{ printf "%s:%d%% %v" .Values.name (int .Values.count) .Values.ratio | quote }}',
        "b: {{ .Values.name | quote }}",
        "c: {{ .Values.count | int | toString | quote }}",
      ].join("\n"),
    );
  });

  it("writes defaults, required and builtins as pipelines", () => {
    expect(emit({ a: defaultTo(v.optional, "x"), b: required(v.optional, "set optional"), c: release.namespace })).toBe(
      ['a: {{ .Values.optional | default "x" | quote }}', 'b: {{ .Values.optional | required "set optional" | quote }}', "c: {{ .Release.Namespace | quote }}"].join("\n"),
    );
  });

  it("compares integers through int and combines conditions with and/or/not", () => {
    expect(emit({ ...when(and(gt(v.count, 1), or(eq(v.name, "a"), not(v.on))), { x: 1 }) })).toBe(
      ['{{- if and (gt (int .Values.count) 1) (or (eq .Values.name "a") (not .Values.on)) }}', "x: 1", "{{- end }}"].join("\n"),
    );
  });
});

describe("conditionals", () => {
  it("guards map entries with when and unless, with an else branch", () => {
    expect(emit({ a: 1, ...when(v.on, { b: 2 }, { c: 3 }), ...unless(v.on, { d: 4 }) })).toBe(
      ["a: 1", "{{- if .Values.on }}", "b: 2", "{{- else }}", "c: 3", "{{- end }}", "{{- if not .Values.on }}", "d: 4", "{{- end }}"].join("\n"),
    );
  });

  it("moves the key into both branches for ifElse", () => {
    expect(emit({ spec: { mode: ifElse(v.on, "fast", { slow: true }) } })).toBe(
      ["spec:", "  {{- if .Values.on }}", "  mode: fast", "  {{- else }}", "  mode:", "    slow: true", "  {{- end }}"].join("\n"),
    );
  });

  it("guards list items, keeping the dash on the item", () => {
    expect(emit({ items: [{ name: "a" }, ...when(v.on, [{ name: "b", port: 1 }])] })).toBe(
      ["items:", "  - name: a", "  {{- if .Values.on }}", "  - name: b", "    port: 1", "  {{- end }}"].join("\n"),
    );
  });

  it("gives an item whose first entry is conditional a dash of its own", () => {
    expect(emit({ items: [{ ...when(v.on, { a: 1 }), b: 2 }] })).toBe(
      ["items:", "  -", "    {{- if .Values.on }}", "    a: 1", "    {{- end }}", "    b: 2"].join("\n"),
    );
  });

  it("merges adjacent blocks under the same condition into one if, keeping key order, and leaves other conditions apart", () => {
    expect(emit({ a: ifElse(v.on, 1, 2), b: ifElse(v.on, 3, 4), ...when(v.on, { c: 5 }), ...when(not(v.on), { d: 6 }), ...when(not(v.on), { e: 7 }) })).toBe(
      ["{{- if .Values.on }}", "a: 1", "b: 3", "c: 5", "{{- else }}", "a: 2", "b: 4", "{{- end }}", "{{- if not .Values.on }}", "d: 6", "e: 7", "{{- end }}"].join("\n"),
    );
  });

  it("merges adjacent same-condition list items and text lines, but not blocks with something between them", () => {
    expect(emit({ items: [...when(v.on, [1]), ...when(v.on, [2], [3]), 4, ...when(v.on, [5])] })).toBe(
      ["items:", "  {{- if .Values.on }}", "  - 1", "  - 2", "  {{- else }}", "  - 3", "  {{- end }}", "  - 4", "  {{- if .Values.on }}", "  - 5", "  {{- end }}"].join("\n"),
    );
    expect(emit({ t: lines(when(v.on, lines("a")), when(v.on, lines("b"))) })).toBe(["t: |", "  {{- if .Values.on }}", "  a", "  b", "  {{- end }}"].join("\n"));
    // `{{- end }}` trims a branch's trailing empty line; merged, the line would be kept.
    expect(emit({ t: lines(when(v.on, lines("a", "")), when(v.on, lines("b"))) })).toBe(
      ["t: |", "  {{- if .Values.on }}", "  a", "", "  {{- end }}", "  {{- if .Values.on }}", "  b", "  {{- end }}"].join("\n"),
    );
  });

  it("guards the whole file", () => {
    const text = emitTemplateFile(defineTemplate("g.yaml", () => ({ kind: "X" }), { when: v.on }).build());
    expect(text).toMatch(/^\{\{- if \.Values\.on \}\}\n# Source: .*\nkind: X\n\{\{- end \}\}\n$/);
  });

  it("branches on capabilities", () => {
    expect(emit({ ...when(capabilities.kubeVersionAtLeast(1, 29), { a: 1 }), ...when(capabilities.hasApiVersion("x/v1"), { b: 1 }) })).toBe(
      ['{{- if semverCompare ">=1.29-0" .Capabilities.KubeVersion.Version }}', "a: 1", "{{- end }}", '{{- if .Capabilities.APIVersions.Has "x/v1" }}', "b: 1", "{{- end }}"].join("\n"),
    );
  });
});

describe("ranges and with", () => {
  it("ranges over a list with a named variable and $ for the root inside", () => {
    expect(emit({ ports: each(v.list, (item) => ({ name: item.name, port: item.port, app: v.name })) })).toBe(
      ["ports:", "  {{- range $listItem := .Values.list }}", "  - name: {{ $listItem.name | quote }}", "    port: {{ $listItem.port | int }}", "    app: {{ $.Values.name | quote }}", "  {{- end }}"].join("\n"),
    );
  });

  it("nests ranges and keeps both variables reachable", () => {
    const doc = { all: each(v.list, (item) => ({ tags: each(item.tags, (tag) => ({ tag, of: item.name }), { as: "tag" }) }), { as: "entry" }) };
    expect(emit(doc)).toBe(
      [
        "all:",
        "  {{- range $entry := .Values.list }}",
        "  - tags:",
        "      {{- range $tag := $entry.tags }}",
        "      - tag: {{ $tag | quote }}",
        "        of: {{ $entry.name | quote }}",
        "      {{- end }}",
        "  {{- end }}",
      ].join("\n"),
    );
  });

  it("binds the dot with withValue and uses $ for the root inside it", () => {
    expect(emit({ meta: { ...withValue(v.optional, (value) => ({ name: value, app: v.name })) } })).toBe(
      ["meta:", "  {{- with .Values.optional }}", "  name: {{ . | quote }}", "  app: {{ $.Values.name | quote }}", "  {{- end }}"].join("\n"),
    );
  });

  it("writes free-form values with toYaml, omitting empty ones and the chart's own keys from a spread map", () => {
    expect(emit({ labels: { a: "b", ...spreadYaml(v.labels) }, list: [{ a: 1 }, ...spreadItems(v.extra)], whole: toYaml(v.labels) })).toBe(
      [
        "labels:",
        "  a: b",
        '  {{- with omit .Values.labels "a" }}',
        "  {{- toYaml . | nindent 2 }}",
        "  {{- end }}",
        "list:",
        "  - a: 1",
        "  {{- with .Values.extra }}",
        "  {{- toYaml . | nindent 2 }}",
        "  {{- end }}",
        "whole:",
        "  {{- toYaml .Values.labels | nindent 2 }}",
      ].join("\n"),
    );
  });
});

describe("maps with computed keys and merged maps", () => {
  it("ranges over a map's entries with key and value variables and computed keys", () => {
    expect(emit({ data: { ...eachEntry(v.labels, (key, value) => entry(tpl`label-${key}`, value), { as: ["name", "text"] }) } })).toBe(
      [
        "data:",
        "  {{- range $name, $text := .Values.labels }}",
        '  {{ printf "label-%s" $name | quote }}: {{ $text | quote }}',
        "  {{- end }}",
      ].join("\n"),
    );
  });

  it("merges maps into a fresh dict, the first source winning", () => {
    const labels = yamlHelper("t.labels", "labels", { a: v.name });
    expect(emit({ merged: toYaml(mergeMaps({ fixed: "x" }, labels, v.labels)) })).toBe(
      ["merged:", '  {{- toYaml (merge (dict "fixed" "x") (include "t.labels" . | fromYaml) .Values.labels) | nindent 2 }}'].join("\n"),
    );
    expect(emit({ merged: toYaml(mergeMaps(v.labels)) })).toBe(["merged:", "  {{- toYaml (merge (dict) .Values.labels) | nindent 2 }}"].join("\n"));
  });

  it("names a long condition once in _helpers.tpl", () => {
    const enabled = conditionHelper("t.enabled", "enabled", and(v.on, gt(v.count, 1)));
    expect(emit({ ...when(enabled, { a: 1 }) })).toBe(['{{- if include "t.enabled" . }}', "a: 1", "{{- end }}"].join("\n"));
  });
});

describe("text blocks", () => {
  it("keeps loops and conditions inside one line, a brace before an action kept apart by a trimmed space", () => {
    const text = line("fields ", inlineEach(v.list, (item) => ["{", item.name, "}\t"], { as: "field" }), inlineWhen(v.on, "on", "off"));
    expect(emit({ t: text })).toBe(['t: |', '  fields {{ range $field := .Values.list }}{ {{- $field.name }}}\t{{ end }}{{ if .Values.on }}on{{ else }}off{{ end }}'].join("\n"));
  });

  it("writes NOTES.txt as plain text with a template comment for the source", () => {
    const text = emitTemplateFile(defineNotes(() => lines(tpl`Installed ${release.name}.`, when(v.on, lines("", "On.")))).build());
    expect(text).toBe(["{{- /* Source: test/compiler/emit.test.ts */ -}}", "Installed {{ .Release.Name }}.", "{{- if .Values.on }}", "", "On.", "{{- end }}", ""].join("\n"));
  });

  it("writes lines as a literal block with trimmed control actions", () => {
    const text = lines(
      "a {",
      tpl`  n ${v.count};`,
      when(v.on, lines("  on;"), lines("  off;")),
      each(v.list, (item) => lines(tpl`  s ${item.name};`), { as: "server" }),
      when(v.snippet, indentedBlock(v.snippet, 2)),
      "}",
    );
    expect(emit({ data: { "x.conf": text } })).toBe(
      [
        "data:",
        "  x.conf: |",
        "    a {",
        "      n {{ .Values.count | int }};",
        "    {{- if .Values.on }}",
        "      on;",
        "    {{- else }}",
        "      off;",
        "    {{- end }}",
        "    {{- range $server := .Values.list }}",
        "      s {{ $server.name }};",
        "    {{- end }}",
        "    {{- if .Values.snippet }}",
        '    {{- .Values.snippet | trimSuffix "\\n" | nindent 6 }}',
        "    {{- end }}",
        "    }",
      ].join("\n"),
    );
  });

  it("adds an indentation indicator when the first line starts with a space", () => {
    expect(emit({ t: lines("  indented", "x") })).toBe(["t: |2", "    indented", "  x"].join("\n"));
  });

  it("writes empty lines without trailing spaces", () => {
    expect(emit({ t: lines("a", "", "b") })).toBe(["t: |", "  a", "", "  b"].join("\n"));
  });
});

describe("helpers and checksums", () => {
  it("includes text helpers with the root context, $ inside a range", () => {
    const helper = textHelper("t.name", "a name", tpl`${v.name}-x`);
    expect(emit({ a: helper, b: each(v.list, () => ({ named: helper })) })).toBe(
      ['a: {{ include "t.name" . | quote }}', "b:", "  {{- range $listItem := .Values.list }}", '  - named: {{ include "t.name" $ | quote }}', "  {{- end }}"].join("\n"),
    );
  });

  it("spreads YAML helpers with nindent", () => {
    const labels = yamlHelper("t.labels", "labels", { a: v.name });
    expect(emit({ metadata: { labels: labels.spread() } })).toBe(["metadata:", "  labels:", '    {{- include "t.labels" . | nindent 4 }}'].join("\n"));
  });

  it("hashes another template's parsed document", () => {
    expect(emit({ annotations: { "checksum/config": checksumOf("cm.yaml") } })).toBe(
      ["annotations:", '  checksum/config: {{ include (print $.Template.BasePath "/cm.yaml") $ | fromYaml | toJson | sha256sum | quote }}'].join("\n"),
    );
  });

  it("is deterministic", () => {
    const build = () => emit({ a: each(v.list, (item) => ({ n: item.name })), b: lines("x", tpl`${v.count}`) });
    expect(build()).toBe(build());
  });
});

describe("Go's number formatting, as Helm prints float64 values", () => {
  it("prints %v like Go: exponent from 1e+06 and below 1e-04", async () => {
    const { goFormatFloat } = await import("../../golang/index.ts");
    const cases: [number, string][] = [
      [0, "0"], [1, "1"], [123456, "123456"], [1e6, "1e+06"], [1234567, "1.234567e+06"], [0.5, "0.5"],
      [0.0001, "0.0001"], [0.00001, "1e-05"], [-2.5e-7, "-2.5e-07"], [1.5e300, "1.5e+300"], [999999, "999999"],
    ];
    expect(cases.map(([value]) => goFormatFloat(value))).toEqual(cases.map(([, printed]) => printed));
  });
});

describe("expressions as values: quoting, conversions and parentheses", () => {
  it.each([
    { rule: "a structure is written as JSON", doc: { a: v.labels }, expected: "a: {{ .Values.labels | toJson }}" },
    { rule: "an int(...) value is not converted to int again", doc: { a: toInt(v.ratio) }, expected: "a: {{ .Values.ratio | int }}" },
    { rule: "a number or boolean alone in tpl`` goes through toString, not int", doc: { a: tpl`${v.ratio}`, b: tpl`${v.on}` }, expected: "a: {{ .Values.ratio | toString | quote }}\nb: {{ .Values.on | toString | quote }}" },
    { rule: "literals alone in tpl`` fold into one string", doc: { a: tpl`${1}-${"two"}-${true}` }, expected: 'a: {{ "1-two-true" | quote }}' },
    {
      rule: "number literals beside a value join the format string where JavaScript and Go print them alike",
      doc: { a: tpl`${v.name}:${8080}`, b: tpl`${v.name}=${0.0001}`, c: tpl`${v.name}=${2.5}`, d: tpl`${v.name}=${1000000.5}`, e: tpl`${v.name}=${null}` },
      expected: [
        'a: {{ printf "%s:8080" .Values.name | quote }}',
        'b: {{ printf "%s=0.0001" .Values.name | quote }}',
        'c: {{ printf "%s=2.5" .Values.name | quote }}',
        'd: {{ printf "%s=%v" .Values.name 1000000.5 | quote }}',
        'e: {{ printf "%s=<nil>" .Values.name | quote }}',
      ].join("\n"),
    },
    {
      rule: "a with's value is . and its fields are .field, or index . for a key that is not a Go identifier",
      doc: { ...withValue(v.inner, (inner) => ({ host: inner.host, port: inner.port, dashed: inner["dashed-key"] })) },
      expected: ["{{- with .Values.inner }}", "host: {{ .host | quote }}", "port: {{ .port | int }}", 'dashed: {{ (index . "dashed-key") | quote }}', "{{- end }}"].join("\n"),
    },
    {
      rule: "a range variable's integer goes through int in printf",
      doc: { a: each(v.list, (item) => ({ addr: tpl`${item.name}:${item.port}` })) },
      expected: ["a:", "  {{- range $listItem := .Values.list }}", '  - addr: {{ printf "%s:%d" $listItem.name (int $listItem.port) | quote }}', "  {{- end }}"].join("\n"),
    },
    {
      rule: "an index expression is one term as an argument, a pipeline or call around it is parenthesised",
      doc: { ...when(and(eq(v["odd-key"], "x"), isEmpty(v["odd-key"]), eq(defaultTo(v["odd-key"], "y"), "x")), { a: 1 }) },
      expected: ['{{- if and (eq (index .Values "odd-key") "x") (empty (index .Values "odd-key")) (eq ((index .Values "odd-key") | default "y") "x") }}', "a: 1", "{{- end }}"].join("\n"),
    },
    {
      rule: "a piped subject stays bare when it is a pipeline, and is parenthesised when it is a prefix call",
      doc: { a: lower(defaultTo(v.optional, "X")), b: lower(lookup({ a: "A" }, v.name)) },
      expected: ['a: {{ .Values.optional | default "X" | lower | quote }}', 'b: {{ (get (dict "a" "A") .Values.name) | lower | quote }}'].join("\n"),
    },
    { rule: "null is nil in a comparison", doc: { ...when(eq(v.optional, null), { a: 1 }) }, expected: ["{{- if eq .Values.optional nil }}", "a: 1", "{{- end }}"].join("\n") },
  ])("$rule", ({ doc, expected }) => {
    expect(emit(doc)).toBe(expected);
  });

  // Helm hands a values integer over as float64, which prints 2e+06 from a million up; default
  // and required hand back their argument as it is (printed-numbers and text-helpers render it).
  it.each([
    { rule: "an integer from the values, through default, goes through int", expr: defaultTo(v.maybeCount, 7), expected: "{{ .Values.maybeCount | default 7 | int }}" },
    { rule: "an integer from the values, through required, goes through int", expr: required(v.maybeCount, "set it"), expected: '{{ .Values.maybeCount | required "set it" | int }}' },
    { rule: "int(...) of a values integer is not converted again", expr: toInt(v.count), expected: "{{ .Values.count | int }}" },
    { rule: "a default of int(...) values is an int already", expr: defaultTo(toInt(v.ratio), 7), expected: "{{ .Values.ratio | int | default 7 }}" },
    { rule: "a default that may be a float is not cut to an int", expr: defaultTo(v.maybeCount, 2.5), expected: "{{ .Values.maybeCount | default 2.5 }}" },
  ])("in a line of text: $rule", ({ expr, expected }) => {
    expect(emit({ t: lines(line("n ", expr)) })).toBe(`t: |\n  n ${expected}`);
  });

  it.each([
    { rule: "a float is compared with a float literal through float64", cond: eq(v.ratio, 3), expected: "eq (float64 .Values.ratio) 3.0" },
    { rule: "two floats are both converted", cond: eq(v.ratio, 2.5), expected: "eq (float64 .Values.ratio) 2.5" },
    { rule: "an integer is compared through int with a value of unknown kind", cond: eq(v.count, lookup({ a: 1 }, v.name)), expected: 'eq (int .Values.count) (int (get (dict "a" 1) .Values.name))' },
    { rule: "a value already converted with int is not converted again", cond: gt(toInt(v.ratio), 2), expected: "gt (.Values.ratio | int) 2" },
    { rule: "a value already converted with float64 is not converted again", cond: gt(toFloat(v.count), 2.5), expected: "gt (.Values.count | float64) 2.5" },
    { rule: "null compared with a number is nil", cond: eq(v.count, null), expected: "eq (int .Values.count) nil" },
  ])("$rule", ({ cond, expected }) => {
    expect(emit({ ...when(cond, { a: 1 }) })).toBe([`{{- if ${expected} }}`, "a: 1", "{{- end }}"].join("\n"));
  });
});

describe("YAML layout of the less common shapes", () => {
  it.each([
    { rule: "empty maps and lists stay {} and [], as values and as items", doc: { a: {}, b: [], c: [{}, []] }, expected: ["a: {}", "b: []", "c:", "  - {}", "  - []"] },
    {
      rule: "a list item chosen by ifElse moves into both branches with its dash",
      doc: { items: [ifElse(v.on, "a", { b: 1 })] },
      expected: ["items:", "  {{- if .Values.on }}", "  - a", "  {{- else }}", "  - b: 1", "  {{- end }}"],
    },
    {
      rule: "a computed key whose value is chosen by ifElse moves into both branches",
      doc: { ...eachEntry(v.labels, (key) => entry(key, ifElse(v.on, "a", "b"))) },
      expected: ["{{- range $key, $value := .Values.labels }}", "{{- if $.Values.on }}", "{{ $key | quote }}: a", "{{- else }}", "{{ $key | quote }}: b", "{{- end }}", "{{- end }}"],
    },
    { rule: "a free-form map spread at the left margin is a plain action without nindent", doc: { ...spreadYaml(v.labels) }, expected: ["{{- with .Values.labels }}", "{{ toYaml . }}", "{{- end }}"] },
  ])("$rule", ({ doc, expected }) => {
    expect(emit(doc)).toBe(expected.join("\n"));
  });
});

describe("block scalars", () => {
  it.each([
    { rule: "a leading empty line does not need an indentation indicator", text: lines("", "x"), header: "|" },
    { rule: "a snippet at the start may begin with a space", text: lines(indentedBlock(v.snippet, 2)), header: "|2" },
    { rule: "a value at the start may begin with a space", text: lines(tpl`${v.name}`), header: "|2" },
    { rule: "a condition whose else branch starts with a space", text: lines(when(v.on, lines("x"), lines("  y"))), header: "|2" },
    { rule: "a condition whose then branch starts with a space", text: lines(when(v.on, lines("  x"))), header: "|2" },
    { rule: "a condition whose branches start with text", text: lines(when(v.on, lines("x"), lines("y"))), header: "|" },
    { rule: "a loop whose lines start with a space", text: lines(each(v.list, (item) => lines(tpl`  ${item.name}`))), header: "|2" },
    { rule: "a loop whose lines start with text", text: lines(each(v.list, () => lines("x"))), header: "|" },
  ])("$rule: $header", ({ text, header }) => {
    expect(emit({ t: text }).split("\n")[0]).toBe(`t: ${header}`);
  });

  it.each([
    { rule: "a brace not at the end of a part is not kept apart from the action", text: line("{a", v.name), expected: "t: |\n  {a{{ .Values.name }}" },
    { rule: "a brace that ends the line is left alone", text: line(v.name, "{"), expected: "t: |2\n  {{ .Values.name }}{" },
    { rule: "a brace followed by text is left alone", text: line(v.name, "{", "b"), expected: "t: |2\n  {{ .Values.name }}{b" },
    { rule: "an inline condition without an else has no else", text: line(inlineWhen(v.on, "a", "")), expected: "t: |2\n  {{ if .Values.on }}a{{ end }}" },
  ])("$rule", ({ text, expected }) => {
    expect(emit({ t: text })).toBe(expected);
  });

  it("indents a snippet kept after a blank line by the text's indentation plus its own", () => {
    expect(emit({ t: lines("a", "", indentedBlock(v.snippet, 2, { keepBlankLineBefore: true })) })).toBe(
      ["t: |", "  a", "", '{{ .Values.snippet | trimSuffix "\\n" | indent 4 }}'].join("\n"),
    );
  });

  it("merges the else branches of adjacent same-condition text blocks too", () => {
    expect(emit({ t: lines(when(v.on, lines("a"), lines("b")), when(v.on, lines("c"), lines("d"))) })).toBe(
      ["t: |", "  {{- if .Values.on }}", "  a", "  c", "  {{- else }}", "  b", "  d", "  {{- end }}"].join("\n"),
    );
  });

  it("keeps apart text blocks when the first one's last line ends in a space, which its {{- end }} trims", () => {
    expect(emit({ t: lines(when(v.on, lines("a ")), when(v.on, lines("c"))) })).toBe(
      ["t: |", "  {{- if .Values.on }}", "  a ", "  {{- end }}", "  {{- if .Values.on }}", "  c", "  {{- end }}"].join("\n"),
    );
  });

  it("merges a text block whose last line has a space inside, not at its end", () => {
    expect(emit({ t: lines(when(v.on, lines("a b")), when(v.on, lines("c"))) })).toBe(["t: |", "  {{- if .Values.on }}", "  a b", "  c", "  {{- end }}"].join("\n"));
  });
});

describe("whole files", () => {
  it("fails the render first for each check, then writes each document after --- with its own # Source: line", () => {
    const template = defineTemplate("t.yaml", () => [{ a: 1 }, { b: 2 }], { checks: [{ when: v.on, message: "on is not supported" }] }).build();
    expect(emitTemplateFile(template, "defs/t.ts")).toBe(
      ['{{- if .Values.on }}{{- fail "on is not supported" }}{{- end }}', "# Source: defs/t.ts", "a: 1", "---", "# Source: defs/t.ts", "b: 2", ""].join("\n"),
    );
  });

  it("writes a document that is a list as items at the left margin", () => {
    const template = defineTemplate("t.yaml", () => ({})).build();
    const list = { ...template, documents: [{ type: "seq" as const, items: [{ type: "item" as const, value: { type: "scalar" as const, value: "a" } }] }] };
    expect(emitTemplateFile(list, "defs/t.ts")).toBe("# Source: defs/t.ts\n- a\n");
  });

  it("writes _helpers.tpl as commented defines a blank line apart, each line one trimmed action, ending in a newline", () => {
    const first = textHelper("t.first", "The first.", lines("a", "", tpl`${v.name}`, tpl`${v.count}`, when(v.on, lines("x"))));
    const second = textHelper("t.second", "The second.", lines(when(v.on, lines("y"), lines("z"))));
    expect(emitHelpersFile([first.helper, second.helper])).toBe(
      [
        "{{/*",
        "The first.",
        "*/}}",
        '{{- define "t.first" -}}',
        '{{- "a" }}',
        "{{- .Values.name }}",
        "{{- .Values.count | int }}",
        "{{- if .Values.on }}",
        '{{- "x" }}',
        "{{- end }}",
        "{{- end }}",
        "",
        "{{/*",
        "The second.",
        "*/}}",
        '{{- define "t.second" -}}',
        "{{- if .Values.on }}",
        '{{- "y" }}',
        "{{- else }}",
        '{{- "z" }}',
        "{{- end }}",
        "{{- end }}",
        "",
      ].join("\n"),
    );
  });
});
