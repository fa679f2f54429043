// A runner for helm-unittest suites (tests/*_test.yaml and their __snapshot__ files) on top
// of real `helm template`, for machines without the Go plugin. It knows nothing of any
// particular chart.
export { runChartTests, countTests, DEFAULT_SUITE_GLOBS, type ChartRunResult, type RunOptions, type SuiteResult, type SnapshotFileResult } from "./run-chart.ts";
export type { TestResult } from "./run-test.ts";
export type { AssertionResult } from "./assert.ts";
export { formatChartRun, formatClosingLine } from "./report.ts";
export { loadSuites, IMPLEMENTED_HELM_UNITTEST_VERSION } from "./suite/load.ts";
export { SuiteError, type Suite, type TestSpec } from "./suite/model.ts";
export { parsePath } from "./path/parse.ts";
export { evaluatePath } from "./path/evaluate.ts";
export { PathSyntaxError, type ParsedPath } from "./path/syntax.ts";
export { marshalGoYaml } from "./go-yaml/emit.ts";
export { parseGoYaml, parseGoYamlDocuments } from "./go-yaml/parse.ts";
export { hasUnittestPlugin, pluginArguments, runUnittestPlugin } from "./delegate.ts";
