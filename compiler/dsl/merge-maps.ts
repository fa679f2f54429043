// Maps merged at render time (sprig `merge`), for labels the chart and users both set.
import type { ExprIR } from "../ir/index.ts";
import { describe, exprIR, isExpr, lift, makeExpr, type Expr, type ExprLike, type Primitive } from "./expr.ts";
import type { YamlHelper } from "./helpers.ts";
import { DefinitionError } from "./location.ts";
import { isPlainObject } from "./markers.ts";

type MapSource = Expr<Readonly<Record<string, unknown>> | undefined> | YamlHelper | Readonly<Record<string, ExprLike<Primitive>>>;

/**
 * Maps merged key by key, the first source winning a key (sprig `merge` into a fresh
 * dict): where labels from the chart and from users meet, writing both maps out would
 * duplicate a key, which YAML forbids.
 */
export function mergeMaps(...sources: MapSource[]): Expr<Record<string, unknown>> {
  const args: ExprIR[] = sources.map((source): ExprIR => {
    if (isExpr(source)) return exprIR(source);
    if (typeof source === "object" && source !== null && "helper" in source && "spread" in source) {
      return { op: "call", fn: "fromYaml", args: [{ op: "include", helper: (source as YamlHelper).helper }] };
    }
    if (isPlainObject(source)) {
      return { op: "call", fn: "dict", args: Object.entries(source).flatMap(([key, value]) => [{ op: "literal", value: key } as ExprIR, lift(value)]) };
    }
    throw new DefinitionError(`mergeMaps(...) takes symbolic maps, YAML helpers or plain objects, got ${describe(source)}`);
  });
  const first = args[0];
  const destination: ExprIR = first && first.op === "call" && first.fn === "dict" ? first : { op: "call", fn: "dict", args: [] };
  return makeExpr({ op: "call", fn: "merge", args: destination === first ? args : [destination, ...args] });
}
