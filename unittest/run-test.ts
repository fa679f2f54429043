// One test job: compose its values, render its suite's templates with Helm, run its asserts.
import { runAssertion, type AssertionResult, type RenderedTest } from "./assert.ts";
import type { ChartWorkspace } from "./chart/prepare.ts";
import { scopeValues } from "./chart/subcharts.ts";
import { templateFormat, templateKey, templateMatcher } from "./chart/templates.ts";
import { ManifestError, renderedTest } from "./manifests.ts";
import type { FakeKubernetesApi } from "./kubernetes/fake-api-server.ts";
import { postRender } from "./post-render.ts";
import type { RenderCache, RenderOutcome, RenderRequest } from "./render.ts";
import type { SnapshotFile } from "./snapshot.ts";
import type { Suite, TestSpec } from "./suite/model.ts";
import { composeUserValues, ValuesError } from "./values.ts";

export interface TestResult {
  readonly name: string;
  readonly status: "passed" | "failed" | "skipped";
  readonly skipReason?: string;
  /** Why the test could not run its assertions (values, render error, invalid output). */
  readonly error?: string;
  readonly assertions: readonly AssertionResult[];
}

/** What a suite's tests share: its chart, its rendered templates and where they render. */
export interface SuiteContext {
  readonly suite: Suite;
  /** The chart's name, or for a subchart's suite its route (`parent/charts/sub`): its templates' prefix. */
  readonly route: string;
  /** Template keys the suite renders (its `templates`, less `excludeTemplates`). */
  readonly rendered: readonly string[];
  /** With `includeCrds`, the chart's crds/ files by key: documents as they are, not templates. */
  readonly crds: ReadonlyMap<string, string>;
  readonly workspace: ChartWorkspace;
  readonly renders: RenderCache;
  /** Serves `lookup` for tests with kubernetesProvider objects; started on first use. */
  readonly kubernetes: FakeKubernetesApi;
}

/** Starts the render; kept apart from evaluation so all renders of a run can overlap. */
export function startRender(context: SuiteContext, test: TestSpec): Promise<RenderOutcome> | { readonly error: string } {
  const prepared = prepareRender(context, test);
  if ("error" in prepared) return prepared;
  // Only objects switch the plugin to its fake client; a scheme alone renders as usual (test_job.go:402-406).
  const rendered =
    test.kubernetesProvider.objects.length === 0
      ? context.renders.render(prepared)
      : context.kubernetes.kubeconfigFor(test.kubernetesProvider).then((kubeconfig) => context.renders.render({ ...prepared, kubeconfig }));
  const postRenderer = test.postRenderer;
  if (postRenderer === undefined) return rendered;
  return rendered.then(async (outcome): Promise<RenderOutcome> => {
    if (!outcome.ok) return outcome;
    const templates = await postRender(outcome.templates, postRenderer);
    return templates instanceof Map ? { ok: true, templates } : { ok: false, error: templates.error };
  });
}

function prepareRender(context: SuiteContext, test: TestSpec): RenderRequest | { readonly error: string } {
  if (test.problem !== undefined) return { error: test.problem };
  let values;
  try {
    values = scopeValues(context.route, composeUserValues(test.valuesFiles, test.sets));
  } catch (error) {
    if (error instanceof ValuesError) return { error: error.message };
    throw error;
  }
  const { majorVersion, minorVersion } = test.capabilities;
  const chart = context.workspace.prepare({ selected: context.rendered, chart: test.chart, revision: test.release.revision ?? 0, defaultReleaseName: test.release.name === undefined, apiVersions: test.capabilities.apiVersions ?? [] });
  return {
    chart,
    releaseName: test.release.name,
    namespace: test.release.namespace,
    upgrade: test.release.upgrade ?? false,
    kubeVersion: kubeVersion(majorVersion, minorVersion),
    apiVersions: test.capabilities.apiVersions ?? [],
    values,
  };
}

/**
 * A version given alone is completed from Helm's default (helm-unittest 1.1.0,
 * pkg/unittest/test_job.go:569-570). Helm's default major is 1 in every release; a major
 * without a minor keeps Helm's whole default instead, which differs only for a major other than 1.
 */
function kubeVersion(major: string | undefined, minor: string | undefined): string | undefined {
  if (minor) return `v${major || HELM_DEFAULT_KUBE_MAJOR}.${minor}.0`;
  return undefined;
}

const HELM_DEFAULT_KUBE_MAJOR = "1";

export async function evaluateTest(
  context: SuiteContext,
  test: TestSpec,
  render: Promise<RenderOutcome> | { readonly error: string },
  snapshots: SnapshotFile,
): Promise<TestResult> {
  const base = { name: test.name, assertions: [] };
  // A test that does not reach its assertions must not make its snapshots look obsolete.
  const notRun = (result: TestResult): TestResult => {
    snapshots.keep(test.name);
    return result;
  };
  if (test.problem !== undefined && "error" in render) return notRun({ ...base, status: "failed", error: render.error });
  if (test.skipReason !== undefined) return notRun({ ...base, status: "skipped", skipReason: test.skipReason });
  if (test.asserts.length === 0) return notRun({ ...base, status: "failed", error: "the test has no asserts" });
  if ("error" in render) return notRun({ ...base, status: "failed", error: render.error });
  const outcome = await render;
  const needsSuccess = test.asserts.every((assertion) => assertion.kind.render === "success");
  if (!outcome.ok && needsSuccess) return notRun({ ...base, status: "failed", error: outcome.error });
  let rendered;
  try {
    rendered = renderedTest(outcome, context.rendered, context.crds);
  } catch (error) {
    if (error instanceof ManifestError) return notRun({ ...base, status: "failed", error: error.message });
    throw error;
  }
  const comparer = snapshots.comparer(test.name);
  const assertions = test.asserts.map((assertion) =>
    runAssertion(assertion, test, assertedTemplates(context, assertion.template, test.templates, rendered), rendered, comparer),
  );
  return { ...base, status: assertions.every((a) => a.passed) ? "passed" : "failed", assertions };
}

/**
 * The assertion's `template`, else the test's, else every template the suite renders.
 * Wildcards expand to rendered templates that yield documents (YAML, or text like NOTES.txt).
 */
function assertedTemplates(context: SuiteContext, assertionTemplate: string | undefined, testTemplates: readonly string[] | undefined, rendered: RenderedTest): string[] {
  const references = assertionTemplate !== undefined ? [assertionTemplate] : (testTemplates ?? context.suite.templates);
  // The suite's default set, when it is all templates or a wildcard, is what the render
  // produced (helm-unittest 1.1.0 pkg/unittest/test_job.go:721-747, resolveDefaultTemplatesToAssert
  // over outputOfFiles): after a failed render, only the templates the error was given to.
  const suiteDefault = assertionTemplate === undefined && testTemplates === undefined;
  if (suiteDefault && !rendered.succeeded && (references.length === 0 || references.some((reference) => reference.includes("*")))) return [...rendered.documents.keys()];
  const assertable = [...context.rendered.filter((key) => templateFormat(key) !== undefined), ...context.crds.keys()];
  if (references.length === 0) return assertable;
  return references.flatMap((reference) =>
    reference.includes("*") ? assertable.filter(templateMatcher(context.route, reference)) : [templateKey(context.route, reference)],
  );
}
