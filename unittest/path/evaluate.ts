// Evaluating a parsed path against a document: every match, in document order, the way
// yaml-jsonpath's Find does. No match is an empty list (helm-unittest's "unknown path").
import { deepEqual, isYamlMap, type YamlValue } from "../go-yaml/value.ts";
import { compileGoRegexp } from "../go-regexp.ts";
import type { FilterExpression, FilterTerm, ParsedPath, PathStep, RelativePath } from "./syntax.ts";

export function evaluatePath(path: ParsedPath, document: YamlValue): YamlValue[] {
  return applySteps(path.steps, [document], document);
}

function applySteps(steps: readonly PathStep[], start: YamlValue[], root: YamlValue): YamlValue[] {
  let current = start;
  for (const step of steps) current = current.flatMap((node) => applyStep(step, node, root));
  return current;
}

function applyStep(step: PathStep, node: YamlValue, root: YamlValue): YamlValue[] {
  switch (step.kind) {
    case "child":
      return isYamlMap(node) ? step.names.filter((name) => Object.hasOwn(node, name)).map((name) => node[name]!) : [];
    case "wildcard":
      if (step.of === "mapping") return isYamlMap(node) ? Object.values(node) : [];
      return Array.isArray(node) ? node : [];
    case "descend":
      return descendants(node).flatMap((candidate) =>
        step.name === "*" ? [candidate] : isYamlMap(candidate) && Object.hasOwn(candidate, step.name) ? [candidate[step.name]!] : [],
      );
    case "index":
      if (!Array.isArray(node)) return [];
      return step.indices.flatMap((index) => {
        const at = index < 0 ? node.length + index : index;
        return at >= 0 && at < node.length ? [node[at]!] : [];
      });
    case "slice":
      return Array.isArray(node) ? sliceIndices(node.length, step).map((index) => node[index]!) : [];
    // helm-unittest's yaml-jsonpath fork (v0.4.0, pkg/yamlpath/path.go filterThen) filters
    // a sequence's items but a mapping itself, so `$[?(@.kind == "Role")]` tests the document.
    case "filter":
      if (Array.isArray(node)) return node.filter((candidate) => filterMatches(step.expression, candidate, root));
      return filterMatches(step.expression, node, root) ? [node] : [];
    default: {
      const unhandled: never = step;
      throw new Error(`unhandled path step ${JSON.stringify(unhandled)}`);
    }
  }
}

function children(node: YamlValue): YamlValue[] {
  if (Array.isArray(node)) return node;
  if (isYamlMap(node)) return Object.values(node);
  return [];
}

function descendants(node: YamlValue): YamlValue[] {
  return [node, ...children(node).flatMap(descendants)];
}

/** Python-style slices, which is what yaml-jsonpath implements. */
function sliceIndices(length: number, slice: { start?: number; end?: number; step?: number }): number[] {
  const step = slice.step ?? 1;
  const clamp = (value: number, low: number, high: number) => Math.min(Math.max(value, low), high);
  const normalise = (value: number) => (value < 0 ? value + length : value);
  const indices: number[] = [];
  if (step > 0) {
    const start = clamp(normalise(slice.start ?? 0), 0, length);
    const end = clamp(normalise(slice.end ?? length), 0, length);
    for (let i = start; i < end; i += step) indices.push(i);
  } else {
    const start = clamp(normalise(slice.start ?? length - 1), -1, length - 1);
    const end = slice.end === undefined ? -1 : clamp(normalise(slice.end), -1, length - 1);
    for (let i = start; i > end; i += step) indices.push(i);
  }
  return indices;
}

function filterMatches(expression: FilterExpression, current: YamlValue, root: YamlValue): boolean {
  switch (expression.kind) {
    case "and":
      return filterMatches(expression.left, current, root) && filterMatches(expression.right, current, root);
    case "or":
      return filterMatches(expression.left, current, root) || filterMatches(expression.right, current, root);
    case "not":
      return !filterMatches(expression.operand, current, root);
    case "exists":
      return relative(expression.path, current, root).length > 0;
    case "match": {
      const pattern = compileGoRegexp(expression.pattern);
      return termValues(expression.left, current, root).some((value) => typeof value === "string" && pattern.test(value));
    }
    case "compare": {
      const left = termValues(expression.left, current, root);
      const right = termValues(expression.right, current, root);
      if (expression.operator === "!=") return left.length > 0 && right.length > 0 && !left.some((l) => right.some((r) => scalarEqual(l, r)));
      return left.some((l) => right.some((r) => compare(expression.operator, l, r)));
    }
  }
}

function relative(path: RelativePath, current: YamlValue, root: YamlValue): YamlValue[] {
  return applySteps(path.steps, [path.root === "@" ? current : root], root);
}

function termValues(term: FilterTerm, current: YamlValue, root: YamlValue): YamlValue[] {
  return term.kind === "literal" ? [term.value] : relative(term.path, current, root);
}

/** Scalars compare by their YAML text, so `@.port == '80'` matches the number 80. */
function scalarEqual(left: YamlValue, right: YamlValue): boolean {
  if (typeof left === "object" || typeof right === "object") return deepEqual(left, right);
  if (typeof left === "number" && typeof right === "number") return left === right;
  return String(left) === String(right);
}

function compare(operator: string, left: YamlValue, right: YamlValue): boolean {
  if (operator === "==") return scalarEqual(left, right);
  if (typeof left !== "number" || typeof right !== "number") return false;
  switch (operator) {
    case "<":
      return left < right;
    case "<=":
      return left <= right;
    case ">":
      return left > right;
    default:
      return left >= right;
  }
}
