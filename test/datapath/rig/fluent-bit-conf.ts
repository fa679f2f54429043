// Reads the rendered fluent-bit.conf and parsers.conf the way fluent-bit does: sections
// of `Key value` lines, keys case-insensitive, the value everything after the key's spaces.
import type { RenderedPod } from "./render.ts";

type Section = { readonly kind: string; readonly entries: ReadonlyMap<string, string> };

/**
 * fluent-bit's classic format as its reader takes it (fluent/fluent-bit
 * src/config_format/flb_cf_fluentbit.c, read_config and check_indent): empty lines and lines
 * starting with # are skipped; `[NAME]` at column 0 opens a section; every other line must
 * start with the indentation of the first indented line ("indentation level is too low"
 * otherwise) and hold a key, a space and a value, which flb_cf_section_property_add
 * (src/config_format/flb_config_format.c) trims, so a key followed by spaces only has the
 * value "". A line fluent-bit would refuse throws here, with its message.
 */
export function sections(text: string): Section[] {
  const result: { kind: string; entries: Map<string, string> }[] = [];
  let indent: string | undefined;
  text.split("\n").forEach((line, index) => {
    const refuse = (why: string) => new Error(`line ${index + 1}: ${why}: ${JSON.stringify(line)}`);
    if (line === "" || line.startsWith("#")) return;
    if (line.startsWith("[")) {
      const header = /^\[([^\]]+)\]/.exec(line);
      if (!header) throw refuse("bad header definition");
      result.push({ kind: header[1]!.toUpperCase(), entries: new Map() });
      return;
    }
    if (indent === undefined) {
      const leading = /^[ \t]*/.exec(line)![0];
      if (leading.length === line.length) return;
      indent = leading;
    }
    if (!line.startsWith(indent) || indent === "") throw refuse("indentation level is too low");
    const rest = line.slice(indent.length);
    if (rest === "" || rest.startsWith("#")) return;
    if (/^[ \t]/.test(rest)) throw refuse("extra indentation level found");
    const separator = rest.indexOf(" ");
    if (separator < 0) throw refuse("undefined value - check config is in valid classic format");
    const section = result.at(-1);
    if (!section) throw refuse("a key outside any section");
    section.entries.set(rest.slice(0, separator).toLowerCase(), rest.slice(separator + 1).trim());
  });
  return result;
}

/** The socket of nginx's error log and what fluent-bit counts from it, as configured. */
export interface ErrorLog {
  readonly socketPath: string;
  readonly unixPerm: number;
  readonly chunkSize: number;
  /** The parser's regex (the syslog header, the message captured). */
  readonly regex: string;
  /** log_to_metrics' Regex: "<key> <regex>". */
  readonly counted: { readonly key: string; readonly regex: string };
  readonly metric: string;
}

/** What the receiver side of the pod does with a datagram, as configured. */
export interface Pipeline {
  readonly socketPath: string;
  readonly unixPerm: number;
  /** Buffer_Chunk_Size in bytes: a longer datagram is truncated when read. */
  readonly chunkSize: number;
  readonly regex: string;
  readonly decodeField: string;
  /**
   * The file output's Format. Only `template` writes Template with {key} replaced; the others
   * (out_file, plain, csv, ltsv, msgpack) ignore Template and write their own layout
   * (https://docs.fluentbit.io/manual/pipeline/outputs/file, "Format").
   */
  readonly format: string;
  /** The file output's Path, File and Template, record accessors unresolved. */
  readonly path: string;
  readonly file: string;
  readonly template: string;
  /** nginx mode: nginx's error log, counted. */
  readonly errorLog: ErrorLog;
}

export function pipelineOf(pod: RenderedPod): Pipeline {
  const service = sections(pod.fluentBitConfigMap["fluent-bit.conf"]!);
  const inputs = service.filter((section) => section.kind === "INPUT");
  const input = tagged(inputs, "syslog", "accesslog");
  const output = get(service.filter((section) => section.kind === "OUTPUT"), "file");
  const parsers = sections(pod.fluentBitConfigMap["parsers.conf"]!).filter((section) => section.kind === "PARSER");
  const parserOf = (section: Section) => {
    const parser = parsers.find((candidate) => candidate.entries.get("name") === value(section, "parser"));
    if (!parser) throw new Error(`parsers.conf has no parser named ${value(section, "parser")}`);
    return parser;
  };
  const parser = parserOf(input);
  const errorInput = tagged(inputs, "syslog", "nginx_error");
  const counter = service.find((section) => section.kind === "FILTER" && section.entries.get("name") === "log_to_metrics" && section.entries.get("match") === "nginx_error");
  if (!counter) throw new Error("fluent-bit.conf has no log_to_metrics filter on nginx_error");
  const [countedKey, ...countedRegex] = value(counter, "regex").split(" ");
  const metricName = ["metric_namespace", "metric_subsystem", "metric_name"].map((key) => value(counter, key)).join("_");
  return {
    socketPath: value(input, "path"),
    unixPerm: Number.parseInt(value(input, "unix_perm"), 8),
    chunkSize: sizeInBytes(value(input, "buffer_chunk_size")),
    regex: value(parser, "regex"),
    decodeField: value(parser, "decode_field"),
    // Without Format, out_file writes its own default layout (tag: [time, record]).
    format: output.entries.get("format") ?? "out_file",
    path: value(output, "path"),
    file: value(output, "file"),
    template: value(output, "template"),
    errorLog: {
      socketPath: value(errorInput, "path"),
      unixPerm: Number.parseInt(value(errorInput, "unix_perm"), 8),
      // in_syslog's default Buffer_Chunk_Size (plugins/in_syslog/syslog.h, FLB_SYSLOG_CHUNK).
      chunkSize: sizeInBytes(errorInput.entries.get("buffer_chunk_size") ?? "32768"),
      regex: value(parserOf(errorInput), "regex"),
      counted: { key: countedKey!, regex: countedRegex.join(" ") },
      metric: metricName,
    },
  };
}

function tagged(candidates: Section[], name: string, tag: string): Section {
  const matching = candidates.filter((section) => section.entries.get("name") === name && section.entries.get("tag") === tag);
  if (matching.length !== 1) throw new Error(`expected one ${name} section tagged ${tag} in fluent-bit.conf, found ${matching.length}`);
  return matching[0]!;
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
