// What Helm's text does to the few characters the generated values leave out
// (compiler/testing/arbitrary.ts, TEXT_HELM_CHANGES): each is Helm's or go-yaml's doing, not the
// chart's, and this file keeps the reason true. If a Helm release stops doing one of these, its
// test fails and the character can go back into the generated strings.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { compileChart, symbolicValues, toYaml } from "../../compiler/index.ts";
import { helmBinaries } from "../../helm/run.ts";
import { renderOrThrow, writeChart } from "../../compiler/testing/render.ts";
import { validValues } from "../../compiler/testing/arbitrary.ts";
import { configMapChart } from "../support/config-map-chart.ts";

const values = z.object({ given: z.record(z.string(), z.string()).default({}), quoted: z.string().default("") }).strict();
const v = symbolicValues(values);
// `quoted` is a string action (`| quote`), `given` goes through toYaml and ends the document.
const dir = writeChart(compileChart(configMapChart("unicode-text", values, () => ({ quoted: v.quoted, given: toYaml(v.given) }))));

type Data = { quoted: string; given: Record<string, string> };
const data = async (helm: Parameters<typeof renderOrThrow>[0], given: Record<string, unknown>) =>
  ((await renderOrThrow(helm, dir, given))["configmap.yaml"]![0] as { data: Data }).data;

describe.each(helmBinaries())("$label", (helm) => {
  it("receives every character of a values file as given, NEL and astral ones included", async () => {
    // A raw NEL in the values file is a YAML 1.1 line break to go-yaml and came back a space
    // (compiler/testing/render.ts, writeValuesFile); `| quote` prints it as \u0085.
    const quoted = "a\u0085b\u2028c\u00a0d\u{1f600}";
    expect((await data(helm, { quoted })).quoted).toBe(quoted);
  });

  it("trims Unicode white space off the end of every document it renders, not elsewhere", async () => {
    // helm pkg/releaseutil/manifest.go, SplitManifests: `d = strings.TrimSpace(d)`, and Go's
    // TrimSpace trims unicode.IsSpace, NBSP and U+3000 included. go-yaml writes "y\u00a0"
    // unquoted (emitterc.go yaml_emitter_analyze_scalar counts only ' ' as a trailing space),
    // and the key sorted last is the document's last line.
    const given = { a: "x\u00a0", b: "y\u3000" };
    expect((await data(helm, { given })).given).toEqual({ a: "x\u00a0", b: "y" });
  });

  it("folds NEL to a space in toYaml", async () => {
    // Helm's toYaml is sigs.k8s.io/yaml Marshal: encoding/json (which leaves U+0085 raw) read
    // back by go-yaml, where a NEL inside a quoted scalar is a line break that folds to a space.
    expect((await data(helm, { given: { a: "x\u0085y", z: "end" } })).given).toEqual({ a: "x y", z: "end" });
  });

  it("writes LS as a YAML 1.1 line break that a YAML 1.2 reader takes as text", async () => {
    // go-yaml breaks the line at U+2028 and indents what follows; the yaml library here reads
    // the indentation as part of the string, so no comparison of parsed output can hold for it.
    expect((await data(helm, { given: { a: "x\u2028y", z: "end" } })).given.a).toMatch(/^x\u2028 +y$/);
  });
});

it("leaves exactly these out of the generated strings, and keeps the rest of Unicode in", () => {
  const strings = fc.sample(validValues(z.object({ s: z.string() })), { numRuns: 20_000, seed: 7 }).map((values) => values["s"] as string);
  // Go's unicode.IsSpace past ASCII, less NEL (never allowed at all): the white space Helm trims.
  const trimmedAtEnd = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]$/u;
  expect(strings.filter((s) => trimmedAtEnd.test(s) || /[\u0085\u2028\u2029]/u.test(s))).toEqual([]);
  expect(strings.filter((s) => /[^\x00-\x7f]/u.test(s)).length).toBeGreaterThan(1_000);
});
