// The text of assertion failures, laid out as helm-unittest lays it out (setFailFormat and
// splitInfof in its validators): "Path:", "Expected NOT to equal:", indented values.
import { marshalGoYaml } from "../go-yaml/emit.ts";
import { setKey } from "../go-yaml/parse.ts";
import { isYamlMap, type YamlMap, type YamlValue } from "../go-yaml/value.ts";

export const ERROR_FORMAT = "Error:\n%s";

export function failFormat(not: boolean, withPath: boolean, withActual: boolean, withDiff: boolean, message: string): string {
  let format = `Expected${not ? " NOT" : ""}${message}:\n%s`;
  if (withPath) format = `Path:%s\n${format}`;
  if (withActual) format += "\nActual:\n%s";
  if (withDiff) format += "\nDiff:\n%s";
  return format;
}

/**
 * Fills the %s of `format` with the replacements, each indented one tab, and splits the
 * result into lines. `documentIndex` and `valueIndex` prefix lines when not -1.
 */
export function splitInfo(format: string, documentIndex: number, valueIndex: number, ...replacements: string[]): string[] {
  let next = 0;
  const text = trimCutset(format, "\t\n ").replace(/%s/g, () => `\t${trimCutset((replacements[next++] ?? "").replaceAll("\n", "\n\t"), "\n\t ")}`);
  const lines = text.split("\n");
  if (valueIndex >= 0) lines.unshift(`ValuesIndex:\t${valueIndex}`);
  if (documentIndex >= 0) lines.unshift(`DocumentIndex:\t${documentIndex}`);
  return lines;
}

export function errorInfo(message: string, documentIndex = -1, valueIndex = -1): string[] {
  return splitInfo(ERROR_FORMAT, documentIndex, valueIndex, message);
}

/**
 * helm-unittest's TrustedMarshalYAML, which prints values in messages and writes snapshots:
 * yaml.v3 after leading newlines are cut from every string, since plugin 1.0.3
 * (internal/common/utilities.go:39, removeLeadingNewLines at :116).
 */
export function yamlText(value: YamlValue): string {
  return marshalGoYaml(withoutLeadingNewLines(value));
}

function withoutLeadingNewLines(value: YamlValue): YamlValue {
  if (typeof value === "string") return value.replace(/^\n+/, "");
  if (Array.isArray(value)) return value.map(withoutLeadingNewLines);
  if (isYamlMap(value)) {
    const result: YamlMap = {};
    for (const [key, item] of Object.entries(value)) setKey(result, key, withoutLeadingNewLines(item));
    return result;
  }
  return value;
}

/**
 * helm-unittest's uniformContent (pkg/unittest/validators/common.go:126): spaces before a
 * line break are dropped and leading newlines cut, before equal, equalRaw and raw snapshots.
 */
export function uniformContent(text: string): string {
  return text.replace(/ +\r?\n/g, "\n").replace(/^\n+/, "");
}

function trimCutset(text: string, cutset: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && cutset.includes(text[start]!)) start++;
  while (end > start && cutset.includes(text[end - 1]!)) end--;
  return text.slice(start, end);
}
