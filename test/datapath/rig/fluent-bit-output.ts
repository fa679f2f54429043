// What fluent-bit's file output does with a decoded record, per the rendered config:
// `{key}` in Template becomes the record's value written raw; `$key` record accessors in
// Path/File name the file; the container path maps to the node's hostPath.
import type { Pipeline } from "./fluent-bit-conf.ts";
import type { Parsed } from "./parser.ts";
import type { RenderedPod } from "./render.ts";

type DecodedRecord = Readonly<Record<string, unknown>>;

/**
 * The record after the input's parser: the regex captures, plus the JSON keys of message
 * merged in by `Decode_Field json message` (Decode_Field keeps the field; Decode_Field_As
 * would replace it).
 */
export function fluentBitRecord(pipeline: Pipeline, parsed: Parsed): DecodedRecord {
  if (pipeline.decodeField !== "json message") throw new Error(`the test models Decode_Field json message, not ${pipeline.decodeField}`);
  return { message: parsed.message, ...parsed.record };
}

/**
 * The line `Format template` writes. Another Format would not use the Template at all, so the
 * model refuses it rather than predict a line fluent-bit would not write. out_file matches the
 * Format value without regard to case (plugins/out_file/file.c, cb_file_init: strcasecmp).
 */
export function templateLine(pipeline: Pipeline, record: DecodedRecord): string {
  if (pipeline.format.toLowerCase() !== "template") throw new Error(`the file output's Format is ${pipeline.format}: only Format template writes the Template's line`);
  return pipeline.template.replace(/\{([^{}]+)\}/g, (_, key: string) => valueOf(record, key));
}

export function nodeFile(pod: RenderedPod, pipeline: Pipeline, record: DecodedRecord): string {
  const resolve = (text: string) => text.replace(/\$([A-Za-z_][A-Za-z0-9_]*)/g, (_, key: string) => valueOf(record, key));
  const inContainer = `${resolve(pipeline.path)}/${resolve(pipeline.file)}`;
  const { mountPath, hostPath } = pod.output;
  if (!inContainer.startsWith(`${mountPath}/`)) throw new Error(`fluent-bit writes ${inContainer}, outside the hostPath mount ${mountPath}`);
  return hostPath + inContainer.slice(mountPath.length);
}

function valueOf(record: DecodedRecord, key: string): string {
  const value = record[key];
  if (typeof value !== "string") throw new Error(`the record has no string ${key}: ${JSON.stringify(record)}`);
  return value;
}
