// Names of the fields the chart derives from the values' lists, shared by nginx's
// log_format, fluent-bit's template and Envoy's record.
import { lower, replaceAll, tpl, type Expr } from "../../compiler/index.ts";

/** The JSON key (without its header_ prefix) of a logged request header: lower case, - as _. */
export const headerKey = (header: Expr<string>): Expr<string> => replaceAll(lower(header), "-", "_");

/** The field a logged request header is written as: header_<name>. */
export const headerFieldName = (header: Expr<string>): Expr<string> => tpl`header_${headerKey(header)}`;
