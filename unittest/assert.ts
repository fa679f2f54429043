// Running one assertion of a test over its templates, as helm-unittest's Assertion.Assert:
// pick the documents, validate template by template, prefix failures with the template.
import { errorInfo } from "./assertions/format.ts";
import type { Manifest, SnapshotComparer, Validation } from "./assertions/types.ts";
import { selectDocuments } from "./select.ts";
import type { AssertionSpec, TestSpec } from "./suite/model.ts";

/** A test's render, by template key; a template missing from `documents` was not rendered. */
export interface RenderedTest {
  readonly succeeded: boolean;
  readonly documents: ReadonlyMap<string, readonly Manifest[]>;
  /** The render error no template could be blamed for (failedTemplate compares with it). */
  readonly unblamedError?: string;
  /** The whole render error, for assertions that needed the render to succeed. */
  readonly error?: string;
}

export interface AssertionResult {
  readonly index: number;
  readonly type: string;
  readonly not: boolean;
  readonly passed: boolean;
  /** documentSelector.skipEmptyTemplates left no template to assert on. */
  readonly skipped: boolean;
  readonly info: readonly string[];
}

export function runAssertion(spec: AssertionSpec, test: TestSpec, asserted: readonly string[], rendered: RenderedTest, snapshots: SnapshotComparer): AssertionResult {
  const result = (validation: Validation, skipped = false): AssertionResult => ({
    index: spec.index,
    type: spec.type,
    not: spec.not,
    passed: validation.passed,
    skipped,
    info: validation.info,
  });
  const selector = spec.documentSelector ?? test.documentSelector;
  const selection = selectDocuments(
    new Map(asserted.map((key) => [key, rendered.documents.get(key)])),
    spec.documentIndex ?? test.documentIndex,
    selector,
  );
  if (!selection.ok) return result({ passed: false, info: errorInfo(selection.error) });

  const render = spec.kind.render;
  const renderMismatch = (render === "success" && !rendered.succeeded) || (render === "failure" && rendered.succeeded);
  const negative = spec.not !== spec.kind.antonym;
  const validate = (key: string | undefined) =>
    spec.validator({
      docs: (key && rendered.documents.get(key)) || [],
      selected: (key && selection.documents.get(key)) || [],
      negative,
      renderSucceeded: rendered.succeeded,
      renderError: rendered.unblamedError,
      snapshots,
    });

  const templates = [...selection.documents.keys()].sort();
  if (templates.length === 0) {
    if (selector?.skipEmptyTemplates) return result({ passed: true, info: [] }, true);
    if (renderMismatch) return result({ passed: false, info: mismatchInfo(rendered) });
    return result(validate(undefined));
  }
  const outcomes: { key: string; validation: Validation }[] = [];
  for (const key of templates) {
    if (renderMismatch) return result({ passed: false, info: mismatchInfo(rendered) });
    if (!rendered.documents.has(key) && render === "success") {
      const known = [...rendered.documents.keys()].sort().join(", ") || "none";
      return result({ passed: false, info: errorInfo(`template "${key}" not exists or not selected in test suite (the suite renders: ${known})`) });
    }
    outcomes.push({ key, validation: validate(key) });
  }
  const passed = outcomes.every((o) => o.validation.passed);
  const info = passed ? [] : outcomes.filter((o) => !o.validation.passed).flatMap((o) => [`Template:\t${o.key}`, ...o.validation.info]);
  return result({ passed, info });
}

function mismatchInfo(rendered: RenderedTest): string[] {
  return rendered.succeeded
    ? errorInfo("expected the templates to fail rendering, but rendering succeeded")
    : errorInfo(`rendering failed, so there is nothing to assert on:\n${rendered.error ?? "unknown error"}`);
}
