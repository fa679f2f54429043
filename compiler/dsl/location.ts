// Definitions are plain TypeScript run by the compiler; errors found while running them
// must still point at the line the chart author wrote, so combinators record their caller.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join, relative } from "node:path";
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
    return { file: projectRelative(file), line: Number(match[2]) };
  }
  return UNKNOWN_LOCATION;
}

const projectRoots = new Map<string, string>();

/**
 * The file relative to its project (the nearest folder with a package.json), not to the
 * working directory: the chart's `# Source:` lines and the diagnostics are the same
 * wherever the compiler is run from.
 */
export function projectRelative(file: string): string {
  const dir = dirname(file);
  let root = projectRoots.get(dir);
  if (root === undefined) {
    root = dir;
    while (!existsSync(join(root, "package.json")) && dirname(root) !== root) root = dirname(root);
    if (!existsSync(join(root, "package.json"))) root = dir;
    projectRoots.set(dir, root);
  }
  return relative(root, file);
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

let collecting: DefinitionError[] | null = null;

/**
 * Runs a definition, collecting every mistake it reports instead of stopping at the first:
 * the author sees all of a template's mistakes in one build. A mistake thrown (one the
 * definition cannot carry on after) ends the run and is collected with the others.
 */
export function collectDefinitionErrors<T>(run: () => T): { readonly result: T | undefined; readonly errors: readonly DefinitionError[] } {
  const outer = collecting;
  const errors: DefinitionError[] = [];
  collecting = errors;
  try {
    return { result: run(), errors };
  } catch (error) {
    if (!(error instanceof DefinitionError)) throw error;
    errors.push(error);
    return { result: undefined, errors };
  } finally {
    collecting = outer;
  }
}

/** A mistake the caller can carry on after (with a placeholder): collected during a build, thrown otherwise. */
export function reportDefinitionError(error: DefinitionError): void {
  if (collecting === null) throw error;
  collecting.push(error);
}
