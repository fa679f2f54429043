// Assertions about whole documents: isKind, isAPIVersion, hasDocuments, containsDocument.
import type { YamlValue } from "../go-yaml/value.ts";
import { fail, PASS, validateEachManifest } from "./each.ts";
import { failFormat, splitInfo, yamlText } from "./format.ts";
import { AssertionParamError, type Params } from "./params.ts";
import type { Validator } from "./types.ts";

function createFieldIs(field: "kind" | "apiVersion", message: string) {
  return (params: Params): Validator => {
    const expected = params.requiredString("of");
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

export function createContainsDocument(params: Params): Validator {
  const kind = params.requiredString("kind");
  const apiVersion = params.requiredString("apiVersion");
  const name = params.string("name");
  const namespace = params.string("namespace");
  // `any: true` lets the other templates of the test lack the document (see Assertion).
  const any = params.boolean("any");
  const validator: Validator = (context) => {
    const matching = context.selected.filter((manifest) => {
      const metadata = manifest.value["metadata"];
      const field = (key: string) => (metadata && typeof metadata === "object" && !Array.isArray(metadata) ? metadata[key] : undefined);
      return (
        manifest.value["kind"] === kind &&
        manifest.value["apiVersion"] === apiVersion &&
        (name === undefined || field("name") === name) &&
        (namespace === undefined || field("namespace") === namespace)
      );
    });
    if (matching.length > 0 !== context.negative) return PASS;
    const described = [`Kind = ${kind}, apiVersion = ${apiVersion}`, name && `name = ${name}`, namespace && `namespace = ${namespace}`].filter(Boolean).join(", ");
    return fail(splitInfo(failFormat(context.negative, false, false, false, " to contain document"), -1, -1, described));
  };
  return Object.assign(validator, { anyTemplate: any });
}
