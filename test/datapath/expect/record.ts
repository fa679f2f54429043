// The log record a request must produce, modelled independently of the chart: what each
// nginx variable holds for the request the test sent and the response it got. Values the
// test cannot know (times, request id) are checked against their format and range instead.
import type { Response } from "../rig/client.ts";
import { capped } from "./cap.ts";
import { cookie, header, type SentRequest } from "./request.ts";
import { offsetIn, possibleDates } from "./zone.ts";

export interface LogSettings {
  readonly timeZone: string;
  readonly fields: readonly { name: string; label?: string | undefined; nginx: string; truncate?: boolean | undefined }[];
  readonly cookies: readonly string[];
  readonly requestHeaders: readonly string[];
  readonly maxFieldLength: number;
}

/** Either the exact value, or a check of a value only nginx knows. */
export type Expected = { readonly exact: string } | { readonly check: (logged: string) => boolean; readonly what: string };

export type Exchange = { readonly request: SentRequest; readonly response: Response };

/** Every key of the line in order, with what it must hold; date last. */
export function expectedRecord(settings: LogSettings, { request, response }: Exchange): [key: string, expected: Expected][] {
  // A refused request line leaves nginx without any header either.
  const cap = (value: string | undefined) => (request.rejectedByNginx ? "" : capped(value ?? "", settings.maxFieldLength));
  const entries: [string, Expected][] = settings.fields.map((field) => {
    const expected = variable(field.nginx, settings, { request, response });
    return [field.name, field.truncate && "exact" in expected ? { exact: cap(expected.exact) } : expected];
  });
  for (const name of settings.cookies) entries.push([`cookie_${name}`, { exact: cap(cookie(request, name)) }]);
  for (const name of settings.requestHeaders) entries.push([`header_${name.toLowerCase().replaceAll("-", "_")}`, { exact: cap(header(request, name)) }]);
  const dates = possibleDates(settings.timeZone, response.sentAt, response.receivedAt);
  entries.push(["date", dates.length === 1 ? { exact: dates[0]! } : { check: (logged) => dates.includes(logged), what: `one of ${dates.join(", ")}` }]);
  return entries;
}

const TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([+-]\d{2}:\d{2})$/;

function variable(name: string, settings: LogSettings, { request, response }: Exchange): Expected {
  const line = (value: string): Expected => ({ exact: request.rejectedByNginx ? "" : value });
  const seconds = (response.receivedAt - response.sentAt) / 1000;
  const httpHeader = /^\$http_([a-z0-9_]+)$/.exec(name);
  if (httpHeader) return line(header(request, httpHeader[1]!.replaceAll("_", "-")) ?? "");
  switch (name) {
    case "$time_iso8601":
      return { check: (logged) => isRequestTime(logged, settings.timeZone, response), what: `ISO 8601 in ${settings.timeZone} during the request` };
    case "$host":
      return line((header(request, "Host") ?? "").replace(/:[0-9]+$/, "").toLowerCase());
    case "$request_method":
      return line(request.method);
    case "$request_uri":
      return line(request.target);
    case "$server_protocol":
      return line(request.version);
    case "$status":
      return { exact: String(response.status) };
    case "$body_bytes_sent":
      return { exact: String(response.body.length) };
    // An upper bound, not a timing: nginx reads a clock it caches once per event-loop turn
    // (src/core/ngx_times.c ngx_time_update) and rounds to ms, and the client's own timestamps
    // wait for its event loop; on a loaded machine the two differ by a few ms (a CI run logged
    // 0.006 for 0.003 measured). A wrong variable ($msec, $time_local…) is far outside it.
    case "$request_time":
      return { check: (logged) => /^\d+\.\d{3}$/.test(logged) && Number(logged) <= seconds + 0.05, what: `seconds with ms, at most ${seconds} + 0.05` };
    case "$upstream_response_time":
      return request.rejectedByNginx ? { exact: "" } : { check: (logged) => /^\d+\.\d{3}$/.test(logged), what: "seconds with ms" };
    case "$remote_addr":
      return { exact: "127.0.0.1" };
    case "$request_id":
      return { check: (logged) => /^[0-9a-f]{32}$/.test(logged), what: "32 hex digits" };
    default:
      throw new Error(`the data-path test has no model of the nginx variable ${name}: add one to expect/record.ts`);
  }
}

/** nginx's $time_iso8601: a second within the request, with the zone's offset at that instant. */
function isRequestTime(logged: string, zone: string, response: Response): boolean {
  const parts = TIME.exec(logged);
  if (!parts) return false;
  const instant = Date.parse(logged);
  const withinRequest = instant >= Math.floor(response.sentAt / 1000) * 1000 && instant <= response.receivedAt;
  return withinRequest && parts[7] === offsetIn(zone, instant);
}
