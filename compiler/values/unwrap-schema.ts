// zod wraps a schema in default/optional/pipe/... layers; every reader of the values
// schema (values.yaml, the README table, the symbolic values, test generators) looks through them.
import type { z } from "zod";

type AnySchema = z.core.$ZodType;

/** Strips wrappers that do not change the shape of a value: default, optional, ... */
export function unwrapSchema(schema: AnySchema): AnySchema {
  let current = schema;
  for (;;) {
    const def = current._zod.def as { type: string; innerType?: AnySchema; in?: AnySchema; getter?: () => AnySchema };
    if (def.innerType && ["default", "prefault", "optional", "nullable", "readonly", "catch", "nonoptional"].includes(def.type)) {
      current = def.innerType;
    } else if (def.type === "pipe" && def.in) {
      current = def.in;
    } else if (def.type === "lazy" && def.getter) {
      current = def.getter();
    } else {
      return current;
    }
  }
}
