// The emitter, combinator by combinator: the Go-template YAML a Helm maintainer would write.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  and, capabilities, checksumOf, conditionHelper, defaultTo, defineNotes, defineTemplate, each, eachEntry, entry, eq, gt, ifElse, indentedBlock,
  inlineEach, inlineWhen, line, lines, mergeMaps, not, or, release, required, spreadItems, spreadYaml, symbolicValues, textHelper, toYaml, tpl,
  unless, when, withValue, yamlHelper,
} from "../../compiler/index.ts";
import { emitTemplateFile } from "../../compiler/emit/index.ts";

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
