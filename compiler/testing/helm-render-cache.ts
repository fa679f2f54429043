// helm template's results kept on disk, for the mutation run only (HELM_RENDER_CACHE names
// the directory; `npm test` never sets it). Helm's output is a function of its binary, the
// chart's files and the command line, so a result is keyed by all three: a mutant of the
// evaluator leaves the chart alone and reuses the render, a mutant of the emitter changes the
// chart and renders afresh. Without this, each of the evaluator's ~940 mutants would run
// Helm ~100 times (the differential property), hours on 2 cores.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { runHelm, type HelmBinary, type HelmResult } from "../../helm/index.ts";

/** Runs `helm args` (whose `chartDir` and `valuesText` are the inputs they name), through the cache when one is set. */
export async function runHelmTemplate(helm: HelmBinary, args: readonly string[], chartDir: string, valuesFile: string, valuesText: string): Promise<HelmResult> {
  const cacheDir = process.env["HELM_RENDER_CACHE"];
  if (!cacheDir) return runHelm(helm, args);
  // The values file's path is random: the key names its content instead.
  const commandLine = args.map((arg) => (arg === valuesFile ? `<values:${valuesText}>` : arg === chartDir ? "<chart>" : arg));
  const key = createHash("sha256").update(JSON.stringify([helm.label, helm.path, chartDigest(chartDir), commandLine])).digest("hex");
  const file = join(cacheDir, `${key}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as HelmResult;
  const result = await runHelm(helm, args);
  mkdirSync(cacheDir, { recursive: true });
  // Written whole then renamed: parallel test runners never read half a result.
  writeFileSync(`${file}.${process.pid}`, JSON.stringify(result));
  renameSync(`${file}.${process.pid}`, file);
  return result;
}

function chartDigest(chartDir: string): string {
  const hash = createHash("sha256");
  const files = readdirSync(chartDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  for (const path of files.map((entry) => join(entry.parentPath, entry.name)).sort()) {
    hash.update(relative(chartDir, path)).update("\0").update(readFileSync(path)).update("\0");
  }
  return hash.digest("hex");
}
