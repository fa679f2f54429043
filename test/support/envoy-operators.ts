// What Envoy's documentation and nginx's say about the access-log values, written here rather
// than read from the chart's table (resources/access-log/envoy-fields.ts), so that a wrong entry
// there cannot also be the expectation.

/**
 * The Envoy operator that measures what each nginx variable does, written here from the two
 * programs' documentation rather than read from the chart's table (ENVOY_EQUIVALENTS), so a
 * wrong entry there cannot also be the expectation. Envoy: envoyproxy/envoy
 * docs/root/configuration/observability/access_log/usage.rst; nginx:
 * https://nginx.org/en/docs/http/ngx_http_core_module.html#variables and
 * ngx_http_upstream_module.html#variables.
 */
export const DOCUMENTED_OPERATOR: Record<string, string> = {
  // "Request start time including milliseconds" — nginx: "local time in the ISO 8601 format".
  $time_iso8601: "%START_TIME(%s.%3f)%",
  $host: "%REQ(:AUTHORITY)%",
  $request_method: "%REQ(:METHOD)%",
  $request_uri: "%REQ(:PATH)%",
  // "Protocol. Currently either HTTP/1.1 HTTP/2 or HTTP/3" — nginx: "request protocol".
  $server_protocol: "%PROTOCOL%",
  // "HTTP response code" — nginx: "response status".
  $status: "%RESPONSE_CODE%",
  // "HTTP: Body bytes sent" — nginx: "number of bytes sent to a client, not counting the response header".
  $body_bytes_sent: "%BYTES_SENT%",
  // "Total duration in milliseconds of the request from the start time to the last byte out".
  $request_time: "%DURATION%",
  // nginx: "time spent on receiving the response from the upstream server"; Envoy's common
  // duration between its upstream stream events (first byte sent to last byte received).
  $upstream_response_time: "%COMMON_DURATION(US_TX_BEG:US_RX_END:ms)%",
  $http_user_agent: "%REQ(USER-AGENT)%",
  $http_referer: "%REQ(REFERER)%",
  // "Remote address of the downstream connection, without any port component" (after
  // X-Forwarded-For hops) — nginx: "client address" (after realip).
  $remote_addr: "%DOWNSTREAM_REMOTE_ADDRESS_WITHOUT_PORT%",
  $http_x_forwarded_for: "%REQ(X-FORWARDED-FOR)%",
  $request_id: "%REQ(X-REQUEST-ID)%",
  // TLS of the client's connection (nginx: ngx_http_ssl_module.html#variables). Envoy:
  // "The TLS version (e.g., TLSv1.2, TLSv1.3) used to establish the downstream TLS connection"
  // — nginx: "the protocol of an established SSL connection".
  $ssl_protocol: "%DOWNSTREAM_TLS_VERSION%",
  // "The OpenSSL name for the set of ciphers used to establish the downstream TLS connection".
  $ssl_cipher: "%DOWNSTREAM_TLS_CIPHER%",
  // "String value set on ssl connection socket for Server Name Indication (SNI)".
  $ssl_server_name: "%REQUESTED_SERVER_NAME%",
  // "The subject present in the peer certificate used to establish the downstream TLS connection".
  $ssl_client_s_dn: "%DOWNSTREAM_PEER_SUBJECT%",
};

/**
 * The variables whose Envoy value is not nginx's even after fluent-bit's conversion, each for a
 * reason the two programs' documentation gives: what the README must warn about.
 */
export const DIFFERS_FROM_NGINX: Readonly<Record<string, string>> = {
  // nginx: "host name from the request line, or ... the Host request header field, or the server
  // name"; Envoy's :authority is the header alone.
  $host: "no fallback to the request line or the server name",
  // nginx: "full original request URI"; Envoy's :path after its normalisation and any rewrite.
  $request_uri: "normalised and rewritten path",
  // Envoy: "HTTP response code. Note that a response code of '0' means that the server never sent
  // the beginning of a response"; nginx logs 499 for a client that closed the connection.
  $status: "0 for no response",
  // nginx: a value per upstream attempt, comma-separated; Envoy's duration is one value.
  $upstream_response_time: "one value after retries",
  // Envoy's remote address comes from X-Forwarded-For after xff_num_trusted_hops
  // (gateway.numTrustedProxies); nginx's from set_real_ip_from (nginx.realIp).
  $remote_addr: "trusted hops counted differently",
  // Envoy appends the peer address to the header before the logger reads it (use_remote_address).
  $http_x_forwarded_for: "Envoy's appended peer, joined header lines",
  // nginx: "unique request identifier generated from 16 random bytes, in hexadecimal";
  // Envoy's x-request-id is a UUID.
  $request_id: "a UUID",
  // Envoy's TLS library is BoringSSL, which names some suites differently from OpenSSL.
  $ssl_cipher: "BoringSSL's suite names",
};
