// Behaviours of Go's standard library that the compiler and the helm-unittest runner both
// reproduce; neither product imports the other for them.
export { goFormatFloat } from "./format-float.ts";
