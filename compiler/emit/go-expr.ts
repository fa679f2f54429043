// Expressions → Go template pipelines, written the way a Helm author would:
// `.Values.image.tag | quote`, `gt (int .Values.replicas) 1`, `include "x.fullname" .`.
import type { CallIR, ExprIR, Scope } from "../ir/types.ts";
import { assertNever } from "../ir/types.ts";
import { kindOf } from "../ir/kinds.ts";
import { CALL_SYNTAX } from "./call-syntax.ts";
import { foldedLiteralText, goFloatLiteral, goNumberLiteral, needsIntPipe } from "./integers.ts";

/** Which scopes are open where an expression is emitted, and which one owns `.`. */
export interface EmitScope {
  readonly open: ReadonlyMap<number, Scope>;
  /** The `with`/`range` scope `.` is bound to, or null when `.` is the root context. */
  readonly dotOwner: number | null;
  /** Where to report an unusable reference. */
  readonly where: string;
}

export const ROOT_SCOPE: EmitScope = { open: new Map(), dotOwner: null, where: "" };

export function enterScope(outer: EmitScope, scope: Scope): EmitScope {
  return { open: new Map(outer.open).set(scope.id, scope), dotOwner: scope.id, where: outer.where };
}

export { EmitError } from "./emit-error.ts";
import { EmitError } from "./emit-error.ts";


function root(scope: EmitScope): string {
  return scope.dotOwner === null ? "." : "$.";
}

function fieldPath(base: string, path: readonly string[]): string {
  let result = base;
  for (const key of path) {
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
      result = result === "." ? `.${key}` : `${result}.${key}`;
    } else {
      result = `(index ${result} ${goString(key)})`;
    }
  }
  return result;
}

export function goString(text: string): string {
  // JSON string syntax is a subset of Go's interpreted string literal syntax.
  return JSON.stringify(text);
}

/** A pipeline usable on its own inside {{ }}. */
export function emitPipeline(ir: ExprIR, scope: EmitScope): string {
  switch (ir.op) {
    case "literal":
      if (ir.value === null) return "nil";
      if (typeof ir.value === "number") return goNumberLiteral(ir.value);
      return typeof ir.value === "string" ? goString(ir.value) : String(ir.value);
    case "values":
      return fieldPath(`${root(scope)}Values`, ir.path);
    case "scope": {
      const owner = scope.open.get(ir.scope.id);
      if (!owner) throw new EmitError(`${scope.where}a ${ir.scope.kind} variable is used outside the each/withValue that defines it`);
      if (owner.kind === "range") return fieldPath(`$${owner.name}`, ir.path);
      if (scope.dotOwner !== owner.id) {
        throw new EmitError(`${scope.where}a withValue(...) value is used inside a nested withValue/each, where "." means something else; refer to the value directly (v.…) instead`);
      }
      return ir.path.length === 0 ? "." : fieldPath(".", ir.path);
    }
    case "scopeKey": {
      if (!scope.open.has(ir.scope.id) || !ir.scope.keyName) throw new EmitError(`${scope.where}an eachEntry key is used outside the eachEntry that defines it`);
      return `$${ir.scope.keyName}`;
    }
    case "builtin":
      return `${root(scope)}${ir.name}`;
    case "hasApiVersion":
      return `${root(scope)}Capabilities.APIVersions.Has ${goString(ir.apiVersion)}`;
    case "include":
      return `include ${goString(ir.helper.name)} ${scope.dotOwner === null ? "." : "$"}`;
    case "checksum":
      // Hashes the parsed document, not its bytes, so the TypeScript evaluation can
      // compute the same value and whitespace-only changes do not roll the pods.
      return `include (print $.Template.BasePath ${goString(`/${ir.template}`)}) $ | fromYaml | toJson | sha256sum`;
    case "file":
      return `${root(scope)}Files.Get ${goString(ir.path)}`;
    case "interpolate":
      return emitInterpolation(ir.parts, scope);
    case "call":
      return emitCall(ir, scope);
    default:
      return assertNever(ir, "expression");
  }
}

/** An expression as an argument of a function: parenthesised unless it is a single term. */
export function emitArgument(ir: ExprIR, scope: EmitScope): string {
  const text = emitPipeline(ir, scope);
  if (ir.op === "literal") return text;
  if (ir.op === "call" && ir.args.length === 0) return `(${text})`;
  return /^[^\s()]+$/.test(text) || /^\(index [^()]*\)$/.test(text) ? text : `(${text})`;
}

function emitCall({ fn, args }: CallIR, scope: EmitScope): string {
  const syntax = CALL_SYNTAX[fn];
  if (syntax === "comparison") return `${fn} ${args.map((arg) => emitComparand(arg, args, scope)).join(" ")}`;
  if (syntax === "piped" && args.length > 0) {
    const subject = args[args.length - 1]!;
    const rest = args.slice(0, -1).map((arg) => emitArgument(arg, scope));
    const head = emitPipeline(subject, scope);
    const bare = subject.op !== "call" || CALL_SYNTAX[subject.fn] === "piped" || CALL_SYNTAX[subject.fn] === "pipelineHead";
    return [bare ? head : `(${head})`, [fn, ...rest].join(" ")].join(" | ");
  }
  return [fn, ...args.map((arg) => emitArgument(arg, scope))].join(" ");
}

/**
 * Go's eq/lt refuse to compare an int with a float64, and Helm hands numbers from values
 * files over as float64 but from --set as int64: integers are compared through `int`.
 */
function emitComparand(arg: ExprIR, all: readonly ExprIR[], scope: EmitScope): string {
  const numeric = all.some((item) => kindOf(item) === "integer" || kindOf(item) === "number");
  if (!numeric) return emitArgument(arg, scope);
  const floating = all.some((item) => kindOf(item) === "number");
  // null is Go's nil, a string stays quoted: only number literals are converted.
  if (arg.op === "literal") return typeof arg.value !== "number" ? emitPipeline(arg, scope) : floating ? goFloatLiteral(arg.value) : goNumberLiteral(arg.value);
  // Already converted (toFloat/toInt): converting again would only add noise.
  if (arg.op === "call" && arg.fn === (floating ? "float64" : "int")) return emitArgument(arg, scope);
  return `(${floating ? "float64" : "int"} ${emitArgument(arg, scope)})`;
}

function emitInterpolation(parts: readonly (string | ExprIR)[], scope: EmitScope): string {
  const folded = (part: string | ExprIR): string | null => (typeof part === "string" ? part : part.op === "literal" ? foldedLiteralText(part.value) : null);
  if (parts.every((part) => folded(part) !== null)) return goString(parts.map(folded).join(""));
  if (parts.length === 1) return emitStringified(parts[0] as ExprIR, scope);
  let format = "";
  const args: string[] = [];
  for (const part of parts) {
    const text = folded(part);
    if (text !== null) {
      // Literals join the format string: `printf "chown 65532:%d"`, not `printf "chown %v:%d" 65532`.
      format += text.replace(/%/g, "%%");
    } else if (typeof part !== "string" && needsIntPipe(part)) {
      format += "%d";
      args.push(`(int ${emitArgument(part, scope)})`);
    } else {
      const expr = part as ExprIR;
      format += kindOf(expr) === "string" ? "%s" : "%v";
      args.push(emitArgument(expr, scope));
    }
  }
  return `printf ${goString(format)} ${args.join(" ")}`;
}

function emitStringified(ir: ExprIR, scope: EmitScope): string {
  if (needsIntPipe(ir)) return `${emitPipeline(ir, scope)} | int | toString`;
  return kindOf(ir) === "string" ? emitPipeline(ir, scope) : `${emitPipeline(ir, scope)} | toString`;
}

/** An expression printed inside text (a config file line): integers through `| int`. */
export function emitInlineAction(ir: ExprIR, scope: EmitScope): string {
  const pipeline = emitPipeline(ir, scope);
  return needsIntPipe(ir) ? `{{ ${pipeline} | int }}` : `{{ ${pipeline} }}`;
}

/** An expression as a YAML scalar value: strings quoted, integers through `int`, structures as JSON. */
export function emitValueAction(ir: ExprIR, scope: EmitScope): string {
  const pipeline = emitPipeline(ir, scope);
  const kind = kindOf(ir);
  switch (kind) {
    case "string":
      return `{{ ${pipeline} | quote }}`;
    case "integer":
      return ir.op === "call" && ir.fn === "int" ? `{{ ${pipeline} }}` : `{{ ${pipeline} | int }}`;
    case "number":
    case "boolean":
      return `{{ ${pipeline} }}`;
    case "object":
    case "array":
    case "unknown":
      return `{{ ${pipeline} | toJson }}`;
    default:
      return assertNever(kind, "value kind");
  }
}
