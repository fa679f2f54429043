// npm run bench:build — how long `npm run build` takes for a chart author: cold (no cache),
// warm with nothing changed, and warm after a one-file edit of a resource definition; and
// with `npm run build:watch`, the time from saving a one-file edit to the rebuilt chart.
// Figures, not assertions. Runs in a copy of the sources (node_modules linked), so the
// edits and the cache never touch this checkout.
//
//   BENCH_RUNS  warm runs per row, the median is printed (default 3)
import { execFileSync, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { appendFileSync, cpSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const SOURCES = ["compiler", "golang", "helm", "unittest", "resources", "values-schema", "test", "bench", "scripts", "tsconfig.json", "package.json", "vitest.config.ts"];
const EDITED = "resources/service.ts";
const runs = Number(process.env.BENCH_RUNS ?? 3);

const median = (samples: { wall: number; checks: number }[]) => {
  const pick = (key: "wall" | "checks") => samples.map((sample) => sample[key]).sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
  return { wall: pick("wall"), checks: pick("checks") };
};

const root = mkdtempSync(join(tmpdir(), "bench-build-"));
try {
  for (const source of SOURCES) cpSync(resolve(source), join(root, source), { recursive: true });
  symlinkSync(resolve("node_modules"), join(root, "node_modules"));
  const cacheDir = join(root, ".cache");

  /** One build; wall time and the check phase's own figure. */
  const build = () => {
    const started = performance.now();
    const output = execFileSync(join(root, "node_modules/.bin/tsx"), ["compiler/cli.ts", "build", "--out", join(root, "chart"), "--cache-dir", cacheDir], { cwd: root, encoding: "utf8" });
    const wall = performance.now() - started;
    const checks = Number(/checks (\d+) ms/.exec(output)?.[1] ?? NaN);
    return { wall, checks };
  };

  const rows: [string, { wall: number; checks: number }][] = [];
  rows.push(["cold (no cache)", build()]);
  rows.push(["warm, nothing changed", median(Array.from({ length: runs }, build))]);
  rows.push([
    `warm, ${EDITED} edited`,
    median(Array.from({ length: runs }, (_, index) => {
      appendFileSync(join(root, EDITED), `// edit ${index}\n`);
      return build();
    })),
  ]);
  rows.push(["--no-cache (every file checked)", (() => {
    const started = performance.now();
    execFileSync(join(root, "node_modules/.bin/tsx"), ["compiler/cli.ts", "build", "--out", join(root, "chart"), "--no-cache"], { cwd: root, encoding: "utf8" });
    return { wall: performance.now() - started, checks: NaN };
  })()]);

  rows.push(...(await watchRows()));

  console.log("| build | wall time | of which type and truthiness checks |");
  console.log("|---|---|---|");
  for (const [what, { wall, checks }] of rows) console.log(`| ${what} | ${(wall / 1000).toFixed(2)} s | ${Number.isNaN(checks) ? "" : `${(checks / 1000).toFixed(2)} s`} |`);
} finally {
  rmSync(root, { recursive: true, force: true });
}

/**
 * build --watch in the copy: from writing a one-file edit to the watcher's "rebuilt" line
 * (TypeScript's watch waits 250 ms for more changes first). The first edit after the start is
 * its own row: TypeScript learns each file's declaration shape on the first change.
 */
async function watchRows(): Promise<[string, { wall: number; checks: number }][]> {
  const child = spawn(join(root, "node_modules/.bin/tsx"), ["compiler/cli.ts", "build", "--watch", "--out", join(root, "chart"), "--cache-dir", join(root, ".cache")], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout! });
  const waiting: ((line: string) => void)[] = [];
  lines.on("line", (line) => {
    if (line.includes(" rebuilt ")) waiting.shift()?.(line);
  });
  const nextRebuild = () => new Promise<string>((done) => waiting.push(done));
  try {
    await nextRebuild();
    const edit = async (index: number) => {
      const rebuilt = nextRebuild();
      const started = performance.now();
      appendFileSync(join(root, EDITED), `// watched edit ${index}\n`);
      const line = await rebuilt;
      return { wall: performance.now() - started, checks: Number(/checks (\d+) ms/.exec(line)?.[1] ?? NaN) };
    };
    const first = await edit(0);
    const later: { wall: number; checks: number }[] = [];
    for (let index = 1; index <= runs; index++) later.push(await edit(index));
    return [
      [`build:watch, first edit of ${EDITED} after the start`, first],
      [`build:watch, later edits of ${EDITED} (median)`, median(later)],
    ];
  } finally {
    child.kill("SIGTERM");
  }
}
