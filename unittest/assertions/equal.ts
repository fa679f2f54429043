// equal / notEqual (with decodeBase64) and equalRaw / notEqualRaw.
import { unifiedDiff } from "../diff.ts";
import { deepEqual, type YamlValue } from "../go-yaml/value.ts";
import { fail, PASS, validateEachManifest, validateEachValue } from "./each.ts";
import { errorInfo, failFormat, splitInfo, uniformContent, yamlText } from "./format.ts";
import type { Params } from "./params.ts";
import type { Validator } from "./types.ts";

export function createEqual(params: Params): Validator {
  const path = params.stringOrEmpty("path");
  const expected = params.valueOrNull("value");
  const decodeBase64 = params.boolean("decodeBase64");
  return (context) =>
    validateEachValue(
      context,
      path,
      (raw, documentIndex, valueIndex) => {
        let actual = raw;
        if (typeof raw === "string") {
          const text = decodeBase64 ? decodeBase64Strict(raw) : raw;
          if (text === undefined) return fail(errorInfo(`unable to decode base64 expected content ${raw}`, documentIndex, valueIndex));
          actual = uniformContent(text);
        }
        if (deepEqual(expected, actual) === context.negative) return fail(equalInfo(context.negative, path, expected, actual, documentIndex, valueIndex));
        return PASS;
      },
      () => equalInfo(context.negative, path, expected, "no manifest found", -1, -1),
    );
}

export function createEqualRaw(params: Params): Validator {
  const expected = params.stringOrEmpty("value");
  return (context) =>
    validateEachManifest(
      context,
      (manifest) => {
        const actual = uniformContent(rawText(manifest.value["raw"]));
        return (expected === actual) === context.negative ? fail(equalInfo(context.negative, undefined, expected, actual, -1, -1)) : PASS;
      },
      () => equalInfo(context.negative, undefined, expected, "no manifest found", -1, -1),
    );
}

function equalInfo(not: boolean, path: string | undefined, expected: YamlValue, actual: YamlValue, documentIndex: number, valueIndex: number): string[] {
  const expectedYaml = yamlText(expected);
  const withPath = path !== undefined ? [path] : [];
  if (not) return splitInfo(failFormat(true, path !== undefined, false, false, " to equal"), documentIndex, valueIndex, ...withPath, expectedYaml);
  const actualYaml = yamlText(actual);
  return splitInfo(
    failFormat(false, path !== undefined, true, true, " to equal"),
    documentIndex,
    valueIndex,
    ...withPath,
    expectedYaml,
    actualYaml,
    unifiedDiff(expectedYaml, actualYaml),
  );
}

/** fmt's %v of a raw document: its text, or <nil> for a YAML document. */
export function rawText(raw: YamlValue | undefined): string {
  if (raw === undefined || raw === null) return "<nil>";
  return typeof raw === "string" ? raw : yamlText(raw);
}

/** encoding/base64 StdEncoding: padded, no stray characters (line breaks are skipped). */
export function decodeBase64Strict(text: string): string | undefined {
  const compact = text.replace(/[\r\n]/g, "");
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
  return Buffer.from(compact, "base64").toString("utf8");
}
