// The DSL's public face: what chart definitions are written with.
export {
  add, and, capabilities, chart, chartFile, checksumOf, contains, defaultTo, eq, exprIR, fail, ge, gt, hasKey, isEmpty, isExpr, jsonText, le, lengthOf, lookup, lower, lt, ne, not, or,
  listOf, regexFindAll, release, replaceAll, required, toFloat, toInt, tpl, trimPrefix, trimSuffix, truncate, unique,
  type Expr, type ExprLike, type Sym,
} from "./expr.ts";
export { ifElse, unless, when } from "./conditionals.ts";
export { each, eachEntry, entry, type EachEntryOptions, type EachOptions } from "./loops.ts";
export { withValue } from "./with-value.ts";
export { spreadItems, spreadYaml, toYaml } from "./free-form.ts";
export { indentedBlock, inlineEach, inlineWhen, line, lines, type Inline, type InlinePart, type LinePart } from "./text.ts";
export { conditionHelper, textHelper, yamlHelper, type YamlHelper } from "./helpers.ts";
export { mergeMaps } from "./merge-maps.ts";
export { isText, type Text } from "./markers.ts";
export { toNodeIR } from "./to-ir.ts";
export { jsonObject } from "./json.ts";
export { symbolicValues } from "./symbolic.ts";
export { differsFromDefault } from "./defaults.ts";
export { resource, type Templated } from "./templated.ts";
export { callerLocation, collectDefinitionErrors, DefinitionError } from "./location.ts";
