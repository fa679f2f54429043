// How a Helm author writes each function: the emitter's half of the closed function list
// (../ir/functions.ts). A function missing here fails to typecheck.
import type { GoFunction } from "../ir/types.ts";

export type CallSyntax =
  /** `eq a b`, each side converted so Go compares numbers of one type. */
  | "comparison"
  /** The last argument is piped in: `.Values.x | default "a"`. */
  | "piped"
  /** `fn a b`, parenthesised when piped into another function. */
  | "prefix"
  /** `fn a b`, which reads plainly at the head of a pipeline: `dict "a" 1 | toJson`. */
  | "pipelineHead";

export const CALL_SYNTAX = {
  eq: "comparison", ne: "comparison", lt: "comparison", le: "comparison", gt: "comparison", ge: "comparison",
  and: "prefix", or: "prefix", not: "prefix", empty: "prefix",
  default: "piped", required: "piped", fail: "prefix", int: "piped", float64: "piped", add: "prefix", len: "prefix",
  get: "prefix", hasKey: "prefix", semverCompare: "prefix",
  toJson: "piped", regexFindAll: "prefix", trunc: "piped", trimPrefix: "piped", trimSuffix: "piped", replace: "piped",
  lower: "piped", upper: "piped", contains: "prefix", hasPrefix: "prefix",
  dict: "pipelineHead", list: "prefix", uniq: "prefix", merge: "pipelineHead", omit: "prefix", ternary: "prefix", fromYaml: "piped",
} as const satisfies Record<GoFunction, CallSyntax>;
