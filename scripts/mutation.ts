// `npm run test:mutation -- <target> [stryker options]`: StrykerJS over one part of the code,
// with the tests that state its behaviour, an incremental file of its own (a rerun only tests
// mutants whose code or tests changed) and a temp directory of its own (two targets can run at
// once). `npm run test:mutation -- scores` prints the last figures of every target,
// `-- survivors <target>` the mutants of its last run that no test detected.
// Not in CI: a target takes from minutes (values) to hours (resources/ on 2 cores).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { folderScore, formatScore, mergeReports, mutationScores, undetectedMutants, type MutationReport } from "./mutation-score.ts";
import { TARGETS } from "./mutation-targets.ts";

const incrementalFile = (name: string) => `reports/stryker-incremental-${name}.json`;

function printScores(): void {
  const resourceParts: MutationReport[] = [];
  const resourcePartsMissing: string[] = [];
  for (const name of Object.keys(TARGETS)) {
    const file = incrementalFile(name);
    if (!existsSync(file)) {
      console.log(`${name}: not measured yet (npm run test:mutation -- ${name})`);
      if (name.startsWith("resources-")) resourcePartsMissing.push(name);
      continue;
    }
    const report = JSON.parse(readFileSync(file, "utf8")) as MutationReport;
    if (name.startsWith("resources-")) resourceParts.push(report);
    const scores = mutationScores(report);
    console.log(`${name}:`);
    for (const line of [...scores.files, ...scores.folders, scores.total]) console.log(`  ${formatScore(line)}`);
  }
  // The resources-* targets together: the figure for resources/ as a whole.
  const missing = resourcePartsMissing.length > 0 ? `; without ${resourcePartsMissing.join(", ")}, not measured yet` : "";
  console.log(`resources/, every part measured${missing}:\n  ${formatScore(folderScore(mergeReports(resourceParts), "resources"))}`);
}

/**
 * Stryker reuses a mutant's Survived result when none of the tests covering it changed, but it
 * records no covering tests for a static mutant (one evaluated at module load, as every one of
 * resources/ is): a test written since would never be tried on it, and the survivor stays. So
 * static survivors are dropped from the incremental file before each run, and tested again.
 */
function forgetStaticSurvivors(file: string): void {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, "utf8")) as { files: Record<string, { mutants: { static?: boolean; status: string }[] }> };
  for (const entry of Object.values(report.files)) entry.mutants = entry.mutants.filter((mutant) => !(mutant.static === true && (mutant.status === "Survived" || mutant.status === "NoCoverage")));
  writeFileSync(file, JSON.stringify(report));
}

const [name, ...strykerOptions] = process.argv.slice(2);
if (name === "scores") {
  printScores();
} else if (name === "survivors") {
  const target = strykerOptions[0] ?? "";
  if (!existsSync(incrementalFile(target))) throw new Error(`no results for target "${target}" yet: npm run test:mutation -- ${target || "<target>"}`);
  for (const line of undetectedMutants(JSON.parse(readFileSync(incrementalFile(target), "utf8")) as MutationReport)) console.log(line);
} else if (name === undefined || !(name in TARGETS)) {
  console.error(`usage: npm run test:mutation -- <target> [stryker options], -- scores, or -- survivors <target>\ntargets: ${Object.keys(TARGETS).join(", ")}`);
  process.exit(name === undefined ? 0 : 1);
} else {
  const target = TARGETS[name]!;
  const missing = target.tests.filter((test) => !existsSync(test));
  if (missing.length > 0) throw new Error(`scripts/mutation.ts, target ${name}: no test file ${missing.join(", ")}`);
  forgetStaticSurvivors(incrementalFile(name));
  const args = ["stryker", "run", "--mutate", target.mutate.join(","), "--incrementalFile", incrementalFile(name), "--tempDirName", `.stryker-tmp-${name}`, ...strykerOptions];
  const run = spawnSync("npx", args, { stdio: "inherit", env: { ...process.env, ...target.env, MUTATION_TESTS: target.tests.join(",") } });
  if (run.status === 0) {
    const scores = mutationScores(JSON.parse(readFileSync(incrementalFile(name), "utf8")) as MutationReport);
    for (const line of [...scores.folders, scores.total]) console.log(formatScore(line));
  }
  process.exit(run.status ?? 1);
}
