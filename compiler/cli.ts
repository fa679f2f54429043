// helm-ts: compile TypeScript chart definitions into a Helm chart directory.
//   build  [--chart <module>] [--out <dir>]   check, compile and write the chart
//   check  [--chart <module>] [--out <dir>]   fail (naming files) when the committed chart differs
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { compileChart, formatDiagnostic, type Diagnostic } from "./chart/compile.ts";
import type { ChartDefinition } from "./chart/define.ts";
import { checkDefinitions } from "./check/definitions.ts";

const USAGE = "usage: helm-ts <build|check> [--chart resources/index.ts] [--out chart] [--definitions resources,values-schema] [--skip-typecheck] [--cache-dir node_modules/.cache/helm-ts | --no-cache]";

async function loadChart(modulePath: string): Promise<ChartDefinition> {
  const module = (await import(pathToFileURL(resolve(modulePath)).href)) as { default?: ChartDefinition };
  if (!module.default?.templates) throw new Error(`${modulePath} must export default defineChart({...})`);
  return module.default;
}

function listFiles(dir: string, base = dir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path, base) : [relative(base, path)];
  });
}

/** Generated files: everything but tests/ (helm-unittest suites and snapshots, written by people). */
function isGenerated(path: string): boolean {
  return !path.startsWith("tests/");
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
    },
  });
  const command = positionals[0];
  if (command !== "build" && command !== "check") {
    console.error(USAGE);
    return 2;
  }
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
  const compiled = compileChart(await loadChart(values.chart));
  const compiledAt = performance.now();
  if (compiled.diagnostics.length > 0) {
    printDiagnostics(compiled.diagnostics);
    return 1;
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

  for (const path of existing) if (!compiled.files.has(path)) rmSync(join(out, path));
  for (const [path, content] of compiled.files) {
    const target = join(out, path);
    mkdirSync(dirname(target), { recursive: true });
    if (!existsSync(target) || readFileSync(target, "utf8") !== content) writeFileSync(target, content);
  }
  const ms = (from: number, to: number): string => `${(to - from).toFixed(0)} ms`;
  console.log(
    `wrote ${compiled.files.size} files to ${values.out}/ (${compiled.templates.size} templates); ` +
      `type and truthiness checks ${ms(started, checked)}, compile ${ms(checked, compiledAt)}, total ${ms(started, performance.now())}`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
