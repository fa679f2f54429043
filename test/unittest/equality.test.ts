// equal, notEqual, contains and isSubset compare as helm-unittest does: reflect.DeepEqual over
// decoded YAML, so list order and every map key count (validateSubset relaxes only the top
// level of isSubset and of `contains` with `any: true`). Run on one document without Helm, so
// that a comparison which ignores order or extra keys fails here, and fails fast.
import { describe, expect, it } from "vitest";
import { ASSERTION_KINDS } from "../../unittest/assertions/registry.ts";
import { Params } from "../../unittest/assertions/params.ts";
import type { ValidateContext } from "../../unittest/assertions/types.ts";
import { deepEqual, type YamlMap, type YamlValue } from "../../unittest/go-yaml/value.ts";

const DOCUMENT: YamlMap = {
  spec: {
    args: ["--config", "/etc/app.conf"],
    ports: [
      { name: "http", port: 80 },
      { name: "metrics", port: 9090 },
    ],
    labels: { app: "web", tier: "front" },
    nested: { selector: { app: "web", tier: "front" }, order: ["a", "b"] },
    matrix: [["a", "b"], ["c"]],
  },
};

/** Whether `type` with `params` (and `not`) passes on DOCUMENT, negated as the runner does. */
function passes(type: string, params: YamlMap, not = false): boolean {
  const kind = ASSERTION_KINDS.get(type);
  if (!kind) throw new Error(`no assertion ${type}`);
  const manifest = { index: 0, value: DOCUMENT };
  const context: ValidateContext = {
    docs: [manifest],
    selected: [manifest],
    negative: not !== kind.antonym,
    renderSucceeded: true,
    snapshots: { compare: () => ({ passed: true, index: 1, cached: "", current: "" }) },
  };
  return kind.create(new Params(type, params))(context).passed;
}

describe("deepEqual (reflect.DeepEqual over decoded YAML)", () => {
  it.each<[string, YamlValue, YamlValue, boolean]>([
    ["equal lists", [1, 2], [1, 2], true],
    ["the same list in another order", [1, 2], [2, 1], false],
    ["a list and its prefix", [1, 2], [1], false],
    ["equal maps in another key order", { a: 1, b: 2 }, { b: 2, a: 1 }, true],
    ["a map and the same map with an extra key", { a: 1 }, { a: 1, b: 2 }, false],
    ["a map with an extra key and the map without it", { a: 1, b: 2 }, { a: 1 }, false],
    ["maps with the same key count but other keys", { a: 1, b: 2 }, { a: 1, c: 2 }, false],
    ["a null-valued key and no key", { a: 1, b: null }, { a: 1 }, false],
    ["nested maps where the inner one has an extra key", { m: { a: 1 } }, { m: { a: 1, b: 2 } }, false],
    ["a list and a map", [], {}, false],
    ["a number and its string", 1, "1", false],
  ])("%s: %j vs %j is %s", (_name, a, b, equal) => {
    expect(deepEqual(a, b)).toBe(equal);
    expect(deepEqual(b, a)).toBe(equal);
  });
});

describe("equal and notEqual", () => {
  it("equal holds only for the same list in the same order", () => {
    expect(passes("equal", { path: "spec.args", value: ["--config", "/etc/app.conf"] })).toBe(true);
    expect(passes("equal", { path: "spec.args", value: ["/etc/app.conf", "--config"] })).toBe(false);
    expect(passes("equal", { path: "spec.ports", value: [{ name: "metrics", port: 9090 }, { name: "http", port: 80 }] })).toBe(false);
    expect(passes("notEqual", { path: "spec.args", value: ["/etc/app.conf", "--config"] })).toBe(true);
    expect(passes("equal", { path: "spec.args", value: ["/etc/app.conf", "--config"] }, true)).toBe(true);
  });

  it("equal fails when the actual map has keys the expected one lacks, and the other way round", () => {
    expect(passes("equal", { path: "spec.labels", value: { tier: "front", app: "web" } })).toBe(true);
    expect(passes("equal", { path: "spec.labels", value: { app: "web" } })).toBe(false);
    expect(passes("equal", { path: "spec.labels", value: { app: "web", tier: "front", zone: "a" } })).toBe(false);
    expect(passes("equal", { path: "spec.ports[0]", value: { name: "http" } })).toBe(false);
    expect(passes("equal", { path: "spec.nested", value: { order: ["a", "b"], selector: { tier: "front", app: "web" } } })).toBe(true);
    expect(passes("equal", { path: "spec.nested", value: { order: ["a", "b"], selector: { app: "web" } } })).toBe(false);
    expect(passes("notEqual", { path: "spec.labels", value: { app: "web" } })).toBe(true);
    expect(passes("notEqual", { path: "spec.labels", value: { app: "web", tier: "front" } })).toBe(false);
  });
});

describe("contains", () => {
  it("without any, an element matches only when it is deeply equal to content", () => {
    expect(passes("contains", { path: "spec.ports", content: { port: 9090, name: "metrics" } })).toBe(true);
    expect(passes("contains", { path: "spec.ports", content: { name: "metrics" } })).toBe(false);
    expect(passes("contains", { path: "spec.ports", content: { name: "metrics", port: 9090, protocol: "TCP" } })).toBe(false);
    expect(passes("notContains", { path: "spec.ports", content: { name: "metrics" } })).toBe(true);
  });

  it("with any, content's keys must match but nested values compare deeply", () => {
    expect(passes("contains", { path: "spec.ports", content: { name: "metrics" }, any: true })).toBe(true);
    expect(passes("contains", { path: "spec.ports", content: { name: "metrics", port: 80 }, any: true })).toBe(false);
    expect(passes("contains", { path: "spec.ports", content: { name: "metrics", port: 9090 }, any: true })).toBe(true);
  });

  it("a list element that is itself a list must be in the same order and length", () => {
    expect(passes("contains", { path: "spec.matrix", content: ["a", "b"] })).toBe(true);
    expect(passes("contains", { path: "spec.matrix", content: ["b", "a"] })).toBe(false);
    expect(passes("contains", { path: "spec.matrix", content: ["a"] })).toBe(false);
  });
});

describe("isSubset", () => {
  it("allows extra keys only at the top level of the mapping", () => {
    expect(passes("isSubset", { path: "spec.labels", content: { app: "web" } })).toBe(true);
    expect(passes("isSubset", { path: "spec.nested", content: { selector: { app: "web" } } })).toBe(false);
    expect(passes("isSubset", { path: "spec.nested", content: { selector: { tier: "front", app: "web" } } })).toBe(true);
    expect(passes("isNotSubset", { path: "spec.nested", content: { selector: { app: "web" } } })).toBe(true);
  });

  it("compares nested lists in order", () => {
    expect(passes("isSubset", { path: "spec.nested", content: { order: ["a", "b"] } })).toBe(true);
    expect(passes("isSubset", { path: "spec.nested", content: { order: ["b", "a"] } })).toBe(false);
  });

  it("treats a key missing from the mapping as null", () => {
    expect(passes("isSubset", { path: "spec.labels", content: { zone: null } })).toBe(true);
    expect(passes("isSubset", { path: "spec.labels", content: { zone: "a" } })).toBe(false);
  });
});
