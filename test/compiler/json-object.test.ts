// jsonObject: a JSON annotation written as a map, emitted as `dict … | toJson` and evaluated
// to the text Go's encoding/json prints (the differential fixture proves it against Helm).
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineTemplate, eq, evaluateTemplate, jsonObject, symbolicValues, tpl, when, type RenderContext } from "../../compiler/index.ts";
import { emitTemplateFile } from "../../compiler/emit/index.ts";

const schema = z
  .object({
    source: z.enum(["nginx", "envoy"]).default("nginx"),
    seconds: z.number().int().default(5),
    note: z.string().optional(),
  })
  .strict();
const v = symbolicValues(schema);

const config = () =>
  jsonObject({
    topology: { hops: 1 },
    drain: tpl`${v.seconds}s`,
    prefixes: ["a<b", v.source],
    ...when(eq(v.source, "envoy"), { stats: { on: true } }),
    ...when(v.note, { note: v.note }, { note: "none" }),
  });

const template = () => defineTemplate("t.yaml", () => ({ annotations: { config: config() } })).build();

function render(values: Record<string, unknown>): unknown {
  const context: RenderContext = {
    values,
    release: { name: "r", namespace: "ns", service: "Helm", isUpgrade: false, isInstall: true },
    chart: { name: "c", version: "1.0.0", appVersion: "1" },
    capabilities: { kubeVersion: "v1.31.0", apiVersions: [] },
    templates: new Map(),
  };
  return evaluateTemplate(template(), context)[0];
}

describe("jsonObject", () => {
  it("emits dict and list under toJson, merging conditional keys in with ternary", () => {
    const emitted = emitTemplateFile(template()).split("\n").slice(1).join("\n").trimEnd();
    expect(emitted).toBe(
      [
        "annotations:",
        // Longer than a line: laid out over several, which Go templates allow inside {{ }}.
        '  config: {{ merge (dict "topology" (dict "hops" 1) "drain" (printf "%ds" (int .Values.seconds))',
        '                         "prefixes" (list "a<b" .Values.source))',
        '                   (ternary (dict "stats" (dict "on" true)) (dict) (eq .Values.source "envoy"))',
        '                   (ternary (dict "note" "none") (dict "note" .Values.note) (empty .Values.note)) | toJson | quote }}',
      ].join("\n"),
    );
  });

  it("evaluates to Go's JSON: sorted keys, HTML-safe escapes, keys only where their condition holds", () => {
    expect(render({ source: "nginx", seconds: 30 })).toEqual({
      annotations: { config: '{"drain":"30s","note":"none","prefixes":["a\\u003cb","nginx"],"topology":{"hops":1}}' },
    });
    expect(render({ source: "envoy", seconds: 30, note: "x" })).toEqual({
      annotations: { config: '{"drain":"30s","note":"x","prefixes":["a\\u003cb","envoy"],"stats":{"on":true},"topology":{"hops":1}}' },
    });
  });

  it("refuses a key set both unconditionally and in when(...), which sprig's merge would silently drop", () => {
    expect(() => jsonObject({ a: 1, ...when(eq(v.source, "envoy"), { a: 2 }) })).toThrow(/set both unconditionally and in when/);
  });
});
