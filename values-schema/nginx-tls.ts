// TLS at nginx: certificates from Kubernetes TLS Secrets, chosen by SNI, and the listener
// for TLS a load balancer already ended.
import { z } from "zod";
import { port, unprivilegedPort } from "./common.ts";

/** A Secret name (DNS subdomain). */
const secretName = z.string().min(1).max(253).regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, "must be a Kubernetes Secret name");
/** An nginx server_name: a host name, optionally with a leading wildcard label (*.example.com). */
const hostName = z
  .string()
  .max(253)
  .regex(/^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, "must be a lower-case host name, optionally starting with *.");

const certificate = z
  .object({
    secretName: secretName.describe("Secret of type kubernetes.io/tls (keys tls.crt and tls.key, as cert-manager writes them) in the release's namespace."),
    hosts: z.array(hostName).min(1).describe("Host names (SNI) this certificate serves; *.example.com for a wildcard."),
  })
  .strict();

/**
 * Mozilla's "intermediate" TLS 1.2 ciphers (https://ssl-config.mozilla.org/, guideline 5.7),
 * without the DHE ones: nginx offers DHE only with ssl_dhparam, which the chart does not set.
 * TLS 1.3 suites are not configured by ssl_ciphers (OpenSSL keeps its safe defaults).
 */
export const DEFAULT_TLS_CIPHERS = [
  "ECDHE-ECDSA-AES128-GCM-SHA256",
  "ECDHE-RSA-AES128-GCM-SHA256",
  "ECDHE-ECDSA-AES256-GCM-SHA384",
  "ECDHE-RSA-AES256-GCM-SHA384",
  "ECDHE-ECDSA-CHACHA20-POLY1305",
  "ECDHE-RSA-CHACHA20-POLY1305",
].join(":");

const clientCertificates = z
  .object({
    verify: z
      .enum(["off", "optional", "on"])
      .default("off")
      .describe("Ask clients for a certificate signed by caSecretName's CA (ssl_verify_client): on refuses a request without a valid one (400), optional lets it through and logs the outcome. The log fields $ssl_client_verify (SUCCESS, FAILED:<reason>, NONE) and $ssl_client_s_dn carry it."),
    caSecretName: z.union([z.literal(""), secretName]).default("").describe("Secret holding the CA certificates (PEM) client certificates must chain to; required unless verify is off."),
    caKey: z.string().regex(/^[-._A-Za-z0-9]+$/).default("ca.crt").describe("Key of the CA bundle in that Secret (ca.crt, as cert-manager's CA issuer writes it)."),
  })
  .strict()
  .prefault({})
  .describe("Client certificates (mutual TLS to clients) on the TLS port.");

export const nginxTls = z
  .object({
    enabled: z.boolean().default(false).describe("Terminate TLS at nginx on port (the Service gets port servicePort, named https, aimed at it). Not with accessLog.source envoy, where TLS is Envoy's (an Istio Gateway server with tls.credentialName), nor with gateway.mode istioOperator."),
    port: unprivilegedPort.default(8443).describe("Port nginx receives TLS on."),
    servicePort: port.default(443).describe("Port of the Service's https port, which targets nginx.tls.port; it must not repeat a name or number of service.ports."),
    certificates: z
      .array(certificate)
      .default([])
      .describe("Certificates by host name (SNI). The first is also the default: it answers clients that send no SNI or a name no entry lists. Each Secret is mounted into nginx; a Secret the kubelet updates (cert-manager's renewal) is picked up by a reload, see reloadCheckSeconds."),
    protocols: z
      .array(z.enum(["TLSv1.2", "TLSv1.3"]))
      .min(1)
      .default(["TLSv1.2", "TLSv1.3"])
      .describe("TLS versions nginx accepts (ssl_protocols). TLS 1.0 and 1.1 are not offered: they are deprecated (RFC 8996)."),
    ciphers: z
      .string()
      .regex(/^[A-Za-z0-9_:+!@.=-]+$/, "must be an OpenSSL cipher list such as ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384")
      .default(DEFAULT_TLS_CIPHERS)
      .describe("TLS 1.2 cipher suites (ssl_ciphers, OpenSSL syntax); the default is Mozilla's intermediate list. TLS 1.3 suites are OpenSSL's defaults."),
    http2: z.boolean().default(true).describe("Offer HTTP/2 to clients by ALPN on the TLS port (nginx still speaks HTTP/1.1 to Envoy)."),
    redirectHttp: z.boolean().default(false).describe("Answer plain-HTTP requests on nginx.listenPort with a 308 redirect to https://<host><uri> instead of proxying them (logged like any request). Requests a load balancer already decrypted (nginx.tls.offloadedPort) are not redirected."),
    reloadCheckSeconds: z
      .number()
      .int()
      .min(1)
      .max(3600)
      .default(30)
      .describe("How often nginx's container compares the mounted certificates with the ones loaded and, when the kubelet has updated a Secret (a cert-manager renewal), reloads nginx gracefully: open connections finish on the old workers, nothing is dropped. A rollout through a checksum annotation cannot do this: Helm never sees a Secret cert-manager renews."),
    clientCertificates,
    offloadedPort: z
      .union([z.literal(0), unprivilegedPort])
      .default(0)
      .describe("For TLS a load balancer ends in front of nginx: a plain-HTTP port (>= 1024) whose requests are https by definition, so nginx sends X-Forwarded-Proto: https to Envoy whatever the client wrote. Aim the load balancer's TLS listener at it (service.ports with targetPort this port); with nginx.proxyProtocol it also expects the PROXY protocol. 0: none."),
  })
  .strict()
  .prefault({})
  .describe("HTTPS at nginx, or behind a load balancer that ended TLS. Only with accessLog.source nginx: in Envoy mode HTTPS is Envoy's (an Istio Gateway server with tls.credentialName, and a Service port aimed at Envoy's HTTPS port).");
