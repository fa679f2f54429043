// Expressions → values, with Go template and sprig semantics.
import type { Builtin, ExprIR } from "../ir/types.ts";
import { assertNever } from "../ir/types.ts";
import { CALL_EVALUATORS } from "./calls.ts";
import { goInt, goPrint } from "./go-semantics.ts";
import { printsAsGoInteger } from "./go-types.ts";
import type { RenderContext, Scopes } from "./render-context.ts";
import { checksumOf, evaluateHelper } from "./template.ts";

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
    case "file":
      return ir.content;
    case "call":
      return CALL_EVALUATORS[ir.fn](ir.args, (arg) => evaluateExpr(arg, context, scopes));
    default:
      return assertNever(ir, "expression");
  }
}

/** A value printed into text: Go integers in decimal, anything else as fmt's %v. */
export function formatInterpolated(ir: ExprIR, context: RenderContext, scopes: Scopes): string {
  return formatValue(ir, evaluateExpr(ir, context, scopes));
}

/**
 * A value printed by an action of its own in a line of text (`{{ x }}`): a nil or missing
 * value prints text/template's "<no value>", which Helm erases from the rendered output
 * (pkg/engine/engine.go, render), so nothing; an integer goes through `| int`, so 0.
 */
export function formatAction(ir: ExprIR, context: RenderContext, scopes: Scopes): string {
  const value = evaluateExpr(ir, context, scopes);
  return (value === undefined || value === null) && !printsAsGoInteger(ir) ? "" : formatValue(ir, value);
}

function formatValue(ir: ExprIR, value: unknown): string {
  // Every digit: String() rounds integers above 2^53, which Go prints exactly.
  return printsAsGoInteger(ir) ? BigInt(goInt(value)).toString() : goPrint(value);
}

function walk(root: unknown, path: readonly string[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== "object" || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function builtinValue(name: Builtin, context: RenderContext): unknown {
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
    default: return assertNever(name, "builtin");
  }
}

