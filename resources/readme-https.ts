// The README's HTTPS section: who ends TLS in each mode, how certificates reach nginx and
// why renewals are a reload rather than a rollout.
import { DEFAULT_TLS_CIPHERS } from "../values-schema/nginx-tls.ts";
import { NGINX_TLS_DIR } from "./paths.ts";

export const HTTPS_SECTION = `### HTTPS

TLS ends at nginx or before it, never at Envoy behind nginx: a connection passed through
would leave nginx nothing to log.

- **At nginx** (\`nginx.tls.enabled\`): each entry of \`nginx.tls.certificates\` names a
  Secret of type \`kubernetes.io/tls\` (\`tls.crt\`, \`tls.key\`: what cert-manager writes)
  and the host names it serves; nginx picks it by SNI (\`server_name\`, \`*.example.com\`
  wildcards), and the first entry also answers clients without SNI or with an unlisted name.
  The Secrets are mounted into nginx only, at \`${NGINX_TLS_DIR}/<index>\`, mode 0440 for the
  pod's group. The Service gets a port \`https\` (\`nginx.tls.servicePort\`, 443) to
  \`nginx.tls.port\` (8443). Protocols are TLS 1.2 and 1.3 (\`nginx.tls.protocols\`; 1.0 and
  1.1 are not offered, RFC 8996); TLS 1.2 ciphers (\`nginx.tls.ciphers\`) are Mozilla's intermediate list without DHE
  (\`${DEFAULT_TLS_CIPHERS}\`); HTTP/2 is offered by ALPN (\`nginx.tls.http2\`, through
  \`listen … http2\`, which nginx 1.22 through 1.28 accept). \`nginx.tls.redirectHttp\`
  answers plain HTTP with a 308 to https, except ACME HTTP-01 challenges
  (\`/.well-known/acme-challenge/\`), which still reach Envoy so cert-manager's HTTP-01 solver
  works. Envoy gets \`X-Forwarded-Proto: https\` from the TLS port whatever the client wrote;
  Istio Gateway servers stay plain HTTP on \`nginx.upstream.port\`.
- **Renewals are a reload, not a rollout.** The kubelet updates a mounted Secret in place
  (atomically, within about a minute); nginx has no file watcher. A small loop in nginx's
  container compares the certificates every \`nginx.tls.reloadCheckSeconds\` (30) and runs
  \`nginx -s reload\`: new workers take the new certificate, old workers finish their
  requests, no connection is refused. A checksum annotation that rolls the pods cannot do
  this: the chart cannot read a Secret at render (\`lookup\` is empty under \`helm template\`
  and in GitOps tools) and cert-manager renews without any Helm run, so the checksum would
  never change and the old certificate would be served until it expired. A reload that fails
  (a broken certificate) keeps the old workers serving and says why in nginx's log.
- **Client certificates** (\`nginx.tls.clientCertificates\`): \`verify: optional\` or \`on\`
  with \`caSecretName\` (the CA bundle under \`caKey\`, \`ca.crt\`) makes nginx ask clients
  for a certificate; log it with \`$ssl_client_verify\` (SUCCESS, FAILED:<reason>, NONE) and
  \`$ssl_client_s_dn\`. A renewed CA bundle is reloaded like the certificates.
- **At the load balancer**: \`nginx.tls.offloadedPort\` is a plain port for requests whose
  TLS the load balancer already ended; nginx tells Envoy \`https\` for them. Aim the load
  balancer's TLS listener there (a \`service.ports\` entry with that \`targetPort\` and the
  provider's TLS annotations); \`nginx.proxyProtocol\` makes every nginx port expect the PROXY
  protocol and take the client address from it. \`nginx.tls.redirectHttp\` works with it too.
- **TLS fields in the log**: add fields such as \`{ name: tls_protocol, nginx: $ssl_protocol }\`,
  \`$ssl_cipher\` and \`$ssl_server_name\` to \`accessLog.fields\` (example:
  \`examples/https-at-nginx.yaml\`); they are empty for plain HTTP. In Envoy mode they map to
  Envoy's \`%DOWNSTREAM_TLS_VERSION%\`, \`%DOWNSTREAM_TLS_CIPHER%\` and
  \`%REQUESTED_SERVER_NAME%\` (table above).
- **Envoy mode** (\`accessLog.source: envoy\`): HTTPS is Envoy's. Give an Istio Gateway server
  \`tls.credentialName\` (the Secret, in the gateway's namespace) and add a Service port aimed
  at that server's port to \`service.ports\`; \`nginx.tls\` is refused there. TLS at nginx is
  rendered in \`gateway.mode: injection\` only.

`;
