// The symbolic values every resource definition reads from, and the chart's helpers.
import { standardHelpers, symbolicValues } from "../compiler/index.ts";
import { values } from "../values-schema/index.ts";

export const v = symbolicValues(values);
export const helpers = standardHelpers("ingressgateway-accesslog", v);
