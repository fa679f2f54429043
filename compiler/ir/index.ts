// The IR's public face: the node types, the closed list of functions a call may name, the
// kinds of values, generic walks and the diagnostics every phase reports with.
export type * from "./types.ts";
export { isInlinePart } from "./types.ts";
export { assertNever } from "./assert-never.ts";
export { GO_FUNCTIONS, type GoComparison, type GoFunction } from "./functions.ts";
export { kindOf } from "./kinds.ts";
export { formatDiagnostic, formatLocation, type Diagnostic, type SourceLocation } from "./location.ts";
export { dumpIR } from "./dump.ts";
export { exprsOfHelper, exprsOfParts, exprsOfTemplate, exprTree, textsOfNode } from "./walk.ts";
