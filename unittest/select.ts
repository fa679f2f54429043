// Which documents of the asserted templates an assertion looks at: all of them, the one at
// `documentIndex` in each template, or those `documentSelector` picks.
import type { Manifest } from "./assertions/types.ts";
import { valuesAt } from "./assertions/each.ts";
import { deepEqual } from "./go-yaml/value.ts";
import type { DocumentSelector } from "./suite/model.ts";

export type Selection =
  | { readonly ok: true; readonly documents: ReadonlyMap<string, readonly Manifest[]> }
  | { readonly ok: false; readonly error: string };

/** `templates` maps each asserted template to its documents (undefined: not rendered). */
export function selectDocuments(
  templates: ReadonlyMap<string, readonly Manifest[] | undefined>,
  documentIndex: number | undefined,
  selector: DocumentSelector | undefined,
): Selection {
  if (selector) return selectBySelector(templates, selector);
  if (documentIndex === undefined || documentIndex < 0) {
    return { ok: true, documents: new Map([...templates].map(([key, documents]) => [key, documents ?? []])) };
  }
  const documents = new Map<string, readonly Manifest[]>();
  for (const [key, manifests] of templates) {
    const manifest = manifests?.[documentIndex];
    if (!manifest) return { ok: false, error: `document index ${documentIndex} is out of range (${key} rendered ${manifests?.length ?? 0} documents)` };
    documents.set(key, [manifest]);
  }
  return { ok: true, documents };
}

function selectBySelector(templates: ReadonlyMap<string, readonly Manifest[] | undefined>, selector: DocumentSelector): Selection {
  const documents = new Map<string, readonly Manifest[]>();
  let total = 0;
  for (const [key, manifests] of [...templates].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const matching: Manifest[] = [];
    for (const manifest of manifests ?? []) {
      let values;
      try {
        values = valuesAt(selector.path, manifest.value);
      } catch (error) {
        return { ok: false, error: `documentSelector: ${(error as Error).message}` };
      }
      // Without a value any document where the path finds something is picked
      // (helm-unittest 1.1.0 pkg/unittest/valueutils/documentselector.go:94).
      if (values.some((value) => selector.value === null || deepEqual(selector.value, value))) matching.push(manifest);
    }
    total += matching.length;
    if (!selector.matchMany && total > 1) return { ok: false, error: "multiple indexes found" };
    if (matching.length === 0 && !selector.skipEmptyTemplates) {
      return { ok: false, error: `document not found: no document of ${key} has ${selector.path} = ${JSON.stringify(selector.value)}` };
    }
    if (matching.length > 0) documents.set(key, matching);
  }
  return { ok: true, documents };
}
