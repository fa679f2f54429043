// Where a definition was written, and the diagnostics that point there. Every phase
// reports through these, so they sit at the bottom of the import graph.

export interface SourceLocation {
  readonly file: string;
  readonly line: number;
}

export function formatLocation(at: SourceLocation): string {
  return `${at.file}:${at.line}`;
}

/** A mistake in a chart definition, reported with the file and line the author wrote. */
export interface Diagnostic extends SourceLocation {
  readonly message: string;
}

export function formatDiagnostic(diagnostic: Diagnostic): string {
  return `${formatLocation(diagnostic)}: ${diagnostic.message}`;
}
