// The generated templates read as if a person wrote them: no line a reader has to scroll
// through (data excepted, see ../support/template-lines.ts) and the install modes tested
// through their named helpers, not spelled out again in every template.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { MAX_TEMPLATE_LINE, tooLongLines } from "../support/template-lines.ts";

const TEMPLATES = fileURLToPath(new URL("../../chart/templates/", import.meta.url));
const templateFiles = readdirSync(TEMPLATES).filter((name) => /\.(yaml|tpl|txt)$/.test(name));
const read = (name: string) => readFileSync(join(TEMPLATES, name), "utf8");

describe("generated template lines", () => {
  it.each(templateFiles)(`%s has no line longer than ${MAX_TEMPLATE_LINE} characters outside data`, (name) => {
    expect(tooLongLines(read(name)).map(({ line, length }) => `${name}:${line} (${length})`)).toEqual([]);
  });

  it.each(templateFiles.filter((name) => name !== "_helpers.tpl"))("%s tests the access-log source and install mode through helpers", (name) => {
    expect(read(name).match(/eq \$?\.Values\.(?:accessLog\.source|gateway\.mode)\b/g) ?? []).toEqual([]);
  });

  it("has no {{ \"{\" }} escape", () => {
    expect(templateFiles.filter((name) => read(name).includes('{{ "{" }}'))).toEqual([]);
  });
});

describe("what counts as data", () => {
  const long = (n: number) => "x".repeat(n);

  it("flags a long line of template logic", () => {
    const logic = `{{- if and ${Array.from({ length: 30 }, (_, i) => `.Values.a${i}`).join(" ")} }}`;
    expect(tooLongLines(`a: 1\n${logic}\n`)).toEqual([{ line: 2, length: logic.length, text: logic }]);
  });

  it("lets one long message through, but not a second one beside it", () => {
    const message = `{{- if .Values.x }}{{- fail "${long(300)}" }}{{- end }}`;
    expect(tooLongLines(message)).toEqual([]);
    expect(tooLongLines(`{{- if ne .Values.x "${long(190)}" }}{{- fail "${long(300)}" }}{{- end }}`)).toHaveLength(1);
  });

  it("does not count a short literal, such as a helper's name, as data", () => {
    const logic = `{{- if or (include "chart.aConditionWithARatherLongHelperName" .) ${Array.from({ length: 12 }, (_, i) => `.Values.b${i}`).join(" ")} }}`;
    expect(tooLongLines(logic)).toHaveLength(1);
  });

  it("lets a config-file line in a block scalar through, but not a control action inside the block", () => {
    const config = ["data:", "  app.conf: |", `    option ${long(250)} {{ .Values.x }}`, "", `    {{- if ${long(250)} }}`, "    {{- end }}", `after: ${long(250)}`].join("\n");
    expect(tooLongLines(config).map(({ line }) => line)).toEqual([5, 7]);
  });
});
