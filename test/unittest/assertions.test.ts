// Every assertion type, passing and failing (and negated with `not: true`), run through the
// public API against the `basic` fixture chart with each Helm binary.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { helmBinaries } from "../../helm/run.ts";
import { ASSERTION_KINDS } from "../../unittest/assertions/registry.ts";
import { loadSuites, type ChartRunResult } from "../../unittest/index.ts";
import { expandGlobs } from "../../unittest/glob.ts";
import { failureText, findTest, fixture, runFixture } from "./support.ts";

/** [suite file, test, text the failure must show] for each deliberately failing test. */
const EXPECTED_FAILURES: readonly (readonly [string, string, readonly string[]])[] = [
  ["failing/values_test.yaml", "equal", ["Path:\tspec.replicas", "Expected to equal:", "\t2", "Actual:", "\t1", "Diff:", "-2", "+1"]],
  ["failing/values_test.yaml", "equal not", ["equal NOT", "Expected NOT to equal:", "\t1"]],
  ["failing/values_test.yaml", "notEqual", ["Expected NOT to equal:", "\t1"]],
  ["failing/values_test.yaml", "equal decodeBase64", ["Expected to equal:", "\twrong", "\ts3cret"]],
  ["failing/values_test.yaml", "matchRegex", ["Expected to match:", "\t^prod-", "\tRELEASE-NAME-basic"]],
  ["failing/values_test.yaml", "notMatchRegex", ["Expected NOT to match:", "\tbasic$"]],
  ["failing/values_test.yaml", "matchRegex on a number", ["expect 'spec.replicas' to be a string"]],
  ["failing/values_test.yaml", "contains", ["Expected to contain:", "\t- name: http", "\t  name: http"]],
  ["failing/values_test.yaml", "contains count", ["expect count 2 in 'spec.template.spec.containers' to be in array, got 1"]],
  ["failing/values_test.yaml", "notContains", ["Expected NOT to contain:", "\t- --config"]],
  ["failing/values_test.yaml", "contains not", ["contains NOT", "Expected NOT to contain:"]],
  ["failing/values_test.yaml", "exists", ["Path:\tspec.strategy expected to exists"]],
  ["failing/values_test.yaml", "notExists", ["Path:\tspec.selector expected to NOT exists"]],
  ["failing/values_test.yaml", "isNull", ["Path:\tspec.selector expected to NOT exists"]],
  ["failing/values_test.yaml", "isNotNull", ["Path:\tspec.strategy expected to exists"]],
  ["failing/values_test.yaml", "isNullOrEmpty", ["Expected to be null or empty, got:", "\thelm.sh/chart: basic-0.1.0"]],
  ["failing/values_test.yaml", "isEmpty", ["Expected to be null or empty, got:", "\t1"]],
  ["failing/values_test.yaml", "isNotNullOrEmpty", ["Expected NOT to be null or empty, got:", "\t{}"]],
  ["failing/values_test.yaml", "isNotEmpty", ["Expected NOT to be null or empty, got:", '\t""']],
  ["failing/values_test.yaml", "isSubset", ["Expected to contain:", "\tapp.kubernetes.io/name: other"]],
  ["failing/values_test.yaml", "isNotSubset", ["Expected NOT to contain:", "\tapp.kubernetes.io/name: basic"]],
  ["failing/values_test.yaml", "isSubset of a list", ["expect 'spec.template.spec.containers' to be an object"]],
  // Wording of helm-unittest 1.1.0's length_equal_document_validator.go (failInfo, " to match count").
  ["failing/values_test.yaml", "lengthEqual", ["Path:\tspec.template.spec.containers\nExpected to match count:\n\t3\nActual:\n\t2"]],
  ["failing/values_test.yaml", "lengthEqual paths", ["Path:\tspec.template.spec.containers[0].env\nExpected to match count:\n\t-1\nActual:\n\t1"]],
  ["failing/values_test.yaml", "notLengthEqual", ["Expected NOT to match count:\n\t2\nActual:\n\t2"]],
  ["failing/values_test.yaml", "isType", ["Expected to be of type:", "\tstring", "\tint"]],
  ["failing/values_test.yaml", "isNotType", ["Expected NOT to be of type:", "\tint"]],
  ["failing/values_test.yaml", "greaterOrEqual", ["the actual '1' is not greater or equal to the expected '2'"]],
  ["failing/values_test.yaml", "lessOrEqual", ["the actual '8080' is not less or equal to the expected '80'"]],
  ["failing/values_test.yaml", "greaterOrEqual type mismatch", ["actual 'string' and expected 'int' types do not match"]],
  ["failing/values_test.yaml", "notGreaterOrEqual", ["Expected NOT to be greater then or equal to, got:"]],
  ["failing/values_test.yaml", "notLessOrEqual", ["Expected NOT to be less then or equal to, got:"]],
  ["failing/values_test.yaml", "unknown path", ["unknown path spec.template.spec.volumes"]],
  ["failing/values_test.yaml", "bad path syntax", ["invalid path `spec.template.spec.containers[0`: unmatched [ at position 29"]],
  ["failing/documents_test.yaml", "isKind", ["Expected to be kind:", "\tDeployment", "\tService"]],
  ["failing/documents_test.yaml", "isKind not", ["isKind NOT", "Expected NOT to be kind:", "\tService"]],
  ["failing/documents_test.yaml", "isAPIVersion", ["Expected to be apiVersion:", "\tapps/v1", "\tv1"]],
  ["failing/documents_test.yaml", "hasDocuments", ["Expected documents count to be:", "\t2", "\t3"]],
  ["failing/documents_test.yaml", "hasDocuments not", ["Expected NOT documents count to be:", "\t3"]],
  ["failing/documents_test.yaml", "hasDocuments filterAware", ["Expected documents count to be:", "\t3", "\t1"]],
  ["failing/documents_test.yaml", "containsDocument", ["Expected to contain document:", "Kind = ClusterRole, apiVersion = rbac.authorization.k8s.io/v1"]],
  ["failing/documents_test.yaml", "containsDocument not", ["Expected NOT to contain document:", "Kind = Role"]],
  ["failing/documents_test.yaml", "containsDocument without any", ["Template:\tbasic/templates/rbac.yaml", "Kind = Service, apiVersion = v1"]],
  ["failing/documents_test.yaml", "documentIndex out of range", ["document index 5 is out of range"]],
  ["failing/documents_test.yaml", "documentSelector matching several documents", ["multiple indexes found"]],
  ["failing/documents_test.yaml", "documentSelector not found in a template", ["document not found", "basic/templates/service.yaml"]],
  ["failing/documents_test.yaml", "assertion on a template that is not in the suite", ['template "basic/templates/secret.yaml" not exists or not selected in test suite']],
  ["failing/documents_test.yaml", "assertion on a template that rendered nothing", ["Template:\tbasic/templates/ingress.yaml", "no manifest found"]],
  [
    "failing/excluded_test.yaml",
    "asserts on an excluded template",
    ['template "basic/templates/service.yaml" not exists or not selected in test suite (the suite renders: basic/templates/configmap.yaml, basic/templates/deployment.yaml, basic/templates/ingress.yaml, basic/templates/secret.yaml)'],
  ],
  ["failing/raw_test.yaml", "equalRaw", ["Template:\tbasic/templates/NOTES.txt", "Expected to equal:", "\tGoodbye.", "Thank you for installing basic."]],
  ["failing/raw_test.yaml", "notEqualRaw", ["Expected NOT to equal:", "Your release is named RELEASE-NAME in NAMESPACE."]],
  ["failing/raw_test.yaml", "matchRegexRaw", ["Expected to match:", "\t^Goodbye"]],
  ["failing/raw_test.yaml", "notMatchRegexRaw", ["Expected NOT to match:", "\tRELEASE-NAME"]],
  ["failing/failed_template_test.yaml", "failedTemplate when rendering succeeds", ["expected the templates to fail rendering, but rendering succeeded"]],
  ["failing/failed_template_test.yaml", "failedTemplate with another message", ["Expected to equal:", "\tsome other message", "\tfailMe is set: this chart refuses to render"]],
  ["failing/failed_template_test.yaml", "failedTemplate with a pattern that does not match", ["Expected to match:", "\t^nothing like it$"]],
  ["failing/failed_template_test.yaml", "notFailedTemplate when rendering fails", ["Template:\tbasic/templates/guard.yaml", "rendering failed: failMe is set: this chart refuses to render"]],
  ["failing/failed_template_test.yaml", "notFailedTemplate with the message of the failure", ["Expected NOT to match:", "\trefuses to render"]],
  ["failing/failed_template_test.yaml", "an ordinary assertion when rendering fails", ["execution error at (basic/templates/guard.yaml:", "failMe is set: this chart refuses to render"]],
];

const SKIPPED = new Set(["tests/skip_test.yaml/is skipped with a reason", "tests/skip_suite_test.yaml/needs a newer helm-unittest"]);

/** Assertion types (with `not`) the suites under `glob` use. */
function assertionsUsed(glob: string): Set<string> {
  const used = new Set<string>();
  for (const file of expandGlobs(fixture("basic"), [glob])) {
    for (const suite of loadSuites(`${fixture("basic")}/${file}`)) {
      for (const test of suite.tests) for (const assertion of test.asserts) used.add(assertion.not ? `${assertion.type} not` : assertion.type);
    }
  }
  return used;
}

describe("the fixtures exercise every assertion type", () => {
  // Failing snapshots need a changed chart; snapshot.test.ts makes them fail.
  const failsElsewhere = new Set(["matchSnapshot", "matchSnapshotRaw"]);

  it.each([...ASSERTION_KINDS.keys()])("%s passes somewhere and fails somewhere", (type) => {
    expect(assertionsUsed("tests/*_test.yaml")).toContain(type);
    if (!failsElsewhere.has(type)) expect(assertionsUsed("failing/*_test.yaml")).toContain(type);
  });

  it("negates assertions with not: true in both directions", () => {
    expect([...assertionsUsed("tests/*_test.yaml")].filter((type) => type.endsWith(" not")).length).toBeGreaterThan(1);
    expect([...assertionsUsed("failing/*_test.yaml")].filter((type) => type.endsWith(" not")).length).toBeGreaterThan(2);
  });

  it("lists every failing test it expects", () => {
    const declared = readFileSync(fixture("basic/failing/values_test.yaml"), "utf8").match(/^ {2}- it: /gm)?.length;
    expect(EXPECTED_FAILURES.filter(([file]) => file === "failing/values_test.yaml")).toHaveLength(declared!);
  });
});

describe.each(helmBinaries())("$label", (helm) => {
  let passing: ChartRunResult;
  let failing: ChartRunResult;

  beforeAll(async () => {
    [passing, failing] = await Promise.all([runFixture(helm, "basic", ["tests/*_test.yaml"]), runFixture(helm, "basic", ["failing/*_test.yaml"])]);
  });

  it("passes every test of the passing suites, skipping the skipped ones", () => {
    for (const suite of passing.suites) {
      expect(suite.error).toBeUndefined();
      for (const test of suite.tests) {
        const expected = SKIPPED.has(`${suite.file}/${test.name}`) ? "skipped" : "passed";
        expect({ suite: suite.file, test: test.name, status: test.status, failure: failureText(test) }).toEqual({
          suite: suite.file,
          test: test.name,
          status: expected,
          failure: "",
        });
      }
    }
  });

  it("fails every test of the failing suites", () => {
    const tests = failing.suites.flatMap((suite) => suite.tests.map((test) => [suite.file, test.name, test.status]));
    expect(tests.length).toBe(EXPECTED_FAILURES.length);
    expect(tests.filter(([, , status]) => status !== "failed")).toEqual([]);
  });

  it.each(EXPECTED_FAILURES)("%s: %s fails with a message that says why", (file, name, fragments) => {
    const test = findTest(failing, file, name);
    expect(test.status).toBe("failed");
    const text = failureText(test);
    for (const fragment of fragments) expect(text).toContain(fragment);
  });
});
