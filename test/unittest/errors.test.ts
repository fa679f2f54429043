// Mistakes in suite files are reported with the file, the test and the assertion they are in.
import { beforeAll, describe, expect, it } from "vitest";
import { helmBinaries } from "../../compiler/helm/run.ts";
import { formatChartRun, type ChartRunResult } from "../../compiler/unittest/index.ts";
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
    ["errors/unknown_assertion_test.yaml", ['errors/unknown_assertion_test.yaml: tests[0] "has a typo in its assertion": asserts[0]: unknown assertion type `equals`; did you mean `equal`?']],
    ["errors/two_types_test.yaml", ['tests[0] "mixes equal and isKind": asserts[0]: assertion types `equal` and `isKind` are declared in one assertion']],
    ["errors/bad_parameters_test.yaml", ['errors/bad_parameters_test.yaml: tests[0] "forgets the path": asserts[1]: `equal`: parameter `path` is required']],
    ["errors/missing_values_test.yaml", ['tests[0] "reads a values file that is not there": values file values/absent.yaml not found']],
    ["errors/unsupported_test.yaml", ['tests[0] "fakes cluster objects for lookup": `kubernetesProvider` is not supported by this runner']],
    ["errors/not_a_suite_test.yaml", ["errors/not_a_suite_test.yaml: a suite must be a mapping, got a list"]],
  ])("%s cannot be read and says why", (file, fragments) => {
    const error = errorOf(file);
    expect(error).toBeDefined();
    for (const fragment of fragments) expect(error).toContain(fragment);
    expect(formatChartRun(run)).toContain(` FAIL  \t${file}\n\t- Execution Error:\n\t\t${error!.split("\n")[0]}`);
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

  it("counts a suite that cannot be read as a failed test", () => {
    expect(formatChartRun(run)).toContain("Tests:       9 failed, 0 passed, 9 total");
  });
});
