// @ts-check
// Stryker ignorers for mutants of resources/ that change nothing the chart does, so that no
// test could ever kill them. Each returns the reason Stryker records for the mutants it skips.
// Stryker loads plugins as JavaScript, hence .mjs.
import { declareValuePlugin, PluginKind } from "@stryker-mutator/api/plugin";

const LOOPS = new Set(["each", "eachEntry", "inlineEach"]);

/**
 * The `{ as: ... }` options of each/eachEntry/inlineEach name the range variable in the
 * generated template (`range $field := ...`); a template renders the same whatever its
 * variables are called (and the default from compiler/dsl/loops.ts, rangeVariableName, too).
 * @param {import("@babel/core").NodePath} path
 */
function isRangeNameOptions(path) {
  if (!path.isObjectExpression() || path.listKey !== "arguments") return false;
  const call = path.parentPath;
  if (!call?.isCallExpression()) return false;
  const callee = call.node.callee;
  if (callee.type !== "Identifier" || !LOOPS.has(callee.name)) return false;
  const [only, ...rest] = path.node.properties;
  return rest.length === 0 && only?.type === "ObjectProperty" && only.key.type === "Identifier" && only.key.name === "as";
}

/**
 * A whole comment line of a generated config file, `lines(..., "    # why", ...)`: nginx,
 * fluent-bit's classic format and Lua skip comments and blank lines alike, so emptying one
 * changes what a reader learns, never what the program does.
 * @param {import("@babel/core").NodePath} path
 */
function isConfigCommentLine(path) {
  if (!path.isStringLiteral() || !/^\s*(#|--)\s/.test(path.node.value) || path.listKey !== "arguments") return false;
  const call = path.parentPath;
  return call?.isCallExpression() === true && call.node.callee.type === "Identifier" && call.node.callee.name === "lines";
}

const HELPERS = new Set(["conditionHelper", "textHelper", "yamlHelper"]);

/**
 * What is computed inside the description of a named helper, `conditionHelper(name, `Whether
 * ${key} …`, cond)`: the emitter writes the description only as the template comment above
 * the helper's define in _helpers.tpl (compiler/emit/helpers-file.ts), which Helm skips. The
 * description as a whole is not ignored: an empty one fails the compile
 * (compiler/chart/collect-helpers.ts), and its mutant is killed so.
 * @param {import("@babel/core").NodePath} path
 */
function isInsideHelperDescription(path) {
  return path.findParent((parent) => isHelperDescription(parent)) !== null;
}

/** @param {import("@babel/core").NodePath} path */
function isHelperDescription(path) {
  if (!(path.isStringLiteral() || path.isTemplateLiteral()) || path.listKey !== "arguments" || path.key !== 1) return false;
  const call = path.parentPath;
  return call?.isCallExpression() === true && call.node.callee.type === "Identifier" && HELPERS.has(call.node.callee.name);
}

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, "RangeVariableNames", {
    shouldIgnore: (path) => (isRangeNameOptions(path) ? "a range variable's name: the template renders the same whatever it is called" : undefined),
  }),
  declareValuePlugin(PluginKind.Ignore, "HelperDescriptions", {
    shouldIgnore: (path) => (isInsideHelperDescription(path) ? "part of a named helper's description: a comment in _helpers.tpl, which Helm skips" : undefined),
  }),
  declareValuePlugin(PluginKind.Ignore, "ConfigComments", {
    shouldIgnore: (path) => (isConfigCommentLine(path) ? "a comment line of a generated config file: the program skips it" : undefined),
  }),
];
