// Reads the rendered fluent-bit.conf and parsers.conf the way fluent-bit does: sections
// of `Key value` lines, keys case-insensitive, the value everything after the key's spaces.
import type { RenderedPod } from "./render.ts";

type Section = { readonly kind: string; readonly entries: ReadonlyMap<string, string> };

export function sections(text: string): Section[] {
  const result: { kind: string; entries: Map<string, string> }[] = [];
  for (const line of text.split("\n")) {
    const header = /^\[([A-Z]+)\]\s*$/.exec(line);
    if (header) result.push({ kind: header[1]!, entries: new Map() });
    const entry = /^\s+([A-Za-z_.]+) +(\S.*)$/.exec(line);
    if (entry && !line.trimStart().startsWith("#")) result.at(-1)!.entries.set(entry[1]!.toLowerCase(), entry[2]!);
  }
  return result;
}

/** What the receiver side of the pod does with a datagram, as configured. */
export interface Pipeline {
  readonly socketPath: string;
  readonly unixPerm: number;
  /** Buffer_Chunk_Size in bytes: a longer datagram is truncated when read. */
  readonly chunkSize: number;
  readonly regex: string;
  readonly decodeField: string;
  /** The file output's Path, File and Template, record accessors unresolved. */
  readonly path: string;
  readonly file: string;
  readonly template: string;
}

export function pipelineOf(pod: RenderedPod): Pipeline {
  const service = sections(pod.fluentBitConfigMap["fluent-bit.conf"]!);
  const input = get(service.filter((section) => section.kind === "INPUT"), "syslog");
  const output = get(service.filter((section) => section.kind === "OUTPUT"), "file");
  const parsers = sections(pod.fluentBitConfigMap["parsers.conf"]!).filter((section) => section.kind === "PARSER");
  const parser = parsers.find((section) => section.entries.get("name") === value(input, "parser"));
  if (!parser) throw new Error(`parsers.conf has no parser named ${value(input, "parser")}`);
  return {
    socketPath: value(input, "path"),
    unixPerm: Number.parseInt(value(input, "unix_perm"), 8),
    chunkSize: sizeInBytes(value(input, "buffer_chunk_size")),
    regex: value(parser, "regex"),
    decodeField: value(parser, "decode_field"),
    path: value(output, "path"),
    file: value(output, "file"),
    template: value(output, "template"),
  };
}

function get(candidates: Section[], name: string): Section {
  const matching = candidates.filter((section) => section.entries.get("name") === name);
  if (matching.length !== 1) throw new Error(`expected one ${name} section in fluent-bit.conf, found ${matching.length}`);
  return matching[0]!;
}

function value(section: Section, key: string): string {
  const found = section.entries.get(key);
  if (found === undefined) throw new Error(`[${section.kind}] ${section.entries.get("name")} has no ${key}`);
  return found;
}

/** fluent-bit sizes (flb_utils_size_to_bytes): K, M, G are powers of 1000. */
function sizeInBytes(size: string): number {
  const match = /^([0-9]+)([KMG]?)B?$/i.exec(size);
  if (!match) throw new Error(`not a fluent-bit size: ${size}`);
  return Number(match[1]) * 1000 ** " KMG".indexOf((match[2] || " ").toUpperCase());
}
