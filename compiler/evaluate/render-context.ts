// What a render sees besides the definitions: the values, release, chart and cluster, as
// `helm template` would hand them to the templates.
import type { TemplateIR } from "../ir/types.ts";

export interface RenderContext {
  readonly values: Record<string, unknown>;
  readonly release: { readonly name: string; readonly namespace: string; readonly service: string; readonly isUpgrade: boolean; readonly isInstall: boolean };
  readonly chart: { readonly name: string; readonly version: string; readonly appVersion: string };
  readonly capabilities: { readonly kubeVersion: string; readonly apiVersions: readonly string[] };
  /** Other templates of the chart, for checksumOf. */
  readonly templates: ReadonlyMap<string, TemplateIR>;
  /**
   * Numbers in the output as Helm prints them: Go integers as bigint, float64 as number, so
   * a differential test can tell `2000000` from `2e+06`. Off by default: the rendered
   * documents are then plain JSON data.
   */
  readonly printedNumbers?: boolean;
}

/** A render failure that Helm would also report (`required`, `fail`). */
export class RenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RenderError";
  }
}

/** The values bound by the enclosing `with`/`range` blocks, by scope id; a range key under the negated id. */
export type Scopes = ReadonlyMap<number, unknown>;
