// Mutation testing: which of the compiler's and the chart's behaviours no test pins down.
// Run a target through `npm run test:mutation -- <target>` (scripts/mutation.ts), which picks
// the files to mutate, the tests and an incremental file; slow, so not part of `npm test` or CI.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: {
    // Without the chart snapshot suite: see vitest.mutation.config.ts.
    configFile: "vitest.mutation.config.ts",
    // By default Stryker runs only the test files vitest finds "related" to the mutated
    // files, and it missed tests that reach the emitter through compiler/index.ts
    // (printed-numbers, text-helpers): their kills never counted. Every included test runs in
    // the dry run instead; per-test coverage still picks the tests each mutant reruns.
    related: false,
  },
  // Mutants that do not type-check are discarded before any test runs: a type error is not
  // a behaviour the tests should have to catch.
  checkers: ["typescript"],
  // Mutants no test can kill because they change nothing a template renders: see the plugin.
  plugins: ["@stryker-mutator/*", "./scripts/stryker-ignorers.mjs"],
  ignorers: ["RangeVariableNames", "ConfigComments", "HelperDescriptions"],
  tsconfigFile: "tsconfig.json",
  mutate: ["compiler/emit/**/*.ts", "compiler/evaluate/**/*.ts", "compiler/values/**/*.ts", "resources/**/*.ts"],
  // Re-runs only mutants whose code or covering tests changed; kept under the ignored reports/.
  incremental: true,
  incrementalFile: "reports/stryker-incremental.json",
  // The machine has 2 cores; each test runner starts Helm processes of its own.
  concurrency: 2,
  // Tests that run `helm template` take seconds; the default 5 s timeout would report
  // slow-but-correct runs as timeouts.
  timeoutMS: 60_000,
  // The initial run executes the whole suite (minus snapshots and benchmarks) in one worker:
  // more than Stryker's default five minutes here.
  dryRunTimeoutMinutes: 40,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  tempDirName: ".stryker-tmp",
  // Two targets may run at once (scripts/mutation.ts gives each a temp directory): neither
  // copies the other's sandbox into its own.
  ignorePatterns: [".stryker-tmp-*"],
  cleanTempDir: true,
};
