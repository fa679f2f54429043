// The JSON access-log line, rendered from the one field list in values.accessLog.
import { each, lines, tpl, when, type Text } from "../../compiler/index.ts";
import { headerFieldName, headerKey } from "../access-log/field-names.ts";
import { v } from "../values.ts";

/**
 * nginx `map`s that cap client-controlled values: a regex capture of at most N bytes (PCRE
 * without UTF mode counts bytes). It stops at the first tab, because fluent-bit writes
 * values raw and a tab would split the LTSV line, and the lookahead backs off so the cut
 * never ends inside a UTF-8 character (that would make the JSON line invalid UTF-8).
 * Quoted because the `{0,N}` braces would otherwise end the map block.
 */
const truncationMaps = lines(
  each(v.accessLog.fields, (field) =>
    when(
      field.truncate,
      lines(
        tpl`  map "${field.nginx}" $log_field_${field.name} {`,
        tpl`    "~^(?<log_capped_${field.name}>[^\\t]{0,${v.accessLog.maxFieldLength}}(?![\\x80-\\xbf]))" $log_capped_${field.name};`,
        "  }",
      ),
    ),
    { as: "field" },
  ),
  each(v.accessLog.cookies, (cookie) =>
    lines(
      tpl`  map $cookie_${cookie} $log_field_cookie_${cookie} {`,
      tpl`    "~^(?<log_capped_cookie_${cookie}>[^\\t]{0,${v.accessLog.maxFieldLength}}(?![\\x80-\\xbf]))" $log_capped_cookie_${cookie};`,
      "  }",
    ),
    { as: "cookie" },
  ),
  each(v.accessLog.requestHeaders, (header) =>
    lines(
      tpl`  map $http_${headerKey(header)} $log_field_header_${headerKey(header)} {`,
      tpl`    "~^(?<log_capped_header_${headerKey(header)}>[^\\t]{0,${v.accessLog.maxFieldLength}}(?![\\x80-\\xbf]))" $log_capped_header_${headerKey(header)};`,
      "  }",
    ),
    { as: "header" },
  ),
);

/**
 * The day of the request in nginx's time zone (TZ), from its own ISO 8601 time: this
 * names the output directory, so a request at 00:30 JST lands under that JST day.
 * No default: nginx always prints $time_iso8601 as "%4d-%02d-%02dT%02d:%02d:%02d%c%02i:%02i"
 * (src/core/ngx_times.c, ngx_time_update), so the pattern cannot miss.
 */
const dateMap = lines(
  "  map $time_iso8601 $log_date {",
  '    "~^(?<log_day>[0-9]{4}-[0-9]{2}-[0-9]{2})" $log_day;',
  "  }",
);

/**
 * log_format with escape=json: every field as "name":"value", then the date field last,
 * so the list needs no separator logic and the JSON always has the key fluent-bit files by.
 */
const logFormat = lines(
  "  log_format accesslog escape=json",
  "    '{'",
  each(v.accessLog.fields, (field) =>
    lines(when(field.truncate, lines(tpl`    '"${field.name}":"$log_field_${field.name}",'`), lines(tpl`    '"${field.name}":"${field.nginx}",'`))),
    { as: "field" },
  ),
  each(v.accessLog.cookies, (cookie) => lines(tpl`    '"cookie_${cookie}":"$log_field_cookie_${cookie}",'`), { as: "cookie" }),
  each(
    v.accessLog.requestHeaders,
    (header) => lines(tpl`    '"${headerFieldName(header)}":"$log_field_header_${headerKey(header)}",'`),
    { as: "header" },
  ),
  `    '"date":"$log_date"'`,
  "    '}';",
);

export const accessLogConfig: Text = lines(truncationMaps, dateMap, "", logFormat);
