// The awkward requests every value set sends. Long values are longer than any
// maxFieldLength the tests use, and built so both 64 and 2048 fall inside a character.
import type { SentRequest } from "./expect/request.ts";

const HOST = "gateway.example.com";
const get = (name: string, target: string, headers: SentRequest["headers"] = [], host = HOST): SentRequest => ({ name, method: "GET", target, version: "HTTP/1.1", headers: [["Host", host], ...headers] });
const call = (method: string, target: string, body?: string): SentRequest => ({ name: `${method} with${body === undefined ? "out" : ""} a body`, method, target, version: "HTTP/1.1", headers: [["Host", HOST]], ...(body === undefined ? {} : { body }) });

export const CATALOGUE: readonly SentRequest[] = [
  get("plain GET with User-Agent, Referer, cookies and X-Request-Id", "/", [
    ["User-Agent", "Mozilla/5.0 (X11; Linux x86_64)"],
    ["Referer", "https://referrer.example/page?x=1"],
    ["Cookie", "session=abc123; other=zzz"],
    ["X-Request-Id", "req-0001"],
  ]),
  get("quotes and backslashes in path, query and headers", String.raw`/q/"quoted"/back\slash/?a="b"&c=\\d`, [
    ["User-Agent", 'agent "with quotes" and \\backslashes\\'],
    ["Referer", String.raw`https://r.example/"x"\y`],
    ["Cookie", String.raw`session="quoted\value"`],
    ["X-Request-Id", String.raw`"\"`],
  ]),
  get("raw UTF-8 in path and headers", "/日本語/ページ?q=東京&e=ünïcödé", [
    ["User-Agent", "ブラウザ/1.0 (ünïcödé) 🚀"],
    ["Referer", "https://例え.jp/パス"],
    ["Cookie", "session=セッション"],
    ["X-Request-Id", "要求-🚀"],
  ]),
  get("percent-encoded UTF-8 and quotes", "/%E6%97%A5%E6%9C%AC?q=%22x%22"),
  get("a URI longer than maxFieldLength", `/long/${"日".repeat(1000)}`),
  get("a cookie, User-Agent and X-Request-Id longer than maxFieldLength", "/long-headers", [
    ["User-Agent", `u${"é".repeat(2000)}`],
    ["Cookie", `other=1; session=x${"é".repeat(2500)}`],
    ["X-Request-Id", `id-${"🚀".repeat(1000)}`],
  ]),
  get("no User-Agent and no Referer", "/bare"),
  get("Host with a port, X-Forwarded-For and -Proto from a proxy in front", "/behind-proxy", [
    ["X-Forwarded-For", "203.0.113.7, 198.51.100.2"],
    ["X-Forwarded-Proto", "https"],
  ], "WWW.Example.COM:8443"),
  get("a control character and a tab (an LTSV label injection) in the User-Agent", "/tab", [["User-Agent", "curl/8.5\u0001ctl\tstatus:200"]]),
  call("POST", "/api/items", '{"name":"x","note":"\\"quoted\\""}'),
  call("PUT", "/api/items/1", "replacement"),
  call("PATCH", "/api/items/1", "patch"),
  call("DELETE", "/api/items/1"),
  call("OPTIONS", "/api/items"),
  call("HEAD", "/"),
  { ...get("HTTP/1.0", "/old-client"), version: "HTTP/1.0" },
  get("Envoy answers 404", "/status/404"),
  get("Envoy answers 500", "/status/500"),
  { ...get("a request line nginx refuses (raw tab in the target)", "/a\tb"), rejectedByNginx: true },
  { ...get("Envoy is down", "/while-envoy-is-down"), envoyDown: true },
];
