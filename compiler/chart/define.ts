// How a chart is declared: its metadata, its values schema, helpers and templates.
import type { z } from "zod";
import type { HelperIR, NodeIR, SourceLocation, TemplateIR } from "../ir/types.ts";
import { exprIR, isExpr, type Expr } from "../dsl/index.ts";
import { callerLocation, DefinitionError } from "../dsl/index.ts";
import { isText, toNodeIR, type Text } from "../dsl/index.ts";
import { ITEM } from "../dsl/markers.ts";

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
  /**
   * Fails the render with `message` when a check's condition holds, before anything else of
   * the file: for combinations of values a JSON schema cannot express (e.g. a value that
   * only one mode supports). Checked whether or not `when` renders the file.
   */
  readonly checks?: readonly { readonly when: Expr<unknown>; readonly message: string }[];
}

/** A file under templates/, with one document or several. */
export function defineTemplate(fileName: string, documents: () => object | readonly object[], options: TemplateOptions = {}): TemplateDefinition {
  const source = callerLocation();
  if (!/^([a-z0-9][a-z0-9_-]*\/)?[a-z0-9][a-z0-9._-]*\.(yaml|yml|txt)$/.test(fileName)) {
    throw new DefinitionError(`template file name "${fileName}" must be lower-case, end in .yaml/.yml/.txt, sit at most one folder deep and not start with "_"`, source);
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
      // A template's documents are fixed: a conditional or repeated list item (when, unless,
      // each, spreadItems) in their place would compile to an empty document.
      const item = list.findIndex((document) => ITEM in document);
      if (item >= 0) {
        throw new DefinitionError(
          `defineTemplate("${fileName}") document ${item + 1} is a conditional or repeated list item (when, unless, each, spreadItems): a template's documents are fixed; give documents that depend on values a template of their own with the option when`,
          source,
        );
      }
      const nodes: NodeIR[] = list.map((document, index) => toNodeIR(document, list.length > 1 ? `document ${index + 1}` : ""));
      const checks = (options.checks ?? []).map((check) => {
        if (!isExpr(check.when)) throw new DefinitionError(`defineTemplate("${fileName}") check "${check.message}" needs a symbolic condition`, source);
        return { when: exprIR(check.when), message: check.message };
      });
      return { fileName, format: "yaml", source, guard: options.when ? exprIR(options.when) : null, checks, documents: nodes };
    },
  };
}

/** templates/NOTES.txt: the text Helm prints after install and upgrade. */
export function defineNotes(text: () => Text): TemplateDefinition {
  const source = callerLocation();
  return {
    fileName: "NOTES.txt",
    source,
    build(): TemplateIR {
      const built = text();
      if (!isText(built)) throw new DefinitionError("defineNotes(...) must return lines(...)", source);
      return { fileName: "NOTES.txt", format: "text", source, guard: null, documents: [toNodeIR(built, "NOTES.txt")] };
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
  /** Markdown of the chart's README before its generated values table. */
  readonly readme?: string;
  /**
   * Files copied into the chart as they are (examples, ...), by chart-relative path; a
   * function is run by the compiler, so what it throws is a diagnostic, not a crash at import.
   */
  readonly staticFiles?: Readonly<Record<string, string>> | (() => Readonly<Record<string, string>>);
  /** Checks of the definitions the compiler runs (see defineCheck). */
  readonly checks?: readonly DefinitionCheck[];
  /** Where defineChart was called: the place of diagnostics about the chart as a whole. */
  readonly source?: SourceLocation;
}

export function defineChart<S extends z.ZodType>(definition: ChartDefinition<S>): ChartDefinition<S> {
  return { ...definition, source: definition.source ?? callerLocation() };
}

export interface DefinitionCheck {
  readonly source: SourceLocation;
  /** The problems found; none when the definitions are consistent. */
  run(): readonly string[];
}

/**
 * A consistency check of hand-written data (examples against the schema, a table against
 * the code that relies on it). Written at a module's top level it would crash the CLI at
 * import; declared here, the compiler runs it and reports each problem, or what it
 * throws, at this call's file:line together with every other diagnostic.
 */
export function defineCheck(run: () => readonly string[]): DefinitionCheck {
  return { source: callerLocation(), run };
}
