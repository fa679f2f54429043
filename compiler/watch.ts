// helm-ts build --watch: rebuilds the chart whenever a source file changes, for a chart author
// who edits and rebuilds all day. Two things make a rebuild fast and keep every diagnostic:
// - TypeScript's watch program keeps the parsed program in memory and, on a change, re-parses
//   the changed files and re-checks only what they can affect (a one-off build must parse
//   all ~870 files, the packages' declarations included, every time);
// - the chart is loaded in a fresh module graph per rebuild (a tsx namespace: Node's module
//   cache cannot be emptied), so the compile sees the edit, and the compiler is imported
//   from that same graph: its symbols must be the ones the definitions were built with.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";
import ts from "typescript";
import type { CompiledChart, Diagnostic } from "./chart/compile.ts";
import type { ChartDefinition } from "./chart/define.ts";
import { writeChart } from "./chart/write.ts";
import { builderDiagnostics, cacheFile, TruthinessResults } from "./check/definitions.ts";

export interface WatchOptions {
  readonly tsConfigFilePath: string;
  readonly definitionDirs: readonly string[];
  readonly chartModule: string;
  readonly out: string;
  readonly skipTypecheck: boolean;
  /** The one-off build's cache: its .tsbuildinfo seeds the first check (read only). */
  readonly cacheDir?: string;
  /** Each rebuild's outcome: diagnostics, or what was written and how long each step took. */
  readonly report: (outcome: RebuildOutcome) => void;
}

export type RebuildOutcome =
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] }
  | { readonly ok: true; readonly files: number; readonly written: readonly string[]; readonly removed: readonly string[]; readonly checkMs: number; readonly compileMs: number };

let generation = 0;

/** The chart compiled in a module graph of its own, so every edited file is read anew. */
async function compileFresh(chartModule: string): Promise<CompiledChart> {
  const api = register({ namespace: `helm-ts-watch-${process.pid}-${++generation}` });
  try {
    const here = import.meta.url;
    const compiler = (await api.import(new URL("./chart/compile.ts", here).href, here)) as typeof import("./chart/compile.ts");
    const module = (await api.import(pathToFileURL(resolve(chartModule)).href, here)) as { default?: ChartDefinition };
    if (!module.default?.templates) throw new Error(`${chartModule} must export default defineChart({...})`);
    return compiler.compileChart(module.default);
  } finally {
    await api.unregister();
  }
}

/**
 * A DefinitionError thrown while the chart module is imported (a combinator misused at a
 * module's top level), as file:line. It comes from the fresh module graph, whose
 * DefinitionError class is not this one, so it is recognised by name.
 */
function definitionErrorDiagnostic(error: unknown): Diagnostic | null {
  if (!(error instanceof Error) || error.name !== "DefinitionError") return null;
  const at = (error as Error & { at?: { file?: unknown; line?: unknown } }).at;
  if (typeof at?.file !== "string" || typeof at.line !== "number") return null;
  return { file: at.file, line: at.line, message: error.message };
}

/** Starts watching; resolves to a function that stops. */
export function watchBuild(options: WatchOptions): () => void {
  const truthiness = new TruthinessResults();
  // Rebuilds run one after another: a change during a rebuild queues the next.
  let queue = Promise.resolve();
  const rebuild = (builder: ts.SemanticDiagnosticsBuilderProgram) => {
    queue = queue.then(async () => {
      const started = performance.now();
      const diagnostics = options.skipTypecheck ? [] : builderDiagnostics(builder, options.definitionDirs, truthiness);
      if (diagnostics.length > 0) return options.report({ ok: false, diagnostics });
      const checked = performance.now();
      const compiled = await compileFresh(options.chartModule);
      if (compiled.diagnostics.length > 0) return options.report({ ok: false, diagnostics: compiled.diagnostics });
      const { written, removed } = writeChart(compiled, options.out);
      options.report({ ok: true, files: compiled.files.size, written, removed, checkMs: checked - started, compileMs: performance.now() - checked });
    }).catch((error: unknown) => {
      const definitionMistake = definitionErrorDiagnostic(error);
      const crash = { file: options.chartModule, line: 0, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
      options.report({ ok: false, diagnostics: [definitionMistake ?? crash] });
    });
  };
  // The tsconfig form: a file added under its include is picked up too. The .tsbuildinfo of
  // the last one-off build spares the first full check (TypeScript re-checks whatever its
  // hashes say changed since).
  const tsBuildInfoFile = cacheFile(options.cacheDir, options.tsConfigFilePath, "tsbuildinfo");
  const host = ts.createWatchCompilerHost(
    options.tsConfigFilePath,
    { noEmit: true, ...(tsBuildInfoFile ? { incremental: true, tsBuildInfoFile } : {}) },
    ts.sys,
    ts.createSemanticDiagnosticsBuilderProgram,
    // Diagnostics are reported per rebuild, with the truthiness ones, by builderDiagnostics.
    () => {},
    () => {},
  );
  host.afterProgramCreate = rebuild;
  const watch = ts.createWatchProgram(host);
  return () => watch.close();
}
