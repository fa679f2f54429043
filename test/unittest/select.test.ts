// documentIndex and documentSelector (matchMany, skipEmptyTemplates) over several templates.
import { describe, expect, it } from "vitest";
import type { Manifest } from "../../unittest/assertions/types.ts";
import { selectDocuments } from "../../unittest/select.ts";

const manifest = (index: number, kind: string, name: string): Manifest => ({ index, value: { kind, metadata: { name } } });

const templates = new Map<string, readonly Manifest[] | undefined>([
  ["c/templates/a.yaml", [manifest(0, "Service", "web"), manifest(1, "Deployment", "web")]],
  ["c/templates/b.yaml", [manifest(0, "ConfigMap", "web"), manifest(1, "ConfigMap", "other")]],
]);

const names = (selection: ReturnType<typeof selectDocuments>) =>
  selection.ok ? Object.fromEntries([...selection.documents].map(([key, docs]) => [key, docs.map((d) => `${d.value["kind"]}#${d.index}`)])) : selection.error;

const selector = (value: string, options: { matchMany?: boolean; skipEmptyTemplates?: boolean } = {}) => ({
  path: "kind",
  value,
  matchMany: options.matchMany ?? false,
  skipEmptyTemplates: options.skipEmptyTemplates ?? false,
});

describe("selectDocuments", () => {
  it("selects every document without an index or a selector", () => {
    expect(names(selectDocuments(templates, undefined, undefined))).toEqual({
      "c/templates/a.yaml": ["Service#0", "Deployment#1"],
      "c/templates/b.yaml": ["ConfigMap#0", "ConfigMap#1"],
    });
  });

  it("selects the document at documentIndex in each template; -1 means all", () => {
    expect(names(selectDocuments(templates, 1, undefined))).toEqual({ "c/templates/a.yaml": ["Deployment#1"], "c/templates/b.yaml": ["ConfigMap#1"] });
    expect(names(selectDocuments(templates, -1, undefined))).toEqual(names(selectDocuments(templates, undefined, undefined)));
  });

  it("fails when documentIndex is past a template's documents", () => {
    expect(names(selectDocuments(templates, 2, undefined))).toBe("document index 2 is out of range (c/templates/a.yaml rendered 2 documents)");
  });

  it("needs a match in every template unless skipEmptyTemplates", () => {
    expect(names(selectDocuments(templates, undefined, selector("Service")))).toContain("document not found: no document of c/templates/b.yaml");
    expect(names(selectDocuments(templates, undefined, selector("Service", { skipEmptyTemplates: true })))).toEqual({ "c/templates/a.yaml": ["Service#0"] });
  });

  it("allows one match over all templates unless matchMany", () => {
    expect(names(selectDocuments(templates, undefined, selector("ConfigMap", { skipEmptyTemplates: true })))).toBe("multiple indexes found");
    expect(names(selectDocuments(templates, undefined, selector("ConfigMap", { skipEmptyTemplates: true, matchMany: true })))).toEqual({
      "c/templates/b.yaml": ["ConfigMap#0", "ConfigMap#1"],
    });
    const byName = { path: "metadata.name", value: "web", matchMany: true, skipEmptyTemplates: false };
    expect(names(selectDocuments(templates, undefined, byName))).toEqual({
      "c/templates/a.yaml": ["Service#0", "Deployment#1"],
      "c/templates/b.yaml": ["ConfigMap#0"],
    });
  });

  it("compares the selector value as a whole structure", () => {
    const byMetadata = { path: "metadata", value: { name: "other" }, matchMany: false, skipEmptyTemplates: true };
    expect(names(selectDocuments(templates, undefined, byMetadata))).toEqual({ "c/templates/b.yaml": ["ConfigMap#1"] });
  });

  it("reports a malformed selector path", () => {
    expect(names(selectDocuments(templates, undefined, { ...selector("x"), path: "kind[" }))).toContain("documentSelector: invalid path `kind[`");
  });
});
