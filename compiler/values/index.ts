// The values phase's public face: the zod schema → values.yaml, values.schema.json and the
// README's values table.
export { findNonRe2Patterns, findUnappliedDefaults, renderValuesSchema } from "./json-schema.ts";
export { defaultValues, leafPaths, renderValuesYaml } from "./values-yaml.ts";
export { renderChartReadme, type ReadmeSource } from "./values-table.ts";
export { unwrapSchema } from "./unwrap-schema.ts";
