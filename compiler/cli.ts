// helm-ts: compile TypeScript chart definitions into a Helm chart directory.
//   build  [--chart <module>] [--out <dir>]   check, compile and write the chart
//   build --watch                              the same on every change of a source file
//   check  [--chart <module>] [--out <dir>]   fail (naming files) when the committed chart differs
//   build --dump-ir                            print every template's IR as JSON instead of writing the chart
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { compileChart, formatDiagnostic, isGenerated, listFiles, writeChart, type ChartDefinition, type Diagnostic } from "./chart/index.ts";
import { DefinitionError } from "./dsl/index.ts";
import { dumpIR } from "./ir/index.ts";
import { checkDefinitions } from "./check/definitions.ts";
import { watchBuild } from "./watch.ts";

const USAGE = "usage: helm-ts <build|check> [--chart resources/index.ts] [--out chart] [--definitions resources,values-schema] [--skip-typecheck] [--cache-dir node_modules/.cache/helm-ts | --no-cache] [--watch | --dump-ir (build only)]";

/** The chart module's definition, or the diagnostic of a definition mistake made while importing it. */
async function loadChart(modulePath: string): Promise<ChartDefinition | Diagnostic> {
  let module: { default?: ChartDefinition };
  try {
    module = (await import(pathToFileURL(resolve(modulePath)).href)) as { default?: ChartDefinition };
  } catch (error) {
    // A combinator called at a module's top level throws while the chart is imported.
    if (error instanceof DefinitionError) return { ...error.at, message: error.message };
    throw error;
  }
  if (!module.default?.templates) throw new Error(`${modulePath} must export default defineChart({...})`);
  return module.default;
}

function printDiagnostics(diagnostics: readonly Diagnostic[]): void {
  for (const diagnostic of diagnostics) console.error(formatDiagnostic(diagnostic));
  console.error(`${diagnostics.length} error${diagnostics.length === 1 ? "" : "s"}: the chart was not written`);
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      chart: { type: "string", default: "resources/index.ts" },
      out: { type: "string", default: "chart" },
      definitions: { type: "string", default: "resources,values-schema" },
      "skip-typecheck": { type: "boolean", default: false },
      // Results of unchanged files come from here between runs; --no-cache checks everything.
      "cache-dir": { type: "string", default: "node_modules/.cache/helm-ts" },
      "no-cache": { type: "boolean", default: false },
      watch: { type: "boolean", default: false },
      // For debugging: what the definitions compiled to, before any Go template is written.
      "dump-ir": { type: "boolean", default: false },
    },
  });
  const command = positionals[0];
  if ((command !== "build" && command !== "check") || ((values.watch || values["dump-ir"]) && command !== "build")) {
    console.error(USAGE);
    return 2;
  }
  if (values.watch) return watch(values);
  const started = performance.now();
  if (!values["skip-typecheck"]) {
    const diagnostics = checkDefinitions({
      tsConfigFilePath: resolve("tsconfig.json"),
      definitionDirs: values.definitions.split(",").map((dir) => `${resolve(dir)}/`),
      cacheDir: values["no-cache"] ? undefined : resolve(values["cache-dir"]),
    });
    if (diagnostics.length > 0) {
      printDiagnostics(diagnostics);
      return 1;
    }
  }
  const checked = performance.now();
  const loaded = await loadChart(values.chart);
  if ("message" in loaded) {
    printDiagnostics([loaded]);
    return 1;
  }
  const compiled = compileChart(loaded);
  const compiledAt = performance.now();
  if (compiled.diagnostics.length > 0) {
    printDiagnostics(compiled.diagnostics);
    return 1;
  }
  if (values["dump-ir"]) {
    // Wait for the pipe to take it all: exiting earlier would cut the dump at 64 KiB.
    await new Promise<void>((done) => process.stdout.write(dumpIR(compiled.templates), () => done()));
    return 0;
  }
  const out = resolve(values.out);
  const existing = listFiles(out).filter(isGenerated);

  if (command === "check") {
    const problems: string[] = [];
    for (const [path, content] of compiled.files) {
      const target = join(out, path);
      if (!existsSync(target)) problems.push(`${values.out}/${path}: missing`);
      else if (readFileSync(target, "utf8") !== content) problems.push(`${values.out}/${path}: differs from what the sources compile to`);
    }
    for (const path of existing) if (!compiled.files.has(path)) problems.push(`${values.out}/${path}: not produced by the sources (stale)`);
    if (problems.length > 0) {
      for (const problem of problems) console.error(problem);
      console.error(`${values.out}/ is out of date: run npm run build and commit the result`);
      return 1;
    }
    console.log(`${values.out}/ matches the sources (${compiled.files.size} files)`);
    return 0;
  }

  writeChart(compiled, out);
  const ms = (from: number, to: number): string => `${(to - from).toFixed(0)} ms`;
  console.log(
    `wrote ${compiled.files.size} files to ${values.out}/ (${compiled.templates.size} templates); ` +
      `type and truthiness checks ${ms(started, checked)}, compile ${ms(checked, compiledAt)}, total ${ms(started, performance.now())}`,
  );
  return 0;
}

/** Rebuilds on every change until interrupted; a rebuild's diagnostics do not stop the watch. */
function watch(values: { chart: string; out: string; definitions: string; "skip-typecheck": boolean; "cache-dir": string; "no-cache": boolean }): Promise<number> {
  const out = resolve(values.out);
  console.log("watching the sources (Ctrl-C stops)");
  const stop = watchBuild({
    tsConfigFilePath: resolve("tsconfig.json"),
    definitionDirs: values.definitions.split(",").map((dir) => `${resolve(dir)}/`),
    chartModule: values.chart,
    out,
    skipTypecheck: values["skip-typecheck"],
    cacheDir: values["no-cache"] ? undefined : resolve(values["cache-dir"]),
    report: (outcome) => {
      const at = new Date().toTimeString().slice(0, 8);
      if (!outcome.ok) {
        printDiagnostics(outcome.diagnostics);
        return;
      }
      const changed = [...outcome.written, ...outcome.removed.map((path) => `${path} (removed)`)];
      console.log(
        `${at} rebuilt ${values.out}/ (${outcome.files} files; ${changed.length === 0 ? "none changed" : `changed: ${changed.join(", ")}`}); ` +
          `checks ${outcome.checkMs.toFixed(0)} ms, compile ${outcome.compileMs.toFixed(0)} ms`,
      );
    },
  });
  return new Promise((done) => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => (stop(), done(0)));
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
