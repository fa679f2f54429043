// Writes a compiled chart into its directory: files that changed, none that did not (so
// editors and git see only real changes), and generated files the sources no longer produce
// are removed. tests/ (helm-unittest suites and snapshots) is written by people: left alone.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import type { CompiledChart } from "./compile.ts";

export function listFiles(dir: string, base = dir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path, base) : [relative(base, path)];
  });
}

/** Generated files: everything but tests/. */
export function isGenerated(path: string): boolean {
  return !path.startsWith("tests/");
}

/** Returns the paths written (changed or new) and removed. */
export function writeChart(compiled: Pick<CompiledChart, "files">, out: string): { written: string[]; removed: string[] } {
  const removed = listFiles(out).filter(isGenerated).filter((path) => !compiled.files.has(path));
  for (const path of removed) rmSync(join(out, path));
  const written: string[] = [];
  for (const [path, content] of compiled.files) {
    const target = join(out, path);
    if (existsSync(target) && readFileSync(target, "utf8") === content) continue;
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    written.push(path);
  }
  return { written, removed };
}
