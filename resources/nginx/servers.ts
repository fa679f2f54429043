// The server blocks that receive outside traffic: plain HTTP on listenPort, TLS on
// nginx.tls.port (one server per certificate, picked by SNI), and the plain port for TLS a
// load balancer already ended. Each proxies to Envoy the same way; only the scheme it
// reports in X-Forwarded-Proto and the listener differ.
import { each, eachEntry, eq, indentedBlock, inlineEach, inlineWhen, line, lines, ne, toInt, tpl, when, type Text } from "../../compiler/index.ts";
import { NGINX_CLIENT_CA_DIR, NGINX_CONFIG_DIR, NGINX_TLS_DIR } from "../paths.ts";
import { v } from "../values.ts";

const errorPages = eachEntry(v.nginx.errorPages, (code) => lines(tpl`    error_page ${code} /_errors/error-${code}.html;`), { as: ["code", "page"] });

/** The PROXY protocol's client address replaces the load balancer's (ngx_http_realip_module). */
const proxyProtocolRealIp = when(v.nginx.proxyProtocol, lines("    set_real_ip_from 0.0.0.0/0;", "    real_ip_header proxy_protocol;"));

/** A location that proxies to Envoy, telling it the scheme the client used. */
const proxyLocation = (path: string, forwardedProto: string): Text =>
  lines(
    `    location ${path} {`,
    "      proxy_pass http://envoy;",
    "      proxy_http_version 1.1;",
    "      # $http_host is the Host exactly as the client sent it, port included.",
    "      proxy_set_header Host $http_host;",
    "      proxy_set_header X-Real-IP $remote_addr;",
    "      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
    `      proxy_set_header X-Forwarded-Proto ${forwardedProto};`,
    "      proxy_set_header Upgrade $http_upgrade;",
    "      proxy_set_header Connection $connection_upgrade;",
    tpl`      proxy_connect_timeout ${v.nginx.upstream.connectTimeout};`,
    tpl`      proxy_read_timeout ${v.nginx.upstream.readTimeout};`,
    tpl`      proxy_send_timeout ${v.nginx.upstream.sendTimeout};`,
    "    }",
  );

/** Everything inside a server block after its listener: nginx's error pages, the proxy, the user's snippet. */
const proxyBody = (forwardedProto: string): Text =>
  lines(
    proxyProtocolRealIp,
    "    # nginx's own errors (Envoy unreachable or too slow); Envoy's responses pass through.",
    errorPages,
    "",
    proxyLocation("/", forwardedProto),
    "",
    "    # No access_log off here: a request is logged where it ends, and nginx's own 502/503/504",
    "    # end in this location after the internal redirect; they must reach the access log.",
    "    location /_errors/ {",
    "      internal;",
    `      alias ${NGINX_CONFIG_DIR}/;`,
    "    }",
    when(v.nginx.serverSnippet, indentedBlock(v.nginx.serverSnippet, 4)),
  );

const proxyProtocolFlag = inlineWhen(v.nginx.proxyProtocol, " proxy_protocol");

/** The redirect to the request's https URL, on the Service's https port (omitted when it is 443). */
const redirectToHttps = line(
  "      return 308 https://$host",
  inlineWhen(ne(toInt(v.nginx.tls.servicePort), 443), tpl`:${v.nginx.tls.servicePort}`),
  "$request_uri;",
);

/**
 * Plain HTTP: proxied, or redirected to HTTPS. The redirect keeps proxying ACME HTTP-01
 * challenges (RFC 8555 section 8.3: the validation request is plain HTTP on port 80), so
 * cert-manager's solver behind Envoy can still issue the certificate nginx serves.
 */
export const plainServer: Text = lines(
  "  server {",
  line(tpl`    listen ${v.nginx.listenPort} default_server`, proxyProtocolFlag, ";"),
  when(
    v.nginx.tls.redirectHttp,
    lines(
      proxyProtocolRealIp,
      "    # HTTPS only: plain requests are answered with a redirect (308 keeps the method and body).",
      "    location / {",
      redirectToHttps,
      "    }",
      "",
      proxyLocation("/.well-known/acme-challenge/", "$forwarded_proto"),
    ),
    proxyBody("$forwarded_proto"),
  ),
  "  }",
);

/** Protocols, ciphers and sessions for every TLS server (http block). */
export const tlsSettings: Text = lines(
  "",
  "  # TLS: nginx.tls.protocols and ciphers; TLS 1.3 suites are OpenSSL's defaults.",
  line("  ssl_protocols", inlineEach(v.nginx.tls.protocols, (protocol) => [" ", protocol], { as: "protocol" }), ";"),
  tpl`  ssl_ciphers ${v.nginx.tls.ciphers};`,
  // No ssl_prefer_server_ciphers: nginx's default is off (ngx_http_ssl_merge_srv_conf,
  // src/http/modules/ngx_http_ssl_module.c), so the client picks among ciphers that are all
  // strong, as Mozilla's intermediate profile advises; a line restating it changed nothing.
  "  ssl_session_cache shared:TLS:10m;",
  "  ssl_session_timeout 1d;",
  "  # Tickets would need a key shared by every replica and rotated; the session cache needs neither.",
  "  ssl_session_tickets off;",
  when(
    ne(v.nginx.tls.clientCertificates.verify, "off"),
    lines(
      "  # Client certificates: $ssl_client_verify and $ssl_client_s_dn tell the log the outcome.",
      tpl`  ssl_client_certificate ${NGINX_CLIENT_CA_DIR}/${v.nginx.tls.clientCertificates.caKey};`,
      tpl`  ssl_verify_client ${v.nginx.tls.clientCertificates.verify};`,
    ),
  ),
);

/**
 * One server per certificate, chosen by SNI (server_name); the first is the default server
 * of the port. HTTP/2 through the listen parameter: the `http2` directive exists only since
 * nginx 1.25.1 (https://nginx.org/en/docs/http/ngx_http_v2_module.html#http2), and Debian 12's
 * nginx 1.22, which the data-path tests run, refuses it; 1.25.1+ still accepts the parameter
 * (with a deprecation warning at start).
 */
export const tlsServers: Text = each(
  v.nginx.tls.certificates,
  (certificate, index) =>
    lines(
      "  server {",
      line(
        tpl`    listen ${v.nginx.tls.port} ssl`,
        inlineWhen(v.nginx.tls.http2, " http2"),
        inlineWhen(eq(index, 0), " default_server"),
        proxyProtocolFlag,
        ";",
      ),
      line("    server_name", inlineEach(certificate.hosts, (host) => [" ", host], { as: "host" }), ";"),
      tpl`    ssl_certificate ${NGINX_TLS_DIR}/${index}/tls.crt;`,
      tpl`    ssl_certificate_key ${NGINX_TLS_DIR}/${index}/tls.key;`,
      proxyBody("https"),
      "  }",
    ),
  { as: "certificate" },
);

/** Plain HTTP from a load balancer that ended TLS: https by construction, not by a client's header. */
export const offloadedServer: Text = lines(
  "  # TLS ended at the load balancer: these requests were https.",
  "  server {",
  line(tpl`    listen ${v.nginx.tls.offloadedPort}`, proxyProtocolFlag, ";"),
  proxyBody("https"),
  "  }",
);
