// The chart's named helpers, as Helm loads them and as a reader meets them. Helm parses every
// template file into one template set, where a second {{ define }} of a name silently replaces
// the first (Go src/text/template/template.go, associate: the new tree is stored under the
// name unless it is empty), so a name must be unique across the chart; a reader finds each
// helper by its name and learns what it is from the comment above it.
import { describe, expect, it } from "vitest";
import chartDefinition from "../../resources/index.ts";
import { compileToDirectory } from "../support/differential.ts";

const DEFINE = /\{\{-? define "([^"]*)" -?\}\}/g;
const HELPER_NAME = /^ingressgateway-accesslog\.[a-z][A-Za-z0-9]*$/;

describe("the chart's named helpers", () => {
  const templates = () => [...compileToDirectory(chartDefinition).compiled.files].filter(([path]) => path.startsWith("templates/"));

  it("are named <chart>.<camelCase name>, each once across the chart", () => {
    const names = templates().flatMap(([, text]) => [...text.matchAll(DEFINE)].map((match) => match[1]!));
    expect(names.length).toBeGreaterThan(10);
    expect(names.filter((name) => !HELPER_NAME.test(name))).toEqual([]);
    expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
  });

  it("each say what they are in a comment above them: one or more whole sentences", () => {
    const helpers = new Map(templates()).get("templates/_helpers.tpl")!;
    const problems: string[] = [];
    for (const match of helpers.matchAll(DEFINE)) {
      const before = helpers.slice(0, match.index);
      const comment = /^\{\{\/\*\n([^]*)\n\*\/\}\}\n$/.exec(before.slice(before.lastIndexOf("{{/*\n")))?.[1];
      // A phrase left empty shows as two spaces, a space before the full stop, or empty brackets.
      if (comment === undefined || !/^[A-Z].*\.$/s.test(comment) || /\S {2,}\S| \.|\(\)/.test(comment)) problems.push(`${match[1]}: ${JSON.stringify(comment)}`);
    }
    expect(problems).toEqual([]);
  });
});
