// @ts-check
// A Stryker ignorer for the `{ as: ... }` options of each/eachEntry/inlineEach in resources/:
// they name the range variable in the generated template (`range $field := ...`), and a
// template renders the same whatever its variables are called, so every mutant of them is
// equivalent (the default name from compiler/dsl/loops.ts, rangeVariableName, renders the
// same too). Left in, they counted as survivors no test could ever kill.
// Stryker runs plugins as JavaScript, hence .mjs.
import { declareValuePlugin, PluginKind } from "@stryker-mutator/api/plugin";

const LOOPS = new Set(["each", "eachEntry", "inlineEach"]);

/** @param {import("@babel/core").NodePath} path */
function isRangeNameOptions(path) {
  if (!path.isObjectExpression() || path.listKey !== "arguments") return false;
  const call = path.parentPath;
  if (!call?.isCallExpression()) return false;
  const callee = call.node.callee;
  if (callee.type !== "Identifier" || !LOOPS.has(callee.name)) return false;
  const [only, ...rest] = path.node.properties;
  return rest.length === 0 && only?.type === "ObjectProperty" && only.key.type === "Identifier" && only.key.name === "as";
}

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, "RangeVariableNames", {
    shouldIgnore: (path) => (isRangeNameOptions(path) ? "a range variable's name: the template renders the same whatever it is called" : undefined),
  }),
];
