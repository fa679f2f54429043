// Mistakes in suite files are reported with the file, the test and the assertion they are in.
import { beforeAll, describe, expect, it } from "vitest";
import { helmBinaries } from "../../helm/run.ts";
import { formatChartRun, type ChartRunResult } from "../../unittest/index.ts";
import { failureText, findTest, runFixture } from "./support.ts";

const [helm] = helmBinaries();

describe("suite mistakes", () => {
  let run: ChartRunResult;
  const errorOf = (file: string) => run.suites.find((suite) => suite.file === file)?.error;

  beforeAll(async () => {
    run = await runFixture(helm!, "basic", ["errors/*_test.yaml"]);
  });

  it.each([
    ["errors/bad_yaml_test.yaml", ["errors/bad_yaml_test.yaml: invalid YAML:", "line 7, column 51"]],
    ["errors/not_a_suite_test.yaml", ["errors/not_a_suite_test.yaml: a suite must be a mapping, got a list"]],
  ])("%s cannot be read and says why", (file, fragments) => {
    const error = errorOf(file);
    expect(error).toBeDefined();
    for (const fragment of fragments) expect(error).toContain(fragment);
    expect(formatChartRun(run)).toContain(` FAIL  \t${file}\n\t- Execution Error:\n\t\t${error!.split("\n")[0]}`);
  });

  // A mistake inside one test fails that test only; the file's other tests still run.
  it.each([
    ["errors/unknown_assertion_test.yaml", "has a typo in its assertion", 'errors/unknown_assertion_test.yaml: tests[0] "has a typo in its assertion": asserts[0]: unknown assertion type `equals`; did you mean `equal`?'],
    ["errors/two_types_test.yaml", "mixes equal and isKind", 'tests[0] "mixes equal and isKind": asserts[0]: assertion types `equal` and `isKind` are declared in one assertion'],
    ["errors/missing_values_test.yaml", "reads a values file that is not there", 'tests[0] "reads a values file that is not there": values file values/absent.yaml not found'],
    ["errors/bad_provider_test.yaml", "serves a kind without saying as what", 'tests[0] "serves a kind without saying as what": kubernetesProvider.scheme["v1/Pod"]: `gvr` is required'],
  ])("%s fails its broken test and says why", (file, name, fragment) => {
    expect(errorOf(file)).toBeUndefined();
    const test = findTest(run, file, name);
    expect(test.status).toBe("failed");
    expect(test.error).toContain(fragment);
  });

  it("runs the other tests of a file with a broken test", () => {
    expect(findTest(run, "errors/unknown_assertion_test.yaml", "still runs beside the broken test").status).toBe("passed");
  });

  // helm-unittest 1.1.0 leaves an unset validator field empty: `equal` without `path`
  // compares the whole document (pkg/unittest/valueutils/valueutils.go:17).
  it("runs an assertion without its path on the whole document, as the plugin does", () => {
    const test = findTest(run, "errors/bad_parameters_test.yaml", "forgets the path");
    expect(test.status).toBe("failed");
    expect(failureText(test)).toContain("Expected to equal:\n\tClusterIP");
  });

  it("fails a test that sets a malformed path, naming the path", () => {
    const test = findTest(run, "errors/bad_set_test.yaml", "sets a malformed path");
    expect(test.status).toBe("failed");
    expect(test.error).toBe('invalid set path "service.ports[x]": index "x" is not a number');
  });

  it("fails a test on a template the chart does not have, listing the ones it renders", () => {
    const test = findTest(run, "errors/missing_template_test.yaml", "asserts on the misspelt template");
    expect(test.status).toBe("failed");
    expect(failureText(test)).toContain('template "basic/templates/deploymnet.yaml" not exists or not selected in test suite (the suite renders: none)');
    const report = formatChartRun(run);
    expect(report).toContain(" FAIL  a template the chart does not have\terrors/missing_template_test.yaml\n\t FAIL  asserts on the misspelt template\n\t\t- asserts[0] `isKind` fail");
  });

  // Tests that could not run count as errored too, as in the plugin's summary
  // (pkg/unittest/test_runner.go:39-42 of helm-unittest 1.1.0): 2 unreadable files, 5 broken tests.
  it("counts a suite that cannot be read as a failed test, and tests that could not run as errored", () => {
    expect(formatChartRun(run)).toContain("Tests:       9 failed, 7 errored, 1 passed, 10 total");
  });
});
