// The compiler's phases as an import rule: data flows values schema → dsl → IR → emit, with
// the evaluator beside the emitter. A module may import its own folder or a folder of a
// lower layer; emit and evaluate, at one layer, never import each other, so the emitter
// and the evaluator share nothing but the IR and the differential tests compare two
// independent readings of it.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const projectDir = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const compilerDir = join(projectDir, "compiler");

/** Folder of compiler/ → layer; "" is the top level (cli, index, watch, package). */
const LAYERS: Readonly<Record<string, number>> = {
  ir: 0,
  values: 1,
  check: 1,
  dsl: 2,
  emit: 3,
  evaluate: 3,
  chart: 4,
  testing: 5,
  "": 6,
};

interface Edge {
  readonly from: string;
  readonly to: string;
}

function folderOf(file: string): string {
  const parts = file.split("/");
  return parts.length > 1 ? parts[0]! : "";
}

/** Edges that go against the layers, or between two folders of one layer. */
function backwardEdges(edges: readonly Edge[]): Edge[] {
  return edges.filter(({ from, to }) => {
    const [source, target] = [folderOf(from), folderOf(to)];
    if (source === target) return false;
    const [sourceLayer, targetLayer] = [LAYERS[source], LAYERS[target]];
    if (sourceLayer === undefined || targetLayer === undefined) return true;
    return targetLayer >= sourceLayer;
  });
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** Every relative import and re-export of the files under `root`, type-only ones included, as paths relative to `base`. */
function relativeImports(root: string, base: string): Edge[] {
  return sourceFiles(root).flatMap((path) => {
    const { importedFiles } = ts.preProcessFile(readFileSync(path, "utf8"), true, true);
    return importedFiles
      .filter(({ fileName }) => fileName.startsWith("."))
      .map(({ fileName }) => ({ from: relative(base, path), to: relative(base, resolve(dirname(path), fileName)) }));
  });
}

/** Every relative import inside compiler/. */
function importEdges(): Edge[] {
  return relativeImports(compilerDir, compilerDir).filter(({ to }) => !to.startsWith(".."));
}

/** The project's top-level folders each product may import besides its own. */
const PRODUCT_IMPORTS: Readonly<Record<string, readonly string[]>> = {
  golang: [],
  helm: [],
  unittest: ["helm", "golang"],
  compiler: ["helm", "golang"],
};

/** Imports that leave a product for a folder it may not use; `allowed` lists single edges by their file. */
function productBoundaryEdges(edges: readonly Edge[], allowed: readonly Edge[] = []): Edge[] {
  return edges.filter(({ from, to }) => {
    const [source, target] = [folderOf(from), folderOf(to)];
    if (source === target || allowed.some((edge) => edge.from === from && edge.to === to)) return false;
    return !(PRODUCT_IMPORTS[source] ?? []).includes(target);
  });
}

/** Packaging refuses a chart whose helm-unittest suites fail, so it runs them: the compiler's one use of the runner. */
const PACKAGING_RUNS_THE_SUITES: Edge = { from: "compiler/package.ts", to: "unittest/index.ts" };

describe("the compiler's import graph", () => {
  it("follows the phases: ir ← values ← dsl ← emit | evaluate ← chart ← cli", () => {
    const edges = importEdges();
    expect(edges.length).toBeGreaterThan(100);
    expect(backwardEdges(edges).map(({ from, to }) => `${from} → ${to}`)).toEqual([]);
  });

  it("gives every folder a layer", () => {
    const folders = new Set(sourceFiles(compilerDir).map((path) => folderOf(relative(compilerDir, path))));
    expect([...folders].filter((folder) => LAYERS[folder] === undefined)).toEqual([]);
  });

  it("flags a backward edge, one between emit and evaluate and one into an unknown folder", () => {
    const planted: Edge[] = [
      { from: "emit/go-expr.ts", to: "evaluate/go-types.ts" },
      { from: "evaluate/node.ts", to: "emit/integers.ts" },
      { from: "dsl/defaults.ts", to: "evaluate/go-semantics.ts" },
      { from: "values/values-yaml.ts", to: "dsl/symbolic.ts" },
      { from: "ir/types.ts", to: "somewhere/new.ts" },
    ];
    expect(backwardEdges(planted)).toEqual(planted);
    expect(backwardEdges([{ from: "chart/compile.ts", to: "emit/index.ts" }, { from: "dsl/expr.ts", to: "dsl/location.ts" }])).toEqual([]);
  });
});

describe("the project's products", () => {
  const edges = Object.keys(PRODUCT_IMPORTS).flatMap((folder) => relativeImports(join(projectDir, folder), projectDir));

  it("keep the helm-unittest runner apart from the compiler: each imports only Helm and the Go rules, packaging aside", () => {
    expect(edges.filter(({ from }) => from.startsWith("unittest/")).length).toBeGreaterThan(50);
    expect(productBoundaryEdges(edges, [PACKAGING_RUNS_THE_SUITES]).map(({ from, to }) => `${from} → ${to}`)).toEqual([]);
  });

  it("flags the runner reaching into the compiler, the compiler into the runner, and Helm into either", () => {
    const planted: Edge[] = [
      { from: "unittest/go-yaml/emit.ts", to: "compiler/evaluate/go-semantics.ts" },
      { from: "compiler/chart/compile.ts", to: "unittest/index.ts" },
      { from: "helm/run.ts", to: "compiler/ir/types.ts" },
      { from: "golang/format-float.ts", to: "helm/run.ts" },
    ];
    expect(productBoundaryEdges(planted, [PACKAGING_RUNS_THE_SUITES])).toEqual(planted);
    expect(productBoundaryEdges([PACKAGING_RUNS_THE_SUITES, { from: "unittest/cli.ts", to: "helm/index.ts" }], [PACKAGING_RUNS_THE_SUITES])).toEqual([]);
  });
});
