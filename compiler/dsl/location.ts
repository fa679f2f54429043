// Definitions are plain TypeScript run by the compiler; errors found while running them
// must still point at the line the chart author wrote, so combinators record their caller.
import { fileURLToPath } from "node:url";
import { relative } from "node:path";
import type { SourceLocation } from "../ir/types.ts";

const compilerDir = fileURLToPath(new URL("../", import.meta.url));

/** The first stack frame outside compiler/: where the author called the combinator. */
export function callerLocation(): SourceLocation {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 50;
  const stack = new Error().stack?.split("\n").slice(1) ?? [];
  Error.stackTraceLimit = limit;
  for (const frame of stack) {
    const match = /\(?((?:file:\/\/)?\/[^():]+):(\d+):\d+\)?$/.exec(frame.trim());
    if (!match) continue;
    const file = match[1]!.startsWith("file://") ? fileURLToPath(match[1]!) : match[1]!;
    if (file.startsWith(compilerDir) || file.includes("/node_modules/")) continue;
    return { file: relative(process.cwd(), file), line: Number(match[2]) };
  }
  return UNKNOWN_LOCATION;
}

/** For errors found while converting a finished document: the template's own location is used. */
export const UNKNOWN_LOCATION: SourceLocation = { file: "<unknown>", line: 0 };

export { formatLocation } from "../ir/location.ts";

/** A mistake in a chart definition, reported as `file:line: message`. */
export class DefinitionError extends Error {
  readonly at: SourceLocation;
  constructor(message: string, at: SourceLocation = callerLocation()) {
    super(message);
    this.name = "DefinitionError";
    this.at = at;
  }
}
