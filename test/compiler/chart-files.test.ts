// chartFile(...): a static file shipped under files/ and read with .Files.Get, so a long
// library stays a real file instead of template text, and Helm and the evaluation agree.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { chartFile, compileChart, indentedBlock, lines, symbolicValues, tpl } from "../../compiler/index.ts";
import { helmBinaries } from "../../helm/run.ts";
import { renderWithHelm, renderWithTypescript, writeChart } from "../../compiler/testing/render.ts";
import { configMapChart } from "../support/config-map-chart.ts";

const values = z.object({ size: z.number().int().default(3) }).strict();
const v = symbolicValues(values);
const LIBRARY = "local M = {}\n\nfunction M.size() return SIZE end\n\nreturn M\n";

function chartWith(library = chartFile("files/lib.lua", LIBRARY)) {
  return configMapChart("demo", values, () => ({ "lib.lua": lines(tpl`SIZE = ${v.size}`, "", indentedBlock(library, 0, { keepBlankLineBefore: true })) }));
}

describe("chart files", () => {
  it("ships the file under files/ and reads it after the blank line with .Files.Get", () => {
    const compiled = compileChart(chartWith());
    expect(compiled.diagnostics).toEqual([]);
    expect(compiled.files.get("files/lib.lua")).toBe(LIBRARY);
    expect(compiled.files.get("templates/configmap.yaml")).toContain(
      ["  lib.lua: |", "    SIZE = {{ .Values.size | int }}", "", '{{ .Files.Get "files/lib.lua" | trimSuffix "\\n" | indent 4 }}'].join("\n"),
    );
  });

  it("refuses a file outside files/", () => {
    const messages = compileChart(chartWith(chartFile("templates/lib.lua", LIBRARY))).diagnostics.map((d) => d.message);
    expect(messages).toEqual(['chartFile("templates/lib.lua"): a chart file lives under files/ (e.g. "files/filter.lua")']);
  });

  describe.each(helmBinaries())("$label", (helm) => {
    it("renders what the evaluation computes, blank lines included", async () => {
      const definition = chartWith();
      const compiled = compileChart(definition);
      const fromHelm = await renderWithHelm(helm, writeChart(compiled), { size: 5 });
      expect(fromHelm).toEqual(renderWithTypescript(definition, compiled, { size: 5 }));
      const data = fromHelm.ok ? (fromHelm.rendered["configmap.yaml"]![0] as { data: Record<string, string> }).data : {};
      expect(data["lib.lua"]).toBe(`SIZE = 5\n\n${LIBRARY}`);
    });
  });
});
