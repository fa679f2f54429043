// The Go template and sprig functions an IR `call` may name. The list is closed: the
// emitter's syntax table, the evaluator's table and the result kinds in ./kinds.ts are
// each a Record over it, so a function added here fails to typecheck until all three
// say what it means.
export const GO_FUNCTIONS = [
  // comparisons and logic
  "eq", "ne", "lt", "le", "gt", "ge", "and", "or", "not", "empty",
  // values
  "default", "required", "fail", "int", "float64", "add", "len", "get", "hasKey", "semverCompare",
  // strings
  "toJson", "regexFindAll", "trunc", "trimPrefix", "trimSuffix", "replace", "lower", "upper", "contains", "hasPrefix",
  // collections
  "dict", "list", "uniq", "merge", "omit", "ternary", "fromYaml",
] as const;

export type GoFunction = (typeof GO_FUNCTIONS)[number];

/** The comparisons, which Go refuses between an int and a float64 (see the emitter). */
export type GoComparison = Extract<GoFunction, "eq" | "ne" | "lt" | "le" | "gt" | "ge">;
