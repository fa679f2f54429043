// The evaluator's public face: render a template's IR with concrete values, as Helm would.
export { evaluateTemplate, evaluateHelper } from "./template.ts";
export { evaluateNode } from "./node.ts";
export { evaluateText, blockScalarValue } from "./text.ts";
export { evaluateExpr } from "./expression.ts";
export { RenderError, type RenderContext, type Scopes } from "./render-context.ts";
export { coalesceValues } from "./coalesce.ts";
