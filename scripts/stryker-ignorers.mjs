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

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, "RangeVariableNames", {
    shouldIgnore: (path) => (isRangeNameOptions(path) ? "a range variable's name: the template renders the same whatever it is called" : undefined),
  }),
  declareValuePlugin(PluginKind.Ignore, "ConfigComments", {
    shouldIgnore: (path) => (isConfigCommentLine(path) ? "a comment line of a generated config file: the program skips it" : undefined),
  }),
];
