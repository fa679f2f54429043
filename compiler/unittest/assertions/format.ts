// The text of assertion failures, laid out as helm-unittest lays it out (setFailFormat and
// splitInfof in its validators): "Path:", "Expected NOT to equal:", indented values.
import { marshalGoYaml } from "../go-yaml/emit.ts";
import type { YamlValue } from "../go-yaml/value.ts";

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

/** helm-unittest prints values as yaml.v3 marshals them. */
export function yamlText(value: YamlValue): string {
  return marshalGoYaml(value);
}

/** helm-unittest's uniformContent: spaces before a line break are dropped. */
export function uniformContent(text: string): string {
  return text.replace(/ +\r?\n/g, "\n");
}

function trimCutset(text: string, cutset: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && cutset.includes(text[start]!)) start++;
  while (end > start && cutset.includes(text[end - 1]!)) end--;
  return text.slice(start, end);
}
