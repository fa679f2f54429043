// `npm run test:mutation -- <target> [stryker options]`: StrykerJS over one part of the code,
// with the tests that state its behaviour, an incremental file of its own (a rerun only tests
// mutants whose code or tests changed) and a temp directory of its own (two targets can run at
// once). `npm run test:mutation -- scores` prints the last figures of every target,
// `-- survivors <target>` the mutants of its last run that no test detected.
// Not in CI: a target takes from minutes (values) to hours (resources/ on 2 cores).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { folderScore, formatScore, mergeReports, mutationScores, undetectedMutants, type MutationReport } from "./mutation-score.ts";

interface Target {
  readonly mutate: readonly string[];
  readonly tests: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
}

const EMIT_TESTS = ["emit", "emit-refusals", "emit-render", "hoist", "json-object", "layout-pipeline", "printed-numbers", "text-helpers", "wrap-actions", "wrap-actions-render", "chart-files"].map((name) => `test/compiler/${name}.test.ts`);
const EVALUATE_TESTS = ["json-object", "printed-numbers", "chart-files", "text-helpers", "calls-differential", "go-json", "evaluator-rendering-rules", "go-functions-at-edges"].map((name) => `test/compiler/${name}.test.ts`);
/**
 * The chart's behaviour tests that run in seconds. Every resources/ mutant changes the chart
 * at module load, so Stryker runs each one against all of these: the slow ones (the injected
 * pod's startup probe, pod annotations and the schema's refusals through Helm, the data
 * path beyond the request catalogue) stay out. On a loaded 2-core machine these took 72 s a
 * run; with the schema's refusals 160 s, and through Helm 265 s. A killed mutant usually
 * stops at its first failing test.
 */
const RESOURCES_TESTS = [
  "test/chart/render.test.ts",
  "test/chart/envoy-mode.test.ts",
  "test/chart/istio-operator.test.ts",
  "test/chart/bad-values.test.ts",
  "test/chart/prepare-log-dir.test.ts",
  "test/chart/pod-volumes.test.ts",
  "test/chart/official-values.test.ts",
  "test/istio/injection-model.test.ts",
  "test/compiler/values.test.ts",
  "test/datapath/configs.test.ts",
  "test/datapath/queue-check.test.ts",
  "test/chart/fluent-bit-conf.test.ts",
  // Real nginx and the Envoy stand-in over the catalogue's requests (about 16 s): the only
  // tests that see what log_format and the truncation maps write, and what the Envoy
  // operators' conversions give.
  "test/datapath/requests.test.ts",
  "test/datapath/envoy-equivalence.test.ts",
  // The assertions of the chart's helm-unittest suites without their snapshots, through real
  // Helm on the mutant's chart (about 12 s): most of what the chart promises is stated there.
  "test/chart/unittest-assertions.test.ts",
];
/** Renders of valid values by the evaluator, not Helm (compiler/testing/render.ts). */
const RESOURCES_ENV = { HELM_RENDER_BY: "typescript" };
/** The pod through Istio's injection and its annotations through Helm's text: resources/pod's own tests. */
const POD_TESTS = ["test/chart/injected-pod.test.ts", "test/chart/pod-annotations.test.ts"];
/** resources/*.ts that write the chart's documents (NOTES.txt, README, examples), not its objects. */
const DOCUMENT_FILES = ["resources/notes.ts", "resources/readme.ts", "resources/readme-https.ts", "resources/examples.ts", "resources/official-gateway-values.ts"];
/** A part of resources/, with the tests above and the slower ones only its own mutants need. */
const resources = (mutate: string[], ownTests: string[] = []): Target => ({ mutate, tests: [...RESOURCES_TESTS, ...ownTests], env: RESOURCES_ENV });

const TARGETS: Readonly<Record<string, Target>> = {
  emit: { mutate: ["compiler/emit/**/*.ts"], tests: [...EMIT_TESTS, "test/chart/template-lines.test.ts"] },
  evaluate: { mutate: ["compiler/evaluate/**/*.ts"], tests: ["test/differential.test.ts", ...EVALUATE_TESTS, "test/unittest/go-yaml.test.ts"] },
  // schema-refusals: what Helm 3 and 4 say for each kind of bad value, through the schema this folder writes.
  values: { mutate: ["compiler/values/**/*.ts"], tests: ["test/compiler/values-files.test.ts", "test/compiler/values.test.ts", "test/compiler/chart-files.test.ts", "test/chart/official-values.test.ts", "test/chart/schema-refusals.test.ts"] },
  "resources-access-log": resources(["resources/envoy/**/*.ts", "resources/access-log/**/*.ts", "resources/nginx/log-format.ts"]),
  // Real nginx behind a trusted proxy, serving HTTPS, and keeping connections to Envoy alive (about 25 s).
  "resources-nginx": resources(["resources/nginx/**/*.ts", "!resources/nginx/log-format.ts"], ["test/datapath/real-ip.test.ts", "test/datapath/tls.test.ts", "test/datapath/upstream.test.ts"]),
  // The Lua filter under luajit, as the chart ships it (about 2 s).
  "resources-fluent-bit": resources(["resources/fluent-bit/**/*.ts"], ["test/datapath/envoy-lua.test.ts"]),
  // The pod through Istio's injection (the template and webhook, test/support/istio-injection.ts)
  // and the pod annotations through Helm's text (about 27 s). In three parts: a surviving mutant
  // runs all of these (about 4 minutes on a loaded 2-core machine), and the 437 mutants of
  // resources/pod together took more than a session.
  "resources-pod-checks": resources(["resources/pod/*-checks.ts"], POD_TESTS),
  "resources-pod-template": resources(["resources/pod/template.ts", "resources/pod/volumes.ts"], POD_TESTS),
  "resources-pod-containers": resources(["resources/pod/**/*.ts", "!resources/pod/*-checks.ts", "!resources/pod/template.ts", "!resources/pod/volumes.ts"], POD_TESTS),
  "resources-istio-operator": resources(["resources/istio-operator/**/*.ts"]),
  // The Kubernetes objects beside the pod; NOTES.txt through Helm 4 against the objects it speaks of (about 30 s).
  "resources-objects": resources(["resources/*.ts", ...DOCUMENT_FILES.map((file) => `!${file}`)], ["test/chart/notes.test.ts"]),
  // What the chart tells its users: NOTES.txt, the README's prose and tables, the example values
  // files. Apart from the objects because they hold half of resources/*.ts's mutants (1,086 in all)
  // and most of them are text: each target then ends within a session on 2 cores.
  // Its tests are those that read these documents (every other chart test renders none of them):
  // a survivor costs one run of these, not of the whole chart's.
  "resources-docs": {
    mutate: DOCUMENT_FILES,
    tests: ["test/chart/examples.test.ts", "test/chart/notes.test.ts", "test/chart/official-values.test.ts", "test/chart/envoy-mode.test.ts", "test/chart/render.test.ts", "test/chart/injected-pod.test.ts", "test/chart/unittest-assertions.test.ts"],
    env: RESOURCES_ENV,
  },
};

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
