// The emitter's public face: IR → Go-template files of the chart.
export { emitTemplateFile } from "./template-file.ts";
export { emitHelpersFile } from "./helpers-file.ts";
export { EmitError } from "./emit-error.ts";
