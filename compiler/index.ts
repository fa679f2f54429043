// The compiler's public API: write chart definitions with these, compile with the CLI.
export {
  add, and, capabilities, chart, chartFile, checksumOf, contains, defaultTo, eq, fail, ge, gt, hasKey, isEmpty, jsonText, le, lengthOf, lookup, lower, lt, ne, not, or,
  listOf, regexFindAll, release, replaceAll, required, toFloat, toInt, tpl, trimPrefix, trimSuffix, truncate, unique,
  type Expr, type ExprLike, type Sym,
  conditionHelper, each, eachEntry, mergeMaps, entry, ifElse, inlineEach, inlineWhen, line, indentedBlock, lines, spreadItems, spreadYaml, textHelper, toYaml, unless, when, withValue, yamlHelper, type Text, type YamlHelper,
  jsonObject, symbolicValues, differsFromDefault, resource, type Templated, DefinitionError,
} from "./dsl/index.ts";
export {
  defineChart, defineCheck, defineNotes, defineTemplate, standardHelpers, compileChart, formatDiagnostic,
  type ChartDefinition, type ChartMetadata, type DefinitionCheck, type TemplateDefinition, type CompiledChart, type Diagnostic,
} from "./chart/index.ts";
export { evaluateTemplate, RenderError, type RenderContext } from "./evaluate/index.ts";
export { defaultValues, renderValuesSchema } from "./values/index.ts";
