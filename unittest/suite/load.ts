// Reading a helm-unittest suite file (tests/*_test.yaml) into Suites, per DOCUMENT.md.
import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { ASSERTION_KINDS } from "../assertions/registry.ts";
import { AssertionParamError, Params } from "../assertions/params.ts";
import { parseGoYamlDocuments, YamlSyntaxError } from "../go-yaml/parse.ts";
import { isYamlMap, type YamlValue } from "../go-yaml/value.ts";
import { FieldError, Fields } from "./fields.ts";
import { SuiteError, type AssertionSpec, type CapabilitiesSettings, type ChartSettings, type DocumentSelector, type FakeKind, type KubernetesProvider, type PostRendererSettings, type ReleaseSettings, type Suite, type TestSpec } from "./model.ts";

/**
 * The helm-unittest release whose DOCUMENT.md this runner implements; `skip.minimumVersion`
 * above it skips the suite, as the plugin itself would at that version.
 */
export const IMPLEMENTED_HELM_UNITTEST_VERSION = "1.0.0";

const ASSERTION_OPTIONS = new Set(["not", "template", "documentIndex", "documentSelector"]);

/**
 * `displayFile` names the file in messages (relative to the chart, usually).
 * `commandValuesFiles` (absolute, the CLI's `-v`) follow the suite's own values files and
 * precede each test's, as helm-unittest appends them to the suite's (pkg/unittest/test_suite.go:108).
 */
export function loadSuites(file: string, displayFile = file, commandValuesFiles: readonly string[] = []): Suite[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new SuiteError(displayFile, "", `cannot read: ${(error as Error).message}`);
  }
  return loadSuitesFromText(text, file, displayFile, commandValuesFiles, false);
}

/**
 * Suites from text: a file's, or what a `--chart-tests-path` chart rendered for one of its
 * templates (`rendered`), where each suite without a `snapshotId` takes its position among
 * the template's suites (pkg/unittest/test_suite.go:183-206, iterateTemplates).
 */
export function loadSuitesFromText(text: string, file: string, displayFile: string, commandValuesFiles: readonly string[], rendered: boolean): Suite[] {
  let documents: YamlValue[];
  try {
    documents = parseGoYamlDocuments(text);
  } catch (error) {
    if (error instanceof YamlSyntaxError) throw new SuiteError(displayFile, "", `invalid YAML: ${error.message}`);
    throw error;
  }
  const suites: Suite[] = [];
  for (const document of documents) {
    if (document === null) continue;
    try {
      const suite = readSuite(document, file, displayFile, commandValuesFiles);
      suites.push(rendered && suite.snapshotId === undefined ? { ...suite, snapshotId: String(suites.length) } : suite);
    } catch (error) {
      if (error instanceof FieldError) throw new SuiteError(displayFile, error.where, error.message);
      throw error;
    }
  }
  if (suites.length === 0) throw new SuiteError(displayFile, "", "the file holds no suite (expected a mapping with `tests`)");
  return suites;
}

function readSuite(document: YamlValue, file: string, displayFile: string, commandValuesFiles: readonly string[]): Suite {
  const suite = Fields.of(document, "", "a suite");
  const tests = suite.list("tests");
  if (tests === undefined) throw new FieldError("", "`tests` is required: a list of tests, each with `it` and `asserts`");
  const skipReason = readSkip(suite);
  const base: Omit<TestSpec, "index" | "name" | "asserts"> = {
    valuesFiles: [...readValuesFiles(suite, file), ...commandValuesFiles],
    sets: suite.mapping("set") ? [suite.mapping("set")!] : [],
    release: readRelease(suite, {}),
    capabilities: readSuiteCapabilities(suite),
    chart: readChart(suite, {}),
    kubernetesProvider: readKubernetesProvider(suite, { scheme: {}, objects: [] }, "suite"),
    postRenderer: readPostRenderer(suite),
    skipReason,
  };
  return {
    file,
    name: suite.string("suite") ?? "",
    snapshotId: suite.string("snapshotId") || undefined,
    includeCrds: suite.boolean("includeCrds") ?? false,
    templates: suite.stringList("templates") ?? [],
    excludeTemplates: suite.stringList("excludeTemplates") ?? [],
    tests: tests.map((test, index) => readTestOrProblem(test, index, base, file, displayFile)),
  };
}

/**
 * A mistake inside one test fails that test alone; the suite's other tests still run
 * (the plugin reports problems per test job; issue 14).
 */
function readTestOrProblem(value: YamlValue, index: number, base: Omit<TestSpec, "index" | "name" | "asserts">, file: string, displayFile: string): TestSpec {
  try {
    return readTest(value, index, base, file);
  } catch (error) {
    if (!(error instanceof FieldError)) throw error;
    const it = isYamlMap(value) && typeof value["it"] === "string" ? value["it"] : "";
    return { ...base, index, name: it, asserts: [], problem: new SuiteError(displayFile, error.where, error.message).message };
  }
}

function readTest(value: YamlValue, index: number, base: Omit<TestSpec, "index" | "name" | "asserts">, file: string): TestSpec {
  const placeholder = Fields.of(value, `tests[${index}]`, "a test");
  const name = placeholder.string("it") ?? "";
  const test = new Fields(placeholder.map, `tests[${index}] ${JSON.stringify(name)}`);
  const template = test.string("template");
  const templates = test.stringList("templates");
  const testSet = test.mapping("set");
  return {
    index,
    name,
    valuesFiles: [...base.valuesFiles, ...readValuesFiles(test, file)],
    sets: testSet ? [...base.sets, testSet] : base.sets,
    templates: templates ?? (template !== undefined ? [template] : undefined),
    documentIndex: test.integer("documentIndex"),
    documentSelector: readDocumentSelector(test),
    release: readRelease(test, base.release),
    capabilities: readTestCapabilities(test, base.capabilities),
    chart: readChart(test, base.chart),
    kubernetesProvider: readKubernetesProvider(test, base.kubernetesProvider, "test"),
    postRenderer: readPostRenderer(test) ?? base.postRenderer,
    skipReason: base.skipReason ?? readSkip(test),
    asserts: (test.list("asserts") ?? []).map((assertion, position) => readAssertion(assertion, position, test.where)),
  };
}

function readAssertion(value: YamlValue, index: number, testWhere: string): AssertionSpec {
  const assertion = Fields.of(value, `${testWhere}: asserts[${index}]`, "an assertion");
  const types = Object.keys(assertion.map).filter((key) => !ASSERTION_OPTIONS.has(key));
  const unknown = types.filter((key) => !ASSERTION_KINDS.has(key));
  if (unknown.length > 0) {
    const suggestion = closest(unknown[0]!, [...ASSERTION_KINDS.keys()]);
    throw new FieldError(assertion.where, `unknown assertion type \`${unknown[0]}\`${suggestion ? `; did you mean \`${suggestion}\`?` : ""} (known types: ${[...ASSERTION_KINDS.keys()].join(", ")})`);
  }
  if (types.length === 0) throw new FieldError(assertion.where, "no assertion type given (such as `equal:` or `hasDocuments:`)");
  if (types.length > 1) throw new FieldError(assertion.where, `assertion types \`${types[0]}\` and \`${types[1]}\` are declared in one assertion; give each its own list item`);
  const type = types[0]!;
  const kind = ASSERTION_KINDS.get(type)!;
  let validator;
  try {
    validator = kind.create(new Params(type, assertion.map[type] ?? null));
  } catch (error) {
    if (error instanceof AssertionParamError) throw new FieldError(assertion.where, error.message);
    throw error;
  }
  return {
    index,
    type,
    not: assertion.boolean("not") ?? false,
    template: assertion.string("template"),
    documentIndex: assertion.integer("documentIndex"),
    documentSelector: readDocumentSelector(assertion),
    kind,
    validator,
  };
}

function readDocumentSelector(fields: Fields): DocumentSelector | undefined {
  const selector = fields.nested("documentSelector");
  if (!selector) return undefined;
  const path = selector.string("path");
  if (!path) throw new FieldError(fields.where, "`documentSelector.path` is required");
  const value = selector.raw("value");
  return { path, value: value ?? null, matchMany: selector.boolean("matchMany") ?? false, skipEmptyTemplates: selector.boolean("skipEmptyTemplates") ?? false };
}

function readValuesFiles(fields: Fields, suiteFile: string): string[] {
  return (fields.stringList("values") ?? []).map((path) => {
    const absolute = isAbsolute(path) ? path : resolve(dirname(suiteFile), path);
    if (!existsSync(absolute)) throw new FieldError(fields.where, `values file ${path} not found (looked for ${absolute}; paths are relative to the suite file)`);
    return absolute;
  });
}

function readRelease(fields: Fields, base: ReleaseSettings): ReleaseSettings {
  const release = fields.nested("release");
  if (!release) return base;
  return {
    name: release.string("name") || base.name,
    namespace: release.string("namespace") || base.namespace,
    revision: release.integer("revision") ?? base.revision,
    upgrade: release.boolean("upgrade") ?? base.upgrade,
  };
}

function readSuiteCapabilities(fields: Fields): CapabilitiesSettings {
  const capabilities = fields.nested("capabilities");
  if (!capabilities) return {};
  return { majorVersion: capabilities.string("majorVersion"), minorVersion: capabilities.string("minorVersion"), apiVersions: capabilities.stringList("apiVersions") };
}

/**
 * helm-unittest 1.1.0's TestJob.SetCapabilities and polishCapabilitiesSettings
 * (pkg/unittest/test_job.go:786-811, test_suite.go:347-356): versions fall back to the
 * suite's one by one; `apiVersions` absent or a list gets the suite's list appended,
 * `apiVersions:` left null (or not a list) drops the suite's list.
 */
function readTestCapabilities(fields: Fields, base: CapabilitiesSettings): CapabilitiesSettings {
  const capabilities = fields.nested("capabilities");
  const suiteApiVersions = base.apiVersions ?? [];
  if (!capabilities) return { ...base, apiVersions: suiteApiVersions };
  const listed = capabilities.raw("apiVersions");
  const apiVersions =
    listed === undefined
      ? suiteApiVersions
      : Array.isArray(listed)
        ? [...listed.filter((item): item is string => typeof item === "string"), ...suiteApiVersions]
        : [];
  return {
    majorVersion: capabilities.string("majorVersion") || base.majorVersion,
    minorVersion: capabilities.string("minorVersion") || base.minorVersion,
    apiVersions,
  };
}

function readChart(fields: Fields, base: ChartSettings): ChartSettings {
  const chart = fields.nested("chart");
  if (!chart) return base;
  return { version: chart.string("version") || base.version, appVersion: chart.string("appVersion") || base.appVersion };
}

/**
 * A test's objects come before the suite's, and the suite's scheme entries win over the
 * test's (helm-unittest 1.1.0, pkg/unittest/test_suite.go:360-370, polishKubernetesProviderSettings).
 */
function readKubernetesProvider(fields: Fields, suite: KubernetesProvider, level: "suite" | "test"): KubernetesProvider {
  const provider = fields.nested("kubernetesProvider");
  if (!provider) return suite;
  const scheme: Record<string, FakeKind> = {};
  for (const [key, value] of Object.entries(provider.mapping("scheme") ?? {})) {
    const kind = Fields.of(value, `${fields.where}${fields.where ? ": " : ""}kubernetesProvider.scheme[${JSON.stringify(key)}]`, "a scheme entry");
    const gvr = kind.nested("gvr");
    if (!gvr) throw new FieldError(kind.where, "`gvr` is required: the `group`, `version` and `resource` the kind is served as");
    scheme[key] = { group: gvr.string("group") ?? "", version: gvr.string("version") ?? "", resource: gvr.string("resource") ?? "", namespaced: kind.boolean("namespaced") ?? false };
  }
  const objects = (provider.list("objects") ?? []).map((object, index) => Fields.of(object, `${fields.where}${fields.where ? ": " : ""}kubernetesProvider.objects[${index}]`, "an object").map);
  if (level === "suite") return { scheme, objects };
  return { scheme: { ...scheme, ...suite.scheme }, objects: [...objects, ...suite.objects] };
}

/** A postRenderer without `cmd` is none, as in the plugin (test_job.go:491-497). */
function readPostRenderer(fields: Fields): PostRendererSettings | undefined {
  const settings = fields.nested("postRenderer");
  const cmd = settings?.string("cmd");
  if (!settings || !cmd) return undefined;
  return { cmd, args: settings.stringList("args") ?? [] };
}

function readSkip(fields: Fields): string | undefined {
  const skip = fields.nested("skip");
  if (!skip) return undefined;
  const minimumVersion = skip.string("minimumVersion");
  if (minimumVersion !== undefined) {
    return compareVersions(minimumVersion, IMPLEMENTED_HELM_UNITTEST_VERSION) > 0
      ? `requires helm-unittest ${minimumVersion}; this runner implements ${IMPLEMENTED_HELM_UNITTEST_VERSION}`
      : undefined;
  }
  const reason = skip.string("reason");
  if (!reason) throw new FieldError(fields.where, "`skip` needs a `reason` (or a `minimumVersion`)");
  return reason;
}

/** The known name within two edits of `name`, if any. */
function closest(name: string, known: readonly string[]): string | undefined {
  const distance = (a: string, b: string) => {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const current = [i];
      for (let j = 1; j <= b.length; j++) current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
      previous = current;
    }
    return previous[b.length]!;
  };
  const ranked = known.map((candidate) => [candidate, distance(name.toLowerCase(), candidate.toLowerCase())] as const).sort((x, y) => x[1] - y[1]);
  return ranked[0] && ranked[0][1] <= 2 ? ranked[0][0] : undefined;
}

function compareVersions(a: string, b: string): number {
  const parts = (version: string) => version.replace(/^v/, "").split(/[.+-]/).slice(0, 3).map((part) => Number.parseInt(part, 10) || 0);
  const [pa, pb] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

