// The one mapping between the log fields' nginx variables and Envoy's command operators.
// A field names its value once, as an nginx variable; in Envoy mode the chart takes the
// operator that gives the same value from this table, and the conversion fluent-bit's Lua
// filter (accesslog-envoy.lua) applies so the line is byte-for-byte what nginx would write.
// Operators: https://www.envoyproxy.io/docs/envoy/latest/configuration/observability/access_log/usage
// (see docs/envoy-access-log-notes.md for the differences that remain).

/** How accesslog-envoy.lua turns Envoy's typed value into nginx's text. */
export type EnvoyConversion = "text" | "number" | "seconds_from_ms" | "local_time" | "host" | "protocol" | "forwarded_for";

export interface EnvoyEquivalent {
  /** Envoy command operator(s) giving the value. */
  readonly envoy: string;
  readonly convert: EnvoyConversion;
  /** What still differs from nginx, for the README. */
  readonly caveat?: string;
}

export const ENVOY_EQUIVALENTS = {
  // Epoch seconds with milliseconds: the Lua filter prints it in accessLog.timeZone as nginx does.
  $time_iso8601: { envoy: "%START_TIME(%s.%3f)%", convert: "local_time" },
  $host: { envoy: "%REQ(:AUTHORITY)%", convert: "host", caveat: "the Host header lower-cased without its port; nginx falls back to the request line's host and the server name" },
  $request_method: { envoy: "%REQ(:METHOD)%", convert: "text" },
  // Not %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% (Istio's default format): Envoy sets that header only
  // when a route rewrites the path and passes a client's own through untouched, so a client could
  // choose the logged uri (docs/envoy-access-log-notes.md, "uri").
  $request_uri: {
    envoy: "%REQ(:PATH)%",
    convert: "text",
    caveat: "the path with its query as Envoy routes it: after Envoy's path normalisation (Istio's meshConfig.pathNormalization) and after a VirtualService rewrite. Not the client-controllable x-envoy-original-path header, which Envoy passes through from the client whenever no rewrite replaces it",
  },
  $server_protocol: { envoy: "%PROTOCOL%", convert: "protocol" },
  $status: { envoy: "%RESPONSE_CODE%", convert: "number", caveat: "0 when the client went away before a response (nginx logs 499)" },
  $body_bytes_sent: { envoy: "%BYTES_SENT%", convert: "number" },
  $request_time: { envoy: "%DURATION%", convert: "seconds_from_ms", caveat: "Envoy measures whole milliseconds" },
  $upstream_response_time: { envoy: "%COMMON_DURATION(US_TX_BEG:US_RX_END:ms)%", convert: "seconds_from_ms", caveat: "from the first byte sent upstream to the last byte received; one value even after retries" },
  $http_user_agent: { envoy: "%REQ(USER-AGENT)%", convert: "text" },
  $http_referer: { envoy: "%REQ(REFERER)%", convert: "text" },
  $remote_addr: { envoy: "%DOWNSTREAM_REMOTE_ADDRESS_WITHOUT_PORT%", convert: "text", caveat: "the client address after gateway.numTrustedProxies hops of X-Forwarded-For" },
  // Envoy logs the header after it appended the peer (use_remote_address, which Istio sets on
  // gateway listeners); forwarded_for drops that entry again, so the value is nginx's.
  $http_x_forwarded_for: {
    envoy: "%REQ(X-FORWARDED-FOR)%",
    convert: "forwarded_for",
    caveat: "the header as the client sent it: fluent-bit drops the peer address Envoy appends (use_remote_address); several X-Forwarded-For lines arrive joined with a comma without a space",
  },
  $request_id: { envoy: "%REQ(X-REQUEST-ID)%", convert: "text", caveat: "Envoy's x-request-id (a UUID), not nginx's 32 hex digits" },
  // TLS of the client's connection, when Envoy ends it (a Gateway server's tls.credentialName).
  // Envoy's usage.rst: %DOWNSTREAM_TLS_VERSION% "e.g. TLSv1.2, TLSv1.3", as OpenSSL names them
  // for nginx's $ssl_protocol; %DOWNSTREAM_TLS_CIPHER% "the OpenSSL name" of the suite.
  // No equivalent of $ssl_client_verify: a field with it needs its own envoy: operator.
  $ssl_protocol: { envoy: "%DOWNSTREAM_TLS_VERSION%", convert: "text", caveat: "empty on plain HTTP, as nginx's" },
  $ssl_cipher: { envoy: "%DOWNSTREAM_TLS_CIPHER%", convert: "text", caveat: "BoringSSL's name of the suite, which is OpenSSL's for the suites both offer" },
  $ssl_server_name: { envoy: "%REQUESTED_SERVER_NAME%", convert: "text", caveat: "the SNI the client sent; empty without one, as nginx's" },
  $ssl_client_s_dn: { envoy: "%DOWNSTREAM_PEER_SUBJECT%", convert: "text", caveat: "the client certificate's subject (RFC 2253), only when the Gateway asks for client certificates (tls.mode MUTUAL)" },
} as const satisfies Record<string, EnvoyEquivalent>;

/** One property of every equivalent, keyed by nginx variable: a table a template can look up. */
export function envoyEquivalentsBy<K extends keyof EnvoyEquivalent>(property: K): Record<string, EnvoyEquivalent[K]> {
  return Object.fromEntries(Object.entries(ENVOY_EQUIVALENTS).map(([nginx, equivalent]: [string, EnvoyEquivalent]) => [nginx, equivalent[property]]));
}

/** Envoy's operator for a request header, as nginx's $http_<name> reads it. */
export const envoyRequestHeader = (header: string): string => `%REQ(${header})%`;

/** The record key that carries the whole Cookie header to the Lua filter, which picks the cookies. */
export const ENVOY_COOKIE_KEY = "_cookie";
/**
 * The record key with %RESPONSE_CODE_DETAILS%: it tells the Lua filter whether Envoy answered
 * before it appended the peer to X-Forwarded-For (accesslog-envoy.lua, forwarded_for).
 */
export const ENVOY_DETAILS_KEY = "_details";
/** The record key with the request's start (epoch seconds.milliseconds) that names the day. */
export const ENVOY_START_KEY = "_start";
