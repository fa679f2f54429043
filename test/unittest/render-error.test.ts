// Helm's render errors reduced to what failedTemplate compares with, for Helm 3 and Helm 4.
import { describe, expect, it } from "vitest";
import { blameTemplate, normaliseHelmError } from "../../unittest/render-error.ts";

const wrapped = new Map([["c/templates/zz-helm-unittest/0.yaml", "c/templates/g.yaml"]]);

describe("normaliseHelmError", () => {
  it("removes the wrapper frame from a Helm 3 error", () => {
    const stderr =
      'Error: template: c/templates/zz-helm-unittest/0.yaml:4:8: executing "c/templates/zz-helm-unittest/0.yaml" at <include "c/templates/g.yaml" .>: error calling include: template: c/templates/g.yaml:1:6: executing "c/templates/g.yaml" at <include "nope" .>: error calling include: template: no template "nope" associated with template "gotpl"\n\nUse --debug flag to render out invalid YAML\n';
    expect(normaliseHelmError(stderr, wrapped)).toBe(
      'template: c/templates/g.yaml:1:6: executing "c/templates/g.yaml" at <include "nope" .>: error calling include: template: no template "nope" associated with template "gotpl"',
    );
  });

  it("folds Helm 4's multi-line trace into Helm 3's line", () => {
    const stderr = [
      "Error: c/templates/zz-helm-unittest/0.yaml:4:8",
      '  executing "c/templates/zz-helm-unittest/0.yaml" at <include "c/templates/g.yaml" .>:',
      "    error calling include:",
      "c/templates/g.yaml:1:6",
      '  executing "c/templates/g.yaml" at <.Values.a.b>:',
      "    nil pointer evaluating interface {}.b",
      "",
      "Use --debug flag to render out invalid YAML",
    ].join("\n");
    expect(normaliseHelmError(stderr, wrapped)).toBe('template: c/templates/g.yaml:1:6: executing "c/templates/g.yaml" at <.Values.a.b>: nil pointer evaluating interface {}.b');
  });

  it("names the template instead of its wrapper in execution errors", () => {
    const stderr = "Error: execution error at (c/templates/zz-helm-unittest/0.yaml:4:8): boom\n\nUse --debug flag to render out invalid YAML";
    expect(normaliseHelmError(stderr, wrapped)).toBe("execution error at (c/templates/g.yaml:4:8): boom");
  });
});

describe("blameTemplate", () => {
  it.each([
    ["execution error at (c/templates/g.yaml:4:8): boom: with colons", "c/templates/g.yaml", "boom: with colons"],
    [
      'template: c/templates/g.yaml:1:6: executing "c/templates/g.yaml" at <include "nope" .>: error calling include: template: no template "nope" associated with template "gotpl"',
      "c/templates/g.yaml",
      'error calling include: template: no template "nope" associated with template "gotpl"',
    ],
  ])("%s", (error, template, message) => {
    expect(blameTemplate(error)).toEqual({ template, message });
  });

  it("blames no template for errors before rendering", () => {
    expect(blameTemplate("values don't meet the specifications of the schema(s) in the following chart(s):\nc:\n- replicas: Invalid type")).toBeUndefined();
  });
});
