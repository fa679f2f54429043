// The parsed form of helm-unittest paths (the dialect of vmware-labs/yaml-jsonpath).

export type PathStep =
  | { readonly kind: "child"; readonly names: readonly string[] }
  /** `.*` takes the values of mappings, `[*]` the items of sequences. */
  | { readonly kind: "wildcard"; readonly of: "mapping" | "sequence" }
  | { readonly kind: "descend"; readonly name: string }
  | { readonly kind: "index"; readonly indices: readonly number[] }
  | { readonly kind: "slice"; readonly start?: number; readonly end?: number; readonly step?: number }
  | { readonly kind: "filter"; readonly expression: FilterExpression };

export type ComparisonOperator = "==" | "!=" | "<" | "<=" | ">" | ">=";

export type FilterExpression =
  | { readonly kind: "and" | "or"; readonly left: FilterExpression; readonly right: FilterExpression }
  | { readonly kind: "not"; readonly operand: FilterExpression }
  | { readonly kind: "exists"; readonly path: RelativePath }
  | { readonly kind: "compare"; readonly operator: ComparisonOperator; readonly left: FilterTerm; readonly right: FilterTerm }
  | { readonly kind: "match"; readonly left: FilterTerm; readonly pattern: string };

/** `@` is the element being filtered, `$` the whole document. */
export interface RelativePath {
  readonly root: "@" | "$";
  readonly steps: readonly PathStep[];
}

export type FilterTerm =
  | { readonly kind: "path"; readonly path: RelativePath }
  | { readonly kind: "literal"; readonly value: string | number | boolean | null };

export interface ParsedPath {
  readonly source: string;
  readonly steps: readonly PathStep[];
}

export class PathSyntaxError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
    readonly position: number,
  ) {
    super(`invalid path \`${path}\`: ${reason} at position ${position}`);
  }
}
