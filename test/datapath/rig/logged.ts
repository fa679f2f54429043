// Which request paths reached the receiver, read through the chart's parser regex.
import { parseWithOnigmo } from "./parser.ts";
import type { Rig } from "./rig.ts";

export function loggedUris(rig: Rig): { uris: Set<string>; unparsed: number } {
  const parsed = parseWithOnigmo(rig.pipeline.regex, rig.datagrams());
  const uris = parsed.flatMap((entry) => (typeof entry.record?.uri === "string" ? [entry.record.uri] : []));
  return { uris: new Set(uris), unparsed: parsed.length - uris.length };
}

export function lost(sent: Iterable<string>, logged: Set<string>): number {
  return [...sent].filter((uri) => !logged.has(uri)).length;
}
