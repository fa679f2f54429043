// accesslog-envoy.lua for fluent-bit's Lua filter in Envoy mode: the ACCESSLOG table the
// values define (the fields in order and how each of Envoy's values becomes nginx's text),
// then the static library that rebuilds nginx's record and JSON line from Envoy's record.
import { readFileSync } from "node:fs";
import { chartFile, defaultTo, each, indentedBlock, inlineWhen, line, lines, lookup, tpl, type Expr, type Text } from "../../compiler/index.ts";
import { envoyEquivalentsBy } from "../access-log/envoy-fields.ts";
import { headerFieldName } from "../access-log/field-names.ts";
import { FLUENT_BIT_ENVOY_LUA } from "../paths.ts";
import { v } from "../values.ts";

/** The library, a real Lua file so that tests run it with luajit as it ships. */
export const ENVOY_LUA_LIBRARY = readFileSync(new URL("./accesslog-envoy.lua", import.meta.url), "utf8");

const CONVERSIONS = envoyEquivalentsBy("convert");

/**
 * How a field without its own envoy operator converts Envoy's value. Its nginx variable is in
 * the table: otherwise the EnvoyFilter rendered beside this file has already failed the render
 * (envoy/access-log.ts, fieldEnvoyOperator), so no default is needed.
 */
const conversionOf = (field: { nginx: Expr<string> }): Expr<string> => lookup(CONVERSIONS, field.nginx) as Expr<string>;

const accessLogTable: Text = lines(
  "-- Generated from the chart's values: the fields of every line, in order.",
  "ACCESSLOG = {",
  tpl`  max_field_length = ${v.accessLog.maxFieldLength},`,
  "  fields = {",
  each(
    v.accessLog.fields,
    (field) =>
      lines(
        line(
          tpl`    { name = "${field.name}", convert = "`,
          inlineWhen(field.envoy, "text", conversionOf(field)),
          '"',
          inlineWhen(field.truncate, ", truncate = true"),
          " },",
        ),
      ),
    { as: "field" },
  ),
  each(v.accessLog.cookies, (cookie) => lines(tpl`    { name = "cookie_${cookie}", convert = "cookie", cookie = "${cookie}", truncate = true },`), { as: "cookie" }),
  each(
    v.accessLog.requestHeaders,
    (header) => lines(tpl`    { name = "${headerFieldName(header)}", convert = "text", truncate = true },`),
    { as: "header" },
  ),
  "  },",
  "}",
  "",
);

/** The library ships as a chart file (files/), read with `.Files.Get` after the table. */
const library = chartFile(`files/${FLUENT_BIT_ENVOY_LUA}`, ENVOY_LUA_LIBRARY);

// Stryker disable next-line BooleanLiteral,ObjectLiteral: the blank line between the generated table and the library is for a reader of the ConfigMap; Lua skips it.
export const envoyLua: Text = lines(accessLogTable, indentedBlock(library, 0, { keepBlankLineBefore: true }));
