// nginx.tls values that would give a gateway without the HTTPS its values promise, or two
// listeners on one port: each fails the render naming the keys and what to do.
import { and, conditionHelper, contains, eq, isEmpty, jsonText, lengthOf, ne, not, or, regexFindAll, replaceAll, tpl, unique } from "../../compiler/index.ts";
import { envoySource, istioOperatorMode, nginxSource } from "../modes.ts";
import { CHART_NAME, v } from "../values.ts";

const tls = v.nginx.tls;

/**
 * Every host of every certificate, as text: in toJson's [{"hosts":["a","b"],"secretName":"s"}]
 * (keys sorted, secretName required) a host is the quoted string before a comma or the hosts
 * list's "]", a key is followed by ":" and the Secret name by "}". Dropping every "]" puts the
 * comma of ',"secretName"' right after the last host, so equal hosts match equally. (Go
 * templates have no flatten; the values schema keeps quotes out of host names.)
 */
const everyHost = regexFindAll('"[^"]*",', replaceAll(jsonText(tls.certificates), "]", ""));
const hostListedTwice = conditionHelper(
  `${CHART_NAME}.tlsHostListedTwice`,
  "Whether a host name appears twice in nginx.tls.certificates.",
  ne(lengthOf(unique(everyHost)), lengthOf(everyHost)),
);

export const tlsChecks = [
  {
    when: and(envoySource, or(tls.enabled, tls.offloadedPort, tls.redirectHttp)),
    message:
      "nginx.tls is set, but accessLog.source is envoy and there is no nginx: HTTPS is Envoy's; give an Istio Gateway server tls.credentialName (the TLS Secret), add a Service port to its port in service.ports, and remove nginx.tls",
  },
  {
    // The overlays place the chart's volumes by counted positions; a list of Secrets of the user's length is not one of them.
    when: and(istioOperatorMode, tls.enabled),
    message: "nginx.tls.enabled is true, but gateway.mode is istioOperator: TLS at nginx is rendered only in gateway.mode injection; use that mode, or end TLS at the load balancer (nginx.tls.offloadedPort)",
  },
  {
    when: and(nginxSource, tls.enabled, isEmpty(tls.certificates)),
    message: "nginx.tls.enabled is true, but nginx.tls.certificates is empty: nginx has no certificate to serve; add an entry { secretName: <kubernetes.io/tls Secret>, hosts: [<host names>] } (the first is the default)",
  },
  {
    // nginx serves a name from the first server that lists it and ignores the rest with only
    // a warning ("conflicting server name", ngx_http_core_module): the second Secret would
    // never be served for it.
    when: and(nginxSource, tls.enabled, hostListedTwice),
    message: "nginx.tls.certificates: a host name is listed under two certificates (or twice under one); nginx would serve it with the first and never the other: list each host once",
  },
  {
    when: and(not(tls.enabled), not(isEmpty(tls.certificates))),
    message: "nginx.tls.certificates is set, but nginx.tls.enabled is false: the Secrets would not be mounted or served; set nginx.tls.enabled true or remove the certificates",
  },
  {
    when: and(tls.redirectHttp, not(tls.enabled), not(tls.offloadedPort)),
    message: "nginx.tls.redirectHttp is true, but the gateway has no HTTPS: every plain request would be sent to an https port nobody serves; set nginx.tls.enabled (TLS at nginx) or nginx.tls.offloadedPort (TLS at the load balancer), or remove the redirect",
  },
  {
    when: and(nginxSource, tls.enabled, contains(jsonText(v.service.ports), '"name":"https"')),
    message: "service.ports has a port named https, but nginx.tls.enabled adds the Service port https itself (nginx.tls.servicePort to nginx.tls.port): rename or remove that entry of service.ports",
  },
  {
    when: and(
      nginxSource,
      tls.enabled,
      conditionHelper(
        `${CHART_NAME}.servicePortsHaveTlsServicePort`,
        "Whether an entry of service.ports has the port number nginx.tls.servicePort.",
        contains(jsonText(v.service.ports), tpl`"port":${tls.servicePort},`),
      ),
    ),
    message: "service.ports has a port with the number of nginx.tls.servicePort, which nginx.tls.enabled adds to the Service for HTTPS: remove that entry of service.ports or choose another nginx.tls.servicePort",
  },
  {
    when: and(ne(tls.clientCertificates.verify, "off"), not(tls.enabled)),
    message: "nginx.tls.clientCertificates.verify is set, but nginx.tls.enabled is false: client certificates are asked for on nginx's TLS port only; enable nginx.tls or set verify off",
  },
  {
    when: and(tls.enabled, ne(tls.clientCertificates.verify, "off"), eq(tls.clientCertificates.caSecretName, "")),
    message: "nginx.tls.clientCertificates.verify is set, but nginx.tls.clientCertificates.caSecretName is empty: nginx needs the CA that client certificates must chain to; name the Secret holding it (key nginx.tls.clientCertificates.caKey)",
  },
  {
    when: and(eq(tls.clientCertificates.verify, "off"), ne(tls.clientCertificates.caSecretName, "")),
    message: "nginx.tls.clientCertificates.caSecretName is set, but nginx.tls.clientCertificates.verify is off: the CA would not be used; set verify optional or on, or remove caSecretName",
  },
];
