// `set:` paths and how values files and sets merge into a test's values.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildSetValue, composeUserValues, mergeUserValues, parseSetPath, ValuesError } from "../../unittest/values.ts";

describe("set paths", () => {
  it.each([
    ["image.tag", ["image", "tag"]],
    ["list[2]", ["list", 2]],
    ["list[0].name", ["list", 0, "name"]],
    ["matrix[1][0]", ["matrix", 1, 0]],
    ["annotations.[kubernetes.io/ingress.class]", ["annotations", "kubernetes.io/ingress.class"]],
    ["[a.b].c", ["a.b", "c"]],
    ["with spaces.ok", ["with spaces", "ok"]],
  ])("%s → %j", (path, cursors) => {
    expect(parseSetPath(path)).toEqual(cursors);
  });

  it.each([
    ["a,b", "invalid token ,"],
    ["a=b", "invalid token ="],
    ["list[x]", 'index "x" is not a number'],
    ["list[1", "unexpected end"],
    ["a.", "unexpected end"],
    ["list[0]b", "unexpected end"],
    ["list[0]b.c", 'unexpected "b" after ]'],
    ["list[0]]", "invalid denotation token ]"],
  ])("rejects %s (%s)", (path, message) => {
    expect(() => parseSetPath(path)).toThrow(ValuesError);
    expect(() => parseSetPath(path)).toThrow(message);
  });

  it("builds nested values, lists padded with null", () => {
    expect(buildSetValue("a.b[2].c", 1)).toEqual({ a: { b: [null, null, { c: 1 }] } });
  });
});

describe("merging user values", () => {
  // helm-unittest 1.1.0 merges with Helm's MergeTables (pkg/unittest/test_job.go:340,359):
  // a list from `set: {hosts[1]: x}` replaces the chart's list whole, as
  // test/data/v3/basic/tests/configmap_test.yaml expects (`[null, x]`).
  it("merges maps deeply and replaces a list whole, null items included", () => {
    const merged = mergeUserValues({ a: { x: 1, y: 2 }, list: [{ n: 1 }, { n: 2 }], gone: 1 }, { a: { y: 3 }, list: [null, { n: 9 }], gone: null });
    expect(merged).toEqual({ a: { x: 1, y: 3 }, list: [null, { n: 9 }], gone: null });
  });

  it("applies values files in order, then each set", () => {
    const dir = mkdtempSync(join(tmpdir(), "unittest-values-"));
    writeFileSync(join(dir, "one.yaml"), "image:\n  repository: nginx\n  tag: '1'\nport: 0777\n");
    writeFileSync(join(dir, "two.yaml"), "image:\n  tag: '2'\n");
    const values = composeUserValues([join(dir, "one.yaml"), join(dir, "two.yaml")], [{ "image.tag": "3", replicas: 2 }, { replicas: 5 }]);
    expect(values).toEqual({ image: { repository: "nginx", tag: "3" }, port: 511, replicas: 5 });
  });

  it("names a values file that is not a mapping", () => {
    const dir = mkdtempSync(join(tmpdir(), "unittest-values-"));
    writeFileSync(join(dir, "list.yaml"), "- a\n");
    expect(() => composeUserValues([join(dir, "list.yaml")], [])).toThrow(`values file ${join(dir, "list.yaml")} must hold a mapping`);
  });
});
