// What an assertion validator sees and returns.
import type { YamlMap, YamlValue } from "../go-yaml/value.ts";

/** One rendered document, with its position among the documents of its template. */
export interface Manifest {
  readonly index: number;
  readonly value: YamlMap;
}

export interface SnapshotComparison {
  readonly passed: boolean;
  /** 1-based position of this snapshot within its test, as in the .snap file. */
  readonly index: number;
  readonly cached: string;
  readonly current: string;
  /** Set when a matchRegex/notMatchRegex option failed rather than the comparison. */
  readonly message?: string;
}

export interface SnapshotPatterns {
  readonly matchRegex?: string;
  readonly notMatchRegex?: string;
}

export interface SnapshotComparer {
  compare(content: YamlValue, patterns?: SnapshotPatterns): SnapshotComparison;
}

export interface ValidateContext {
  /** Every document the template rendered (hasDocuments counts these). */
  readonly docs: readonly Manifest[];
  /** The documents documentIndex / documentSelector picked, or all of them. */
  readonly selected: readonly Manifest[];
  /** `not: true`, flipped again for antonyms such as notEqual. */
  readonly negative: boolean;
  readonly renderSucceeded: boolean;
  /** Helm's error when rendering failed before any template could be blamed. */
  readonly renderError?: string;
  readonly snapshots: SnapshotComparer;
}

export interface Validation {
  readonly passed: boolean;
  readonly info: readonly string[];
}

export interface Validator {
  (context: ValidateContext): Validation;
}

/** An entry of the assertion table: how to build the validator and how to run it. */
export interface AssertionKind {
  /** notEqual, notExists, ...: the validator of the positive form, run negated. */
  readonly antonym: boolean;
  /** What the render must have done for the assertion to apply (failedTemplate wants a failure). */
  readonly render: "success" | "failure" | "either";
  readonly create: (params: import("./params.ts").Params) => Validator;
}
