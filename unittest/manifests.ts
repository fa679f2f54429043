// Turning a render outcome into documents per template, the way helm-unittest parses its
// engine output: YAML templates split into mapping documents (empty ones dropped), text
// templates (NOTES.txt) as one `{raw: text}`, and a failed render as `{raw: message}` on the
// template the error names.
import { posix } from "node:path";
import type { RenderedTest } from "./assert.ts";
import type { Manifest } from "./assertions/types.ts";
import { templateFormat } from "./chart/templates.ts";
import { parseGoYamlDocuments } from "./go-yaml/parse.ts";
import { isYamlMap } from "./go-yaml/value.ts";
import { blameTemplate } from "./render-error.ts";
import type { RenderOutcome } from "./render.ts";

export class ManifestError extends Error {}

/**
 * `rendered` are the templates the suite renders (the blame target of helper errors); `crds`
 * the chart's crds/ files when the suite includes them, parsed as they are whether or not the
 * render succeeded (helm-unittest 1.1.0 pkg/unittest/test_job.go:590-601).
 */
export function renderedTest(outcome: RenderOutcome, rendered: readonly string[], crds: ReadonlyMap<string, string> = new Map()): RenderedTest {
  const crdDocuments = [...crds].map(([key, text]) => [key, parseManifests(key, text)] as const);
  if (!outcome.ok) {
    const blamed = blameTemplate(outcome.error);
    if (!blamed) return { succeeded: false, documents: new Map(crdDocuments), unblamedError: outcome.error, error: outcome.error };
    const raw: Manifest[] = [{ index: 0, value: { raw: blamed.message } }];
    // An error inside a helper (_helpers.tpl) concerns every template of the suite.
    const targets = posix.basename(blamed.template).startsWith("_") ? rendered : [blamed.template];
    return { succeeded: false, documents: new Map([...crdDocuments, ...targets.map((key) => [key, raw] as const)]), error: outcome.error };
  }
  const documents = new Map<string, readonly Manifest[]>(crdDocuments);
  for (const [key, text] of outcome.templates) {
    const format = templateFormat(key);
    if (format === "text") documents.set(key, [{ index: 0, value: { raw: text } }]);
    else if (format === "yaml") documents.set(key, parseManifests(key, text));
  }
  return { succeeded: true, documents };
}

/**
 * helm-unittest puts every `---` it finds at the start of a line (or of the text), with the
 * whitespace around it, on a line of its own before decoding (pkg/unittest/test_suite.go:28
 * splitterPattern, applied in test_job.go parseYamlFile): `---# comment`, which `{{- end -}}`
 * leaves after a separator, is a separator there, not a scalar.
 */
const SPLITTER = /(?:^|\s*\n)---\s*/g;

function parseManifests(key: string, text: string): Manifest[] {
  let documents;
  try {
    documents = parseGoYamlDocuments(text.replace(SPLITTER, "\n---\n"));
  } catch (error) {
    throw new ManifestError(`${key} rendered invalid YAML: ${(error as Error).message}`);
  }
  const manifests: Manifest[] = [];
  for (const document of documents) {
    if (document === null) continue;
    if (!isYamlMap(document)) throw new ManifestError(`${key} rendered a document that is not a mapping:\n${text}`);
    if (Object.keys(document).length > 0) manifests.push({ index: manifests.length, value: document });
  }
  return manifests;
}
