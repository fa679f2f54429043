// The IR: a small typed tree between the TypeScript definitions and the emitted Go
// template. Expressions compute one value; nodes place values in a YAML document or
// in a block of text (a config file inside a ConfigMap).
import type { GoFunction } from "./functions.ts";
import type { SourceLocation } from "./location.ts";

export type { GoFunction, SourceLocation };

/** What the values schema says about a referenced value; drives quoting and `| int`. */
export type ValueKind = "string" | "integer" | "number" | "boolean" | "object" | "array" | "unknown";

/** A `with` or `range` variable. `range` binds `$name`; `with` binds `.`. */
export interface Scope {
  readonly id: number;
  readonly name: string;
  readonly kind: "range" | "with";
  /** For a range over a map's entries: the variable bound to each key ($key). */
  readonly keyName?: string;
  /** The key is a list index (an int in Go), not a map key. */
  readonly keyIsIndex?: boolean;
}

export type Builtin =
  | "Release.Name"
  | "Release.Namespace"
  | "Release.Service"
  | "Release.IsUpgrade"
  | "Release.IsInstall"
  | "Chart.Name"
  | "Chart.Version"
  | "Chart.AppVersion"
  | "Capabilities.KubeVersion.Version";

export type ExprIR =
  | { readonly op: "values"; readonly path: readonly string[]; readonly kind: ValueKind; readonly freeText?: boolean }
  | { readonly op: "scope"; readonly scope: Scope; readonly path: readonly string[]; readonly kind: ValueKind; readonly freeText?: boolean }
  | { readonly op: "scopeKey"; readonly scope: Scope }
  | { readonly op: "builtin"; readonly name: Builtin; readonly kind: ValueKind }
  | { readonly op: "literal"; readonly value: string | number | boolean | null }
  | CallIR
  | { readonly op: "include"; readonly helper: HelperIR }
  | { readonly op: "interpolate"; readonly parts: readonly (string | ExprIR)[] }
  | { readonly op: "hasApiVersion"; readonly apiVersion: string }
  | { readonly op: "checksum"; readonly template: string }
  /** A file shipped in the chart (`.Files.Get`); the IR carries its content so evaluation needs no disk. */
  | { readonly op: "file"; readonly path: string; readonly content: string };

/** A Go template or sprig function applied to arguments, in the order Go takes them. */
export interface CallIR {
  readonly op: "call";
  readonly fn: GoFunction;
  readonly args: readonly ExprIR[];
}

/** A named template in `_helpers.tpl`. Its body is text; it is always called with the root context. */
export interface HelperIR {
  readonly name: string;
  readonly description: string;
  /** Text helpers (type "lines") produce a string; yaml helpers produce a YAML mapping spread with nindent. */
  readonly body: TextIR | NodeIR;
  /** Where the definition names it, for diagnostics; the compiler's own hoisted helpers have none. */
  readonly at?: SourceLocation;
}

export type NodeIR =
  | { readonly type: "scalar"; readonly value: string | number | boolean | null }
  | { readonly type: "expr"; readonly expr: ExprIR }
  | { readonly type: "map"; readonly entries: readonly EntryIR[] }
  | { readonly type: "seq"; readonly items: readonly ItemIR[] }
  | { readonly type: "toYaml"; readonly expr: ExprIR }
  | { readonly type: "text"; readonly text: TextIR }
  | { readonly type: "choose"; readonly cond: ExprIR; readonly then: NodeIR; readonly otherwise: NodeIR; readonly at: SourceLocation };

export type EntryIR =
  | { readonly type: "entry"; readonly key: string; readonly value: NodeIR }
  /** An entry whose key is computed (inside a range over a map). */
  | { readonly type: "dynamicEntry"; readonly key: ExprIR; readonly value: NodeIR }
  | { readonly type: "when"; readonly cond: ExprIR; readonly then: readonly EntryIR[]; readonly otherwise: readonly EntryIR[]; readonly at: SourceLocation }
  | {
      readonly type: "with";
      readonly scope: Scope;
      readonly expr: ExprIR;
      readonly body: readonly EntryIR[];
      readonly at: SourceLocation;
      /** A user's free-form map spread among the chart's own keys (spreadYaml). */
      readonly freeFormSpread?: boolean;
    }
  | { readonly type: "range"; readonly scope: Scope; readonly expr: ExprIR; readonly body: readonly EntryIR[]; readonly at: SourceLocation }
  /** Spreads a free-form map (toYaml) or a YAML helper's output into the enclosing map. */
  | { readonly type: "spread"; readonly expr: ExprIR };

export type ItemIR =
  | { readonly type: "item"; readonly value: NodeIR }
  | { readonly type: "when"; readonly cond: ExprIR; readonly then: readonly ItemIR[]; readonly otherwise: readonly ItemIR[]; readonly at: SourceLocation }
  | { readonly type: "with"; readonly scope: Scope; readonly expr: ExprIR; readonly body: readonly ItemIR[]; readonly at: SourceLocation }
  | { readonly type: "range"; readonly scope: Scope; readonly expr: ExprIR; readonly body: readonly ItemIR[]; readonly at: SourceLocation }
  /** Spreads a free-form list (toYaml) into the enclosing sequence. */
  | { readonly type: "spread"; readonly expr: ExprIR };

/** Multi-line text (a config file): a list of lines, some of them conditional or repeated. */
export interface TextIR {
  readonly type: "lines";
  readonly lines: readonly LineIR[];
}

export type LineIR =
  | { readonly type: "line"; readonly parts: readonly LinePartIR[] }
  /** A multi-line value (a snippet), each of its lines indented by `indent` spaces. */
  | {
      readonly type: "block";
      readonly expr: ExprIR;
      readonly indent: number;
      /**
       * Written at the left margin with `indent` instead of trimming the newline before it
       * (`{{- … | nindent }}`), which would also eat a blank line that precedes it.
       */
      readonly keepBlankLineBefore?: boolean;
    }
  | { readonly type: "when"; readonly cond: ExprIR; readonly then: TextIR; readonly otherwise: TextIR; readonly at: SourceLocation }
  | { readonly type: "with"; readonly scope: Scope; readonly expr: ExprIR; readonly body: TextIR; readonly at: SourceLocation }
  | { readonly type: "range"; readonly scope: Scope; readonly expr: ExprIR; readonly body: TextIR; readonly at: SourceLocation };

/** A piece of one line: literal text, a value, or a loop/condition that stays on the line. */
export type LinePartIR =
  | string
  | ExprIR
  | { readonly type: "inlineRange"; readonly scope: Scope; readonly expr: ExprIR; readonly parts: readonly LinePartIR[] }
  | { readonly type: "inlineWhen"; readonly cond: ExprIR; readonly then: readonly LinePartIR[]; readonly otherwise: readonly LinePartIR[] };

export function isInlinePart(part: LinePartIR): part is Extract<LinePartIR, { type: string }> {
  return typeof part === "object" && "type" in part;
}

/** One file under templates/: zero or more documents, the whole file optionally guarded. */
export interface TemplateIR {
  readonly fileName: string;
  /** yaml: Kubernetes documents; text: plain text such as NOTES.txt (one text document). */
  readonly format: "yaml" | "text";
  readonly source: SourceLocation;
  readonly guard: ExprIR | null;
  /** Combinations of values the schema cannot refuse: each fails the render with its message. */
  readonly checks?: readonly { readonly when: ExprIR; readonly message: string }[];
  readonly documents: readonly NodeIR[];
}

export { assertNever } from "./assert-never.ts";
