// How a chart is declared: its metadata, its values schema, helpers and templates.
import type { z } from "zod";
import type { HelperIR, NodeIR, SourceLocation, TemplateIR } from "../ir/types.ts";
import { exprIR, isExpr, type Expr } from "../dsl/expr.ts";
import { callerLocation, DefinitionError } from "../dsl/location.ts";
import { toNodeIR } from "../dsl/nodes.ts";

export interface ChartMetadata {
  readonly name: string;
  readonly version: string;
  readonly appVersion: string;
  readonly description: string;
  readonly kubeVersion?: string;
  readonly type?: "application" | "library";
  readonly home?: string;
  readonly sources?: readonly string[];
  readonly keywords?: readonly string[];
  readonly maintainers?: readonly { readonly name: string; readonly email?: string; readonly url?: string }[];
  readonly icon?: string;
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface TemplateDefinition {
  readonly fileName: string;
  readonly source: SourceLocation;
  /** Runs the definition; called by the compiler so its errors become diagnostics. */
  build(): TemplateIR;
}

export interface TemplateOptions {
  /** Renders the whole file only when this is truthy (one `{{- if }}` around the file). */
  readonly when?: Expr<unknown>;
}

/** A file under templates/, with one document or several. */
export function defineTemplate(fileName: string, documents: () => object | readonly object[], options: TemplateOptions = {}): TemplateDefinition {
  const source = callerLocation();
  if (!/^[a-z0-9][a-z0-9._-]*\.(yaml|yml|txt)$/.test(fileName) || fileName.startsWith("_")) {
    throw new DefinitionError(`template file name "${fileName}" must be lower-case, end in .yaml/.yml/.txt and not start with "_"`, source);
  }
  if (options.when !== undefined && !isExpr(options.when)) {
    throw new DefinitionError(`defineTemplate("${fileName}") option when must be a symbolic condition`, source);
  }
  return {
    fileName,
    source,
    build(): TemplateIR {
      const built = documents();
      const list = Array.isArray(built) ? (built as readonly object[]) : [built];
      const nodes: NodeIR[] = list.map((document, index) => toNodeIR(document, list.length > 1 ? `document ${index + 1}` : ""));
      return { fileName, source, guard: options.when ? exprIR(options.when) : null, documents: nodes };
    },
  };
}

export interface ChartDefinition<S extends z.ZodType = z.ZodType> {
  readonly metadata: ChartMetadata;
  readonly values: S;
  /** Comment lines at the top of values.yaml. */
  readonly valuesHeader: string;
  /** Helpers to write first in _helpers.tpl, in this order; others used by templates follow. */
  readonly helpers: readonly { readonly helper: HelperIR }[];
  readonly templates: readonly TemplateDefinition[];
  /** Files copied into the chart as they are (NOTES.txt, examples, ...), by chart-relative path. */
  readonly staticFiles?: Readonly<Record<string, string>>;
}

export function defineChart<S extends z.ZodType>(definition: ChartDefinition<S>): ChartDefinition<S> {
  return definition;
}
