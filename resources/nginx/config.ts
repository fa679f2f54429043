// nginx.conf: receive outside traffic, log each request as JSON over syslog to the
// unix datagram socket, proxy to Envoy on localhost.
import { each, indentedBlock, lines, tpl, when, withValue } from "../../compiler/index.ts";
import { errorSocketPath, socketPath } from "../paths.ts";
import { v } from "../values.ts";
import { accessLogConfig } from "./log-format.ts";
import { offloadedServer, plainServer, tlsServers, tlsSettings } from "./servers.ts";

const realIp = withValue(v.nginx.realIp.trustedCidrs, () =>
  lines(
    each(v.nginx.realIp.trustedCidrs, (cidr) => lines(tpl`  set_real_ip_from ${cidr};`), { as: "cidr" }),
    tpl`  real_ip_header ${v.nginx.realIp.header};`,
    "  real_ip_recursive on;",
  ),
);

/**
 * The scheme Envoy is told on the plain port: the one a trusted proxy in front reports
 * (X-Forwarded-Proto from a peer in nginx.realIp.trustedCidrs, http or https only), else
 * nginx's own. From anyone else the header is the client's claim: passed on, a client could
 * tell Envoy and the services behind it that plain HTTP was HTTPS. $realip_remote_addr is
 * the connection's peer before the realip module replaces it (ngx_http_realip_module).
 */
const forwardedProto = lines(
  "  # X-Forwarded-Proto is believed only from the trusted proxies (nginx.realIp.trustedCidrs).",
  "  geo $realip_remote_addr $from_trusted_proxy {",
  "    default 0;",
  each(v.nginx.realIp.trustedCidrs, (cidr) => lines(tpl`    ${cidr} 1;`), { as: "cidr" }),
  "  }",
  '  map "$from_trusted_proxy:$http_x_forwarded_proto" $forwarded_proto {',
  "    default $scheme;",
  '    "~*^1:https$" https;',
  '    "~*^1:http$" http;',
  "  }",
);

export const nginxConf = lines(
  tpl`worker_processes ${v.nginx.workerProcesses};`,
  tpl`pid ${v.nginx.tmpDirectory}/nginx.pid;`,
  "# warn, not error: a log line nginx could not hand to the socket is reported as",
  '# "send() to syslog failed" at warn level (ngx_http_log_module.c, ngx_http_log_handler).',
  "error_log stderr warn;",
  "# The same to fluent-bit on a socket of its own, whose queue the access log cannot fill:",
  "# it counts those warnings (accesslog_nginx_lines_not_handed_over_total).",
  tpl`error_log syslog:server=unix:${errorSocketPath},nohostname,tag=nginx_error warn;`,
  "",
  "events {",
  tpl`  worker_connections ${v.nginx.workerConnections};`,
  "}",
  "",
  "http {",
  "  server_tokens off;",
  "  # No default_type: bodies nginx writes itself (return, as /healthz and snippets do) are",
  "  # text/plain, its .html error pages text/html by its built-in types; Envoy types the rest.",
  tpl`  client_body_temp_path ${v.nginx.tmpDirectory}/client_body;`,
  tpl`  proxy_temp_path ${v.nginx.tmpDirectory}/proxy;`,
  tpl`  fastcgi_temp_path ${v.nginx.tmpDirectory}/fastcgi;`,
  tpl`  uwsgi_temp_path ${v.nginx.tmpDirectory}/uwsgi;`,
  tpl`  scgi_temp_path ${v.nginx.tmpDirectory}/scgi;`,
  tpl`  client_max_body_size ${v.nginx.clientMaxBodySize};`,
  tpl`  large_client_header_buffers ${v.nginx.largeClientHeaderBuffers};`,
  tpl`  keepalive_timeout ${v.nginx.keepaliveTimeout};`,
  realIp,
  when(v.nginx.tls.enabled, tlsSettings),
  "",
  accessLogConfig,
  tpl`  access_log syslog:server=unix:${socketPath},nohostname,tag=${v.accessLog.syslogTag} accesslog;`,
  "",
  forwardedProto,
  "  # Upgrade for WebSocket; otherwise an empty Connection so keepalive to Envoy works.",
  "  map $http_upgrade $connection_upgrade {",
  "    default upgrade;",
  '    "" "";',
  "  }",
  "",
  "  upstream envoy {",
  tpl`    server 127.0.0.1:${v.nginx.upstream.port};`,
  when(v.nginx.upstream.keepalive, lines(tpl`    keepalive ${v.nginx.upstream.keepalive};`, tpl`    keepalive_requests ${v.nginx.upstream.keepaliveRequests};`)),
  "  }",
  "",
  plainServer,
  when(v.nginx.tls.enabled, lines("", tlsServers)),
  when(v.nginx.tls.offloadedPort, lines("", offloadedServer)),
  "",
  "  # Health endpoint for the kubelet's probes; not logged.",
  "  server {",
  tpl`    listen ${v.nginx.healthPort};`,
  "    access_log off;",
  "    location = /healthz {",
  '      return 200 "ok\\n";',
  "    }",
  "    # Nothing else: not the image's html directory, and no probe passes on a path it did not mean.",
  "    location / {",
  "      return 404;",
  "    }",
  "  }",
  when(v.nginx.httpSnippet, indentedBlock(v.nginx.httpSnippet, 2)),
  "}",
);
