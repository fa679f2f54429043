// Typed expressions over symbolic values. An Expr<T> stands for a value of type T that
// only exists when Helm renders the chart; the phantom T lets TypeScript check that a
// reference is used where a value of its type belongs.
import type { Builtin, ExprIR, GoFunction, HelperIR, Scope, ValueKind } from "../ir/types.ts";
import type { SourceLocation } from "../ir/index.ts";
import { DefinitionError, reportDefinitionError } from "./location.ts";

declare const exprType: unique symbol;
export const EXPR_IR: unique symbol = Symbol("helm-compiler.expr");

export interface Expr<out T> {
  /** Phantom: never present at run time; carries T for the type checker. */
  readonly [exprType]?: T;
  readonly [EXPR_IR]: ExprIR;
}

export type Primitive = string | number | boolean | null;

/** A reference into the values (or a range/with variable), typed from the zod schema. */
export type Sym<T> = Expr<T> & SymChildren<NonNullable<T>>;
type SymChildren<T> = [T] extends [readonly unknown[]]
  ? unknown
  : [T] extends [Record<string, unknown>]
    ? string extends keyof T
      ? unknown // free-form map: use toYaml/withValue, not field access
      : { readonly [K in keyof T]-?: Sym<T[K]> }
    : unknown;

export function isExpr(value: unknown): value is Expr<unknown> {
  return (typeof value === "object" || typeof value === "function") && value !== null && EXPR_IR in value;
}

export function exprIR(value: Expr<unknown>): ExprIR {
  return value[EXPR_IR];
}

class ExprValue<T> implements Expr<T> {
  declare readonly [exprType]?: T;
  readonly [EXPR_IR]: ExprIR;
  constructor(ir: ExprIR) {
    this[EXPR_IR] = ir;
  }
  [Symbol.toPrimitive](): never {
    throw new DefinitionError(
      "a symbolic value was converted to a string: JavaScript template strings and `+` cannot see Helm values; use tpl`...${ref}...`",
    );
  }
}

/**
 * The IR of a value a combinator needs to be symbolic. Anything else is a mistake that is
 * reported, and a null literal stands in for it so the rest of the definition is still read.
 */
export function symbolicIR(value: unknown, mistake: string, at?: SourceLocation, hint?: string): ExprIR {
  if (isExpr(value)) return exprIR(value);
  reportDefinitionError(new DefinitionError(`${mistake}, got ${describe(value)}${hint === undefined ? "" : `; ${hint}`}`, at));
  return { op: "literal", value: null };
}

export function makeExpr<T>(ir: ExprIR): Expr<T> {
  return new ExprValue<T>(ir);
}

/** Anything usable where an Expr<T> is expected: a literal is lifted. */
export type ExprLike<T> = Expr<T> | (T extends Primitive ? T : never);

export function lift<T>(value: ExprLike<T>): ExprIR {
  if (isExpr(value)) return exprIR(value);
  if (value === null || ["string", "number", "boolean"].includes(typeof value)) return { op: "literal", value: value as Primitive };
  throw new DefinitionError(`expected a symbolic value or a literal, got ${describe(value)}`);
}

export function describe(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "function") return "a function";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `${typeof value} ${JSON.stringify(value)}`;
}

// ---------------------------------------------------------------- built-in objects

function builtin<T>(name: Builtin, kind: ValueKind): Expr<T> {
  return makeExpr<T>({ op: "builtin", name, kind });
}

export const release = {
  name: builtin<string>("Release.Name", "string"),
  namespace: builtin<string>("Release.Namespace", "string"),
  service: builtin<string>("Release.Service", "string"),
  isUpgrade: builtin<boolean>("Release.IsUpgrade", "boolean"),
  isInstall: builtin<boolean>("Release.IsInstall", "boolean"),
} as const;

export const chart = {
  name: builtin<string>("Chart.Name", "string"),
  version: builtin<string>("Chart.Version", "string"),
  appVersion: builtin<string>("Chart.AppVersion", "string"),
} as const;

export const capabilities = {
  kubeVersion: builtin<string>("Capabilities.KubeVersion.Version", "string"),
  /** `.Capabilities.APIVersions.Has "<group/version[/Kind]>"`: true when the cluster serves it. */
  hasApiVersion(apiVersion: string): Expr<boolean> {
    return makeExpr({ op: "hasApiVersion", apiVersion });
  },
  /** True when the cluster's Kubernetes version is at least major.minor (pre-releases included). */
  kubeVersionAtLeast(major: number, minor: number): Expr<boolean> {
    return call("semverCompare", { op: "literal", value: `>=${major}.${minor}-0` }, exprIR(capabilities.kubeVersion));
  },
} as const;

function call<T>(fn: GoFunction, ...args: ExprIR[]): Expr<T> {
  return makeExpr<T>({ op: "call", fn, args });
}

// ---------------------------------------------------------------- comparisons and logic

type Comparable = string | number | boolean | null | undefined;

export const eq = <T extends Comparable>(a: ExprLike<T>, b: ExprLike<T>): Expr<boolean> => call("eq", lift(a), lift(b));
export const ne = <T extends Comparable>(a: ExprLike<T>, b: ExprLike<T>): Expr<boolean> => call("ne", lift(a), lift(b));
export const lt = (a: ExprLike<number>, b: ExprLike<number>): Expr<boolean> => call("lt", lift(a), lift(b));
export const le = (a: ExprLike<number>, b: ExprLike<number>): Expr<boolean> => call("le", lift(a), lift(b));
export const gt = (a: ExprLike<number>, b: ExprLike<number>): Expr<boolean> => call("gt", lift(a), lift(b));
export const ge = (a: ExprLike<number>, b: ExprLike<number>): Expr<boolean> => call("ge", lift(a), lift(b));
/** Go template truthiness: false, 0, "", empty list/map and nil are false. */
export const and = (...conds: Expr<unknown>[]): Expr<boolean> => call("and", ...conds.map(exprIR));
export const or = (...conds: Expr<unknown>[]): Expr<boolean> => call("or", ...conds.map(exprIR));
export const not = (cond: Expr<unknown>): Expr<boolean> => call("not", exprIR(cond));
/** True when the value is empty in Go's sense (the opposite of truthy). */
export const isEmpty = (value: Expr<unknown>): Expr<boolean> => call("empty", exprIR(value));
export const hasKey = (map: Expr<Record<string, unknown>>, key: string): Expr<boolean> =>
  call("hasKey", exprIR(map), { op: "literal", value: key });

// ---------------------------------------------------------------- values

/** The value, or `fallback` when it is empty (sprig `default`). */
export const defaultTo = <T extends Primitive>(value: Expr<T | undefined>, fallback: ExprLike<T>): Expr<T> =>
  call("default", lift(fallback), exprIR(value));

/** Fails the render with `message` when the value is empty (Helm `required`). */
export const required = <T>(value: Expr<T | undefined>, message: ExprLike<string>): Expr<T> =>
  call("required", lift(message), exprIR(value));

/** Stops the render with `message` (Helm `fail`): for combinations the schema cannot refuse. */
export const fail = (message: string): Expr<never> => call("fail", { op: "literal", value: message });
export const toInt = (value: Expr<unknown>): Expr<number> => call("int", exprIR(value));
/**
 * The value as a float64 (sprig `float64`: a number as is, a decimal string parsed, anything
 * else 0), e.g. a duration's seconds to compare with another: `lt` refuses strings.
 */
export const toFloat = (value: ExprLike<string | number>): Expr<number> => call("float64", lift(value));
/** Sum of integers (sprig `add`, int64), e.g. a list index computed at render time. */
export const add = (...terms: ExprLike<number>[]): Expr<number> => call("add", ...terms.map((term) => lift(term)));
/** The value as Helm's toJson writes it (map keys sorted): text to search in checks. */
export const jsonText = (value: Expr<unknown>): Expr<string> => call("toJson", exprIR(value));
/** Every match of an RE2 pattern in the text (sprig `regexFindAll pattern text -1`). */
export const regexFindAll = (pattern: string, text: ExprLike<string>): Expr<string[]> =>
  call("regexFindAll", { op: "literal", value: pattern }, lift(text), { op: "literal", value: -1 });
/** A list of the values (sprig `list`). */
export const listOf = <T>(...items: ExprLike<T>[]): Expr<T[]> => call("list", ...items.map((item) => lift(item as ExprLike<Primitive>)));
/** The list without repeated elements, first occurrences kept (sprig `uniq`). */
export const unique = <T>(list: Expr<T[]>): Expr<T[]> => call("uniq", exprIR(list));
/** Number of elements of a list (Go `len`). */
export const lengthOf = (list: Expr<readonly unknown[] | undefined>): Expr<number> => call("len", exprIR(list));

/**
 * A value of a table fixed at compile time, picked by a value at render time:
 * `get (dict "a" 1 …) key`, which is "" for a key the table lacks (pair it with required).
 * Keyed by an enum value that the table covers, the result is typed as always present.
 */
export function lookup<K extends string, T extends string | number | boolean>(table: Readonly<Record<K, T>>, key: Expr<K>): Expr<T>;
export function lookup<T extends string | number | boolean>(table: Readonly<Record<string, T>>, key: ExprLike<string>): Expr<T | undefined>;
export function lookup<T extends string | number | boolean>(table: Readonly<Record<string, T>>, key: ExprLike<string>): Expr<T | undefined> {
  const pairs = Object.entries(table).flatMap(([name, value]): ExprIR[] => [{ op: "literal", value: name }, { op: "literal", value }]);
  return call("get", { op: "call", fn: "dict", args: pairs }, lift(key));
}
export const truncate = (value: ExprLike<string>, length: number): Expr<string> =>
  call("trunc", { op: "literal", value: length }, lift(value));
export const trimPrefix = (value: ExprLike<string>, prefix: string): Expr<string> =>
  call("trimPrefix", { op: "literal", value: prefix }, lift(value));
export const trimSuffix = (value: ExprLike<string>, suffix: string): Expr<string> =>
  call("trimSuffix", { op: "literal", value: suffix }, lift(value));
export const replaceAll = (value: ExprLike<string>, search: string, replacement: string): Expr<string> =>
  call("replace", { op: "literal", value: search }, { op: "literal", value: replacement }, lift(value));
export const lower = (value: ExprLike<string>): Expr<string> => call("lower", lift(value));
export const contains = (haystack: ExprLike<string>, needle: ExprLike<string>): Expr<boolean> =>
  call("contains", lift(needle), lift(haystack));

/** String interpolation: tpl`${v.image.repository}:${v.image.tag}`. */
export function tpl(strings: TemplateStringsArray, ...refs: ExprLike<Primitive>[]): Expr<string> {
  const parts: (string | ExprIR)[] = [];
  strings.forEach((text, index) => {
    if (text !== "") parts.push(text);
    if (index < refs.length) {
      const ref = refs[index];
      if (ref === undefined) reportDefinitionError(new DefinitionError(`tpl\`...\` argument ${index + 1} is undefined`));
      else parts.push(lift(ref as ExprLike<Primitive>));
    }
  });
  return makeExpr({ op: "interpolate", parts });
}

/** sha256 of another template's rendered document, to roll pods when it changes. */
export const checksumOf = (templateFileName: string): Expr<string> => makeExpr({ op: "checksum", template: templateFileName });

/**
 * A file the chart ships under `path` (relative to the chart, e.g. "files/x.lua") and reads
 * with `.Files.Get`: a config file's static part stays a real file instead of template text.
 */
export const chartFile = (path: string, content: string): Expr<string> => makeExpr({ op: "file", path, content });

export function includeHelper<T>(helper: HelperIR): Expr<T> {
  return makeExpr<T>({ op: "include", helper });
}

export type { Scope };
