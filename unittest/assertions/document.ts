// Assertions about whole documents: isKind, isAPIVersion, hasDocuments, containsDocument.
import { isYamlMap, type YamlMap, type YamlValue } from "../go-yaml/value.ts";
import { fail, PASS, validateEachManifest } from "./each.ts";
import { failFormat, splitInfo, yamlText } from "./format.ts";
import { AssertionParamError, type Params } from "./params.ts";
import type { Validator } from "./types.ts";

function createFieldIs(field: "kind" | "apiVersion", message: string) {
  return (params: Params): Validator => {
    const expected = params.stringOrEmpty("of");
    return (context) => {
      const info = (actual: YamlValue, documentIndex: number) =>
        context.negative
          ? splitInfo(failFormat(true, false, false, false, message), documentIndex, -1, expected)
          : splitInfo(failFormat(false, false, true, false, message), documentIndex, -1, expected, yamlText(actual));
      return validateEachManifest(
        context,
        (manifest) => {
          const actual = manifest.value[field] ?? null;
          return (actual === expected) === context.negative ? fail(info(actual, manifest.index)) : PASS;
        },
        () => info("no manifest found", -1),
      );
    };
  };
}

export const createIsKind = createFieldIs("kind", " to be kind");
export const createIsAPIVersion = createFieldIs("apiVersion", " to be apiVersion");

export function createHasDocuments(params: Params): Validator {
  const count = params.integer("count");
  if (count === undefined) throw new AssertionParamError("`hasDocuments`: parameter `count` is required");
  const filterAware = params.boolean("filterAware");
  return (context) => {
    const actual = filterAware ? context.selected.length : context.docs.length;
    if ((actual === count) !== context.negative) return PASS;
    return context.negative
      ? fail(splitInfo(failFormat(true, false, false, false, " documents count to be"), -1, -1, String(count)))
      : fail(splitInfo(failFormat(false, false, true, false, " documents count to be"), -1, -1, String(count), String(actual)));
  };
}

/**
 * helm-unittest 1.1.0's ContainsDocumentValidator (pkg/unittest/validators/
 * contains_document_validator.go:122-160): every selected document must match unless
 * `any: true`, which passes on the first match; a document without a string `kind` or
 * `apiVersion` is not held against it.
 */
export function createContainsDocument(params: Params): Validator {
  const kind = params.stringOrEmpty("kind");
  const apiVersion = params.stringOrEmpty("apiVersion");
  const name = params.string("name");
  const namespace = params.string("namespace");
  const any = params.boolean("any") ?? false;
  const described = [`Kind = ${kind}, apiVersion = ${apiVersion}`, name && `Name = ${name}`, namespace && `Namespace = ${namespace}`].filter(Boolean).join(", ");
  const matches = (document: YamlMap): boolean => {
    const metadata = isYamlMap(document["metadata"]) ? document["metadata"] : {};
    const differs = (actual: YamlValue | undefined, expected: string) => typeof actual === "string" && actual !== expected;
    return (
      !differs(document["kind"], kind) &&
      !differs(document["apiVersion"], apiVersion) &&
      (name === undefined || metadata["name"] === name) &&
      (namespace === undefined || metadata["namespace"] === namespace)
    );
  };
  return (context) => {
    const failInfo = (documentIndex: number) => splitInfo(failFormat(context.negative, false, false, false, " to contain document"), documentIndex, -1, described);
    if (context.selected.length === 0) return context.negative ? PASS : fail(failInfo(0));
    const info: string[] = [];
    let passed = false;
    for (const [index, manifest] of context.selected.entries()) {
      const succeeded = matches(manifest.value) !== context.negative;
      if (!succeeded) info.push(...failInfo(index));
      else if (any !== context.negative) return PASS;
      passed = index === 0 ? succeeded : passed && succeeded;
    }
    return { passed, info };
  };
}
