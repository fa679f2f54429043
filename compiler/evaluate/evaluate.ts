// Concrete evaluation: the same definitions, run in TypeScript with real values. Produces
// what `helm template` renders, as parsed YAML. The differential tests hold the emitter
// to this, so every rule here is a rule of Go templates, sprig or YAML.
import type { EntryIR, ExprIR, HelperIR, ItemIR, LinePartIR, NodeIR, Scope, TemplateIR, TextIR } from "../ir/types.ts";
import { assertNever, isInlinePart } from "../ir/types.ts";
import { kindOf } from "../dsl/expr.ts";
import { printsAsGoInteger, readBackNumber, withJsonIntegers } from "./go-types.ts";
import { goCompare, goFloat, goInt, goJson, goPrint, goTruthy, semverAtLeast, sha256Hex } from "./go-semantics.ts";

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

type Scopes = ReadonlyMap<number, unknown>;

export function evaluateTemplate(template: TemplateIR, context: RenderContext): unknown[] {
  const scopes: Scopes = new Map();
  for (const check of template.checks ?? []) {
    if (goTruthy(evaluateExpr(check.when, context, scopes))) throw new RenderError(check.message);
  }
  if (template.guard && !goTruthy(evaluateExpr(template.guard, context, scopes))) return [];
  if (template.format === "text") {
    const [document] = template.documents;
    return document?.type === "text" ? [`${evaluateText(document.text, context, scopes).join("\n")}\n`] : [];
  }
  return template.documents.map((document) => evaluateNode(document, context, scopes)).filter((document) => document !== null);
}

export function evaluateExpr(ir: ExprIR, context: RenderContext, scopes: Scopes): unknown {
  switch (ir.op) {
    case "literal":
      return ir.value;
    case "values":
      return walk(context.values, ir.path);
    case "scope":
      return walk(scopes.get(ir.scope.id), ir.path);
    case "scopeKey":
      return scopes.get(-ir.scope.id);
    case "builtin":
      return builtinValue(ir.name, context);
    case "hasApiVersion":
      return context.capabilities.apiVersions.includes(ir.apiVersion);
    case "include":
      return evaluateHelper(ir.helper, context);
    case "interpolate":
      return ir.parts.map((part) => (typeof part === "string" ? part : formatInterpolated(part, context, scopes))).join("");
    case "checksum":
      return checksumOf(ir.template, context);
    case "call":
      return evaluateCall(ir.fn, ir.args, context, scopes);
    default:
      return assertNever(ir, "expression");
  }
}

function formatInterpolated(ir: ExprIR, context: RenderContext, scopes: Scopes): string {
  const value = evaluateExpr(ir, context, scopes);
  return printsAsGoInteger(ir) ? String(goInt(value)) : goPrint(value);
}

function walk(root: unknown, path: readonly string[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== "object" || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function builtinValue(name: string, context: RenderContext): unknown {
  switch (name) {
    case "Release.Name": return context.release.name;
    case "Release.Namespace": return context.release.namespace;
    case "Release.Service": return context.release.service;
    case "Release.IsUpgrade": return context.release.isUpgrade;
    case "Release.IsInstall": return context.release.isInstall;
    case "Chart.Name": return context.chart.name;
    case "Chart.Version": return context.chart.version;
    case "Chart.AppVersion": return context.chart.appVersion;
    case "Capabilities.KubeVersion.Version": return context.capabilities.kubeVersion;
    default: throw new Error(`internal error: unknown builtin ${name}`);
  }
}

function evaluateCall(fn: string, args: readonly ExprIR[], context: RenderContext, scopes: Scopes): unknown {
  // and/or short-circuit and return an operand, as in Go 1.18+.
  if (fn === "and" || fn === "or") {
    let last: unknown;
    for (const arg of args) {
      last = evaluateExpr(arg, context, scopes);
      if (goTruthy(last) === (fn === "or")) return last;
    }
    return last;
  }
  const values = args.map((arg) => evaluateExpr(arg, context, scopes));
  const [a, b] = values;
  switch (fn) {
    case "eq": case "ne": case "lt": case "le": case "gt": case "ge":
      return goCompare(fn, a, b);
    case "not": return !goTruthy(a);
    case "empty": return !goTruthy(a);
    case "default": return goTruthy(b) ? b : a;
    case "required":
      if (b === undefined || b === null || b === "") throw new RenderError(String(a));
      return b;
    case "int": return goInt(a);
    case "float64": return goFloat(a);
    case "toJson": return a === undefined ? "null" : goJson(a);
    // Patterns the chart uses are in the common subset of RE2 and JavaScript regexps.
    case "regexFindAll": return [...String(b).matchAll(new RegExp(String(a), "g"))].map((match) => match[0]);
    case "uniq": return Array.isArray(a) ? a.filter((item, index) => a.findIndex((other) => goJson(other) === goJson(item)) === index) : [];
    case "fail": throw new RenderError(String(a));
    case "add": return values.reduce((sum: number, term) => sum + goInt(term), 0);
    case "len": return Array.isArray(a) || typeof a === "string" ? a.length : a !== null && typeof a === "object" ? Object.keys(a).length : 0;
    case "get": return a !== null && typeof a === "object" && Object.prototype.hasOwnProperty.call(a, String(b)) ? (a as Record<string, unknown>)[String(b)] : "";
    case "trunc": {
      const length = a as number;
      const text = goPrint(b);
      return length >= 0 ? text.slice(0, length) : text.slice(Math.max(0, text.length + length));
    }
    case "trimPrefix": return String(b).startsWith(String(a)) ? String(b).slice(String(a).length) : b;
    case "trimSuffix": return String(b).endsWith(String(a)) ? String(b).slice(0, String(b).length - String(a).length) : b;
    case "replace": return goPrint(values[2]).split(String(a)).join(String(b));
    case "lower": return String(a).toLowerCase();
    case "upper": return String(a).toUpperCase();
    case "contains": return String(b).includes(String(a));
    case "hasPrefix": return String(b).startsWith(String(a));
    case "hasKey": return a !== null && typeof a === "object" && Object.prototype.hasOwnProperty.call(a, String(b));
    case "semverCompare": return semverAtLeast(String(a), String(b));
    case "dict": {
      const result: Record<string, unknown> = {};
      // A missing value is Go's nil, which toJson writes as null (JavaScript would drop the key).
      for (let index = 0; index + 1 < values.length; index += 2) result[String(values[index])] = values[index + 1] ?? null;
      return result;
    }
    case "list": return values.map((value) => value ?? null);
    // sprig's ternary takes a bool; jsonObject only passes it one (see dsl/json.ts).
    case "ternary": return values[2] === true ? a : b;
    // A YAML helper's include already evaluates to its map; Go parses the helper's text.
    case "fromYaml": return a !== null && typeof a === "object" ? a : {};
    case "omit": {
      if (a === null || typeof a !== "object") return {};
      const omitted = new Set(values.slice(1).map(String));
      return Object.fromEntries(Object.entries(a).filter(([key]) => !omitted.has(key)));
    }
    case "merge": {
      const result: Record<string, unknown> = {};
      for (const source of values) mergeInto(result, source);
      return result;
    }
    default: throw new Error(`internal error: no evaluator for function ${fn}`);
  }
}

/**
 * sprig `merge` (mergo without override): a key keeps the first value that is not empty
 * in Go's sense; an empty one ("", 0, false, nil, {}) is replaced by a later source's, and
 * maps on both sides merge recursively.
 */
function mergeInto(target: Record<string, unknown>, source: unknown): void {
  if (source === null || typeof source !== "object" || Array.isArray(source)) return;
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    const bothMaps = [existing, value].every((item) => item !== null && typeof item === "object" && !Array.isArray(item));
    if (bothMaps && goTruthy(existing)) {
      const copy = { ...(existing as Record<string, unknown>) };
      mergeInto(copy, value);
      target[key] = copy;
    } else if (!(key in target) || !goTruthy(existing)) {
      target[key] = value;
    }
  }
}

// ---------------------------------------------------------------- nodes

/**
 * Evaluates a node as parsed YAML. A literal empty map or list is written `{}`/`[]`; one
 * whose conditional entries all vanished renders as a bare `key:` and so is null.
 */
export function evaluateNode(node: NodeIR, context: RenderContext, scopes: Scopes): unknown {
  switch (node.type) {
    case "scalar":
      return context.printedNumbers && typeof node.value === "number" ? readBackNumber(String(node.value)) : node.value;
    case "expr": {
      const value = valueAsRendered(node.expr, evaluateExpr(node.expr, context, scopes));
      return context.printedNumbers ? asPrinted(node.expr, value) : value;
    }
    case "toYaml":
      return printedData(normaliseYaml(evaluateExpr(node.expr, context, scopes)), context);
    case "text":
      return blockScalarValue(evaluateText(node.text, context, scopes));
    case "choose":
      return evaluateNode(goTruthy(evaluateExpr(node.cond, context, scopes)) ? node.then : node.otherwise, context, scopes);
    case "map": {
      if (node.entries.length === 0) return {};
      const result: Record<string, unknown> = {};
      evaluateEntries(node.entries, context, scopes, result);
      return Object.keys(result).length === 0 ? null : result;
    }
    case "seq": {
      if (node.items.length === 0) return [];
      const result: unknown[] = [];
      evaluateItems(node.items, context, scopes, result);
      return result.length === 0 ? null : result;
    }
    default:
      return assertNever(node, "node");
  }
}

function evaluateEntries(entries: readonly EntryIR[], context: RenderContext, scopes: Scopes, into: Record<string, unknown>): void {
  for (const entry of entries) {
    switch (entry.type) {
      case "entry":
        into[entry.key] = evaluateNode(entry.value, context, scopes);
        break;
      case "dynamicEntry":
        into[goPrint(evaluateExpr(entry.key, context, scopes))] = evaluateNode(entry.value, context, scopes);
        break;
      case "when":
        evaluateEntries(goTruthy(evaluateExpr(entry.cond, context, scopes)) ? entry.then : entry.otherwise, context, scopes, into);
        break;
      case "with":
      case "range":
        for (const inner of scopedBindings(entry, context, scopes)) evaluateEntries(entry.body, context, inner, into);
        break;
      case "spread": {
        const value = printedData(normaliseYaml(evaluateExpr(entry.expr, context, scopes)), context);
        if (value !== null && typeof value === "object" && !Array.isArray(value)) Object.assign(into, value);
        break;
      }
      default:
        assertNever(entry, "map entry");
    }
  }
}

function evaluateItems(items: readonly ItemIR[], context: RenderContext, scopes: Scopes, into: unknown[]): void {
  for (const item of items) {
    switch (item.type) {
      case "item":
        into.push(evaluateNode(item.value, context, scopes));
        break;
      case "when":
        evaluateItems(goTruthy(evaluateExpr(item.cond, context, scopes)) ? item.then : item.otherwise, context, scopes, into);
        break;
      case "with":
      case "range":
        for (const inner of scopedBindings(item, context, scopes)) evaluateItems(item.body, context, inner, into);
        break;
      case "spread": {
        const value = printedData(normaliseYaml(evaluateExpr(item.expr, context, scopes)), context);
        if (Array.isArray(value)) into.push(...value);
        break;
      }
      default:
        assertNever(item, "list item");
    }
  }
}

/** The scopes a `with` (once, when truthy) or a `range` (once per element) runs its body in. */
function scopedBindings(block: { type: "with" | "range"; scope: Scope; expr: ExprIR }, context: RenderContext, scopes: Scopes): Scopes[] {
  const value = evaluateExpr(block.expr, context, scopes);
  if (block.type === "with") return goTruthy(value) ? [bind(scopes, block.scope.id, value)] : [];
  return rangeEntries(value).map(([key, element]) => bindEntry(scopes, block.scope.id, key, element));
}

/** Go's range visits list elements in order (key = index) and map entries in key order. */
function rangeEntries(value: unknown): [unknown, unknown][] {
  if (Array.isArray(value)) return value.map((element, index) => [index, element]);
  if (value !== null && typeof value === "object") {
    return Object.keys(value).sort().map((key) => [key, (value as Record<string, unknown>)[key]]);
  }
  return [];
}

/** Keys are stored under the negated scope id, beside the value. */
function bindEntry(scopes: Scopes, id: number, key: unknown, value: unknown): Scopes {
  return new Map(scopes).set(id, value).set(-id, key);
}

function bind(scopes: Scopes, id: number, value: unknown): Scopes {
  return new Map(scopes).set(id, value);
}

/** What toYaml then YAML parsing gives back: JSON-like data with undefined dropped. */
function normaliseYaml(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value)) as unknown;
}

/**
 * A scalar action's value as Helm prints it: a Go integer in decimal, a float64 as fmt's %v
 * (2e+06), anything else through toJson.
 */
function asPrinted(ir: ExprIR, value: unknown): unknown {
  if (typeof value !== "number") return withJsonIntegers(value);
  if (printsAsGoInteger(ir)) return BigInt(goInt(value));
  return kindOf(ir) === "number" ? readBackNumber(goPrint(value)) : withJsonIntegers(value);
}

function printedData(value: unknown, context: RenderContext): unknown {
  return context.printedNumbers ? withJsonIntegers(value) : value;
}

/**
 * A missing value in a scalar position, as the emitted action renders it: `| quote` of nil
 * is empty (so YAML null), `| int` is 0, `| toJson` is null, and a bare action prints
 * "<no value>".
 */
function valueAsRendered(ir: ExprIR, value: unknown): unknown {
  if (value !== undefined && value !== null) return value;
  switch (kindOf(ir)) {
    case "string":
      return null;
    case "integer":
      return 0;
    case "number":
    case "boolean":
      return value === null ? "<nil>" : "<no value>";
    default:
      return null;
  }
}

// ---------------------------------------------------------------- text

interface OutputLine {
  readonly text: string;
  /** An empty line of template text: a following `{{-` action trims it away. */
  readonly trimmable: boolean;
}

/** Lines of text, modelling the `{{-` trimming of each control action (if/else/end/range/with). */
export function evaluateText(text: TextIR, context: RenderContext, scopes: Scopes): string[] {
  const out: OutputLine[] = [];
  renderLines(text, context, scopes, out);
  trimBeforeAction(out);
  return out.map((line) => line.text);
}

function trimBeforeAction(out: OutputLine[]): void {
  while (out.length > 0 && out[out.length - 1]!.trimmable) out.pop();
}

function renderLines(text: TextIR, context: RenderContext, scopes: Scopes, out: OutputLine[]): void {
  for (const line of text.lines) {
    switch (line.type) {
      case "line": {
        const rendered = renderLineParts(line.parts, context, scopes);
        out.push({ text: rendered, trimmable: line.parts.length === 0 });
        break;
      }
      case "block": {
        trimBeforeAction(out);
        const value = goPrint(evaluateExpr(line.expr, context, scopes)).replace(/\n$/, "");
        for (const text of value.split("\n")) out.push({ text: `${" ".repeat(line.indent)}${text}`, trimmable: false });
        break;
      }
      case "when": {
        trimBeforeAction(out);
        const chosen = goTruthy(evaluateExpr(line.cond, context, scopes));
        renderLines(chosen ? line.then : line.otherwise, context, scopes, out);
        trimBeforeAction(out);
        break;
      }
      case "with": {
        trimBeforeAction(out);
        const value = evaluateExpr(line.expr, context, scopes);
        if (goTruthy(value)) renderLines(line.body, context, bind(scopes, line.scope.id, value), out);
        trimBeforeAction(out);
        break;
      }
      case "range": {
        trimBeforeAction(out);
        for (const [key, element] of rangeEntries(evaluateExpr(line.expr, context, scopes))) {
          renderLines(line.body, context, bindEntry(scopes, line.scope.id, key, element), out);
          trimBeforeAction(out);
        }
        break;
      }
      default:
        assertNever(line, "text line");
    }
  }
}

function renderLineParts(parts: readonly LinePartIR[], context: RenderContext, scopes: Scopes): string {
  return parts
    .map((part) => {
      if (typeof part === "string") return part;
      if (!isInlinePart(part)) return formatInterpolated(part, context, scopes);
      if (part.type === "inlineWhen") {
        return renderLineParts(goTruthy(evaluateExpr(part.cond, context, scopes)) ? part.then : part.otherwise, context, scopes);
      }
      return rangeEntries(evaluateExpr(part.expr, context, scopes))
        .map(([key, element]) => renderLineParts(part.parts, context, bindEntry(scopes, part.scope.id, key, element)))
        .join("");
    })
    .join("");
}

/** A literal block scalar with clip chomping (`|`): trailing blank lines fold into one newline. */
export function blockScalarValue(lines: readonly string[]): string {
  const joined = lines.join("\n").replace(/\n+$/, "");
  return joined === "" ? "" : `${joined}\n`;
}

// ---------------------------------------------------------------- helpers and checksums

export function evaluateHelper(helper: HelperIR, outer: RenderContext): unknown {
  // An included helper is text a template goes on to use (fromYaml, toJson), not output.
  const context: RenderContext = { ...outer, printedNumbers: false };
  const scopes: Scopes = new Map();
  if ("lines" in helper.body) {
    // Inside define, every action is written with {{- so lines join with nothing between them.
    return evaluateText(helper.body, context, scopes).join("");
  }
  return evaluateNode(helper.body, context, scopes);
}

function checksumOf(fileName: string, context: RenderContext): string {
  const template = context.templates.get(fileName);
  if (!template) throw new Error(`internal error: checksumOf("${fileName}") names no template of the chart`);
  const [document] = evaluateTemplate(template, { ...context, printedNumbers: false });
  return sha256Hex(goJson(document ?? {}));
}
