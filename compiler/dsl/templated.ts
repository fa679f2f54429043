// Typing definitions against Kubernetes models: every field may hold its literal type, a
// symbolic value of that type, or (for strings) lines of text; excess-property checks
// still apply, so a misspelt field name fails the compile with file:line.
import type { Expr } from "./expr.ts";
import type { Text } from "./markers.ts";

type Scalar = string | number | boolean | null;

/** Non-distributive over unions, so Expr<"A" | "B"> fits a field typed "A" | "B" | "C". */
type TemplatedDefined<T> = [T] extends [Scalar]
  ? T | Expr<T> | ([T] extends [string] ? Text : never)
  : [T] extends [readonly (infer E)[]]
    ? readonly Templated<E>[] | Expr<T>
    : [T] extends [object]
      ? { [K in keyof T]: Templated<T[K]> } | Expr<T>
      : T;

export type Templated<T> = TemplatedDefined<Exclude<T, undefined>> | Extract<T, undefined>;

/** A document typed as a Kubernetes model, e.g. `resource<IDeployment>({ ... })`. */
export function resource<T>(document: Templated<T>): Templated<T> {
  return document;
}
