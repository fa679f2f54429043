// The chart phase's public face: declare a chart, compile it to files, write them.
export { defineChart, defineCheck, defineNotes, defineTemplate, type ChartDefinition, type ChartMetadata, type DefinitionCheck, type TemplateDefinition } from "./define.ts";
export { standardHelpers } from "./standard-helpers.ts";
export { buildTemplates, compileChart, formatDiagnostic, type CompiledChart, type Diagnostic } from "./compile.ts";
export { isGenerated, listFiles, writeChart } from "./write.ts";
