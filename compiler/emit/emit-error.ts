import type { SourceLocation } from "../ir/index.ts";

/** IR the emitter cannot write as a Go template; `at` is the definition's line when known. */
export class EmitError extends Error {
  readonly at: SourceLocation | undefined;
  constructor(message: string, at?: SourceLocation) {
    super(message);
    this.name = "EmitError";
    this.at = at;
  }
}
