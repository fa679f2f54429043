// The value sets the data path is run with: the defaults, and the knobs that change what a
// log line holds, how it is dated and where it is written.
export const VALUE_SETS = [
  { name: "defaults (Asia/Tokyo, LTSV, a directory per day)", values: {} },
  {
    name: "UTC, cookie session and header X-Request-Id logged, 64-byte fields, a file per day",
    values: { accessLog: { timeZone: "UTC", cookies: ["session"], requestHeaders: ["x-request-id"], maxFieldLength: 64, output: { layout: "filePerDay" } } },
  },
  {
    // UTC+14: its date differs from UTC's for 14 hours of every day.
    name: "JSON lines in Pacific/Kiritimati, header X-Request-Id logged",
    values: { accessLog: { timeZone: "Pacific/Kiritimati", requestHeaders: ["x-request-id"], output: { format: "json" } } },
  },
];

/** Only for `nginx -t`: the directives these add are not on the logging path. */
export const CONFIG_ONLY_VALUE_SETS = [
  { name: "PROXY protocol and trusted proxies", values: { nginx: { proxyProtocol: true, realIp: { trustedCidrs: ["10.0.0.0/8", "fd00::/8"] } } } },
  { name: "no upstream keepalive, snippets", values: { nginx: { upstream: { keepalive: 0 }, httpSnippet: "gzip on;", serverSnippet: "location = /robots.txt { return 204; }" } } },
];
