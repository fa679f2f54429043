// IR and render contexts written by hand, for tests that hold the evaluator to a Go, sprig or
// Helm rule on inputs the DSL rarely builds (a negative trunc, a string for int, a nil in merge).
import type { RenderContext } from "../../compiler/evaluate/index.ts";
import type { ExprIR, GoFunction, Scope, ValueKind } from "../../compiler/ir/types.ts";

export const lit = (value: string | number | boolean | null): ExprIR => ({ op: "literal", value });
export const call = (fn: GoFunction, ...args: ExprIR[]): ExprIR => ({ op: "call", fn, args });
export const valueAt = (path: string, kind: ValueKind = "unknown"): ExprIR => ({ op: "values", path: path.split("."), kind });
export const rangeScope = (id: number, keyIsIndex?: boolean): Scope => ({ id, name: `s${id}`, kind: "range", keyName: `k${id}`, ...(keyIsIndex === undefined ? {} : { keyIsIndex }) });

/** What `helm template` hands a chart's templates, with the values given. */
export function renderContext(values: Record<string, unknown> = {}, overrides: Partial<RenderContext> = {}): RenderContext {
  return {
    values,
    release: { name: "r", namespace: "ns", service: "Helm", isUpgrade: false, isInstall: true },
    chart: { name: "c", version: "1.0.0", appVersion: "1" },
    capabilities: { kubeVersion: "v1.31.0", apiVersions: [] },
    templates: new Map(),
    ...overrides,
  };
}
