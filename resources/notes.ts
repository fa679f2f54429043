// NOTES.txt: what was installed, where the logs land, and how to check the sidecars.
import { and, chart, contains, defineNotes, each, hasKey, inlineEach, inlineWhen, jsonText, line, eachEntry, eq, lines, ne, not, or, release, tpl, when } from "../compiler/index.ts";
import { envoySource, gatewaySelectorLabels, istioOperatorMode, nginxSource, openshiftPlatform, queueByPodSysctl } from "./modes.ts";
import { OWN_OUTPUT_DIR } from "./paths.ts";
import { helpers, v } from "./values.ts";

const ns = release.namespace;

/** Who ends TLS: nginx with the Secrets of nginx.tls, or Envoy in Envoy mode (a Gateway's credentialName). */
const httpsNotes = lines(
  when(
    and(nginxSource, v.nginx.tls.enabled),
    lines(
      "",
      tpl`HTTPS: nginx ends TLS on Service port ${v.nginx.tls.servicePort} (https, to nginx.tls.port ${v.nginx.tls.port}) with these kubernetes.io/tls Secrets,`,
      "which must exist in this namespace (the first is the default certificate):",
      each(v.nginx.tls.certificates, (certificate) => lines(line(tpl`  ${certificate.secretName}:`, inlineEach(certificate.hosts, (host) => [" ", host], { as: "host" }))), { as: "certificate" }),
      tpl`A renewed Secret (cert-manager) is served within ${v.nginx.tls.reloadCheckSeconds}s by a graceful nginx reload;`,
      tpl`Istio Gateway servers stay plain HTTP on port ${v.nginx.upstream.port}.`,
      when(v.nginx.tls.redirectHttp, lines("Plain HTTP is redirected to https (308), except ACME HTTP-01 challenges.")),
    ),
  ),
  when(
    envoySource,
    lines(
      "",
      "HTTPS: Envoy's own (accessLog.source envoy): add an Istio Gateway server with tls.credentialName (the TLS Secret)",
      "and a Service port aimed at that server's port in service.ports; the chart adds none.",
    ),
  ),
);
const deploymentRef = tpl`deploy/${helpers.fullname}`;

export const notes = defineNotes(() =>
  lines(
    tpl`${chart.name} ${chart.version} is installed as release "${release.name}" in namespace "${ns}".`,
    when(
      istioOperatorMode,
      lines(
        "",
        "gateway.mode is istioOperator: this release holds the ConfigMaps; istioctl installs the gateway.",
        when(v.istioOperator.render, lines("Render the IstioOperator and install it (then use --set istioOperator.render=false for helm install/upgrade):")),
        tpl`  helm template ${release.name} <chart> -n ${ns} -f <values> --show-only templates/istio-operator.yaml > ${helpers.fullname}-iop.yaml`,
        tpl`  istioctl install -f ${helpers.fullname}-iop.yaml -y     # Istio ${v.istioOperator.istioVersion}`,
        "",
        line("Gateway pods (istioctl renders Envoy; the overlays add ", inlineWhen(nginxSource, "nginx and fluent-bit", "fluent-bit"), "):"),
        tpl`  kubectl -n ${ns} get pods -l app=${helpers.fullname}`,
        "",
        // istioctl prunes with a selector that names the IstioOperator only when it has a name.
        "An IstioOperator without metadata.name installed with the same istioctl version and revision",
        "(often the mesh's main one) deletes this gateway the next time it is installed: give it a name.",
        // istioctl's gateway chart merges its default labels (istio: ingressgateway) under the
        // component's, so leaving the key out of gateway.selectorLabels does not remove it.
        when(
          or(not(hasKey(v.gateway.selectorLabels, "istio")), contains(jsonText(v.gateway.selectorLabels), '"istio":"ingressgateway"')),
          lines(
            "These pods are labelled istio: ingressgateway (istioctl adds it unless gateway.selectorLabels sets istio):",
            "Gateway resources that select istio: ingressgateway, often the mesh's default gateway's, bind here too.",
          ),
        ),
      ),
      lines(
        "",
        line("Gateway pods (Istio injects Envoy at admission; ", inlineWhen(nginxSource, "nginx and fluent-bit run", "fluent-bit runs"), " beside it):"),
        tpl`  kubectl -n ${ns} get pods -l app.kubernetes.io/instance=${release.name}`,
      ),
    ),
    when(
      ne(v.service.type, "None"),
      lines(
        "",
        tpl`Service (${v.service.type}):`,
        tpl`  kubectl -n ${ns} get service ${helpers.fullname}`,
        when(eq(v.service.type, "LoadBalancer"), lines("  (wait for EXTERNAL-IP; the load balancer health-checks the status-port)")),
      ),
    ),
    httpsNotes,
    "",
    "Istio Gateway resources select this gateway with:",
    "  selector:",
    when(
      istioOperatorMode,
      lines(
        eachEntry(v.gateway.selectorLabels, (key, value) => lines(tpl`    ${key}: ${value}`), { as: ["key", "value"] }),
        when(not(hasKey(v.gateway.selectorLabels, "istio")), lines("    istio: ingressgateway   (istioctl's gateway chart adds it when gateway.selectorLabels sets no istio)")),
      ),
      eachEntry(gatewaySelectorLabels(), (key, value) => lines(tpl`    ${key}: ${value}`), { as: ["key", "value"] }),
    ),
    tpl`and must use port number ${v.nginx.upstream.port} for their HTTP servers,`,
    when(
      nginxSource,
      lines("the port nginx proxies to: nginx receives outside traffic and writes the access log."),
      lines("Envoy's listener, which the Service targets: Envoy writes the access log (accessLog.source envoy)."),
    ),
    "",
    "Access logs: one file per day on every node that runs a gateway pod,",
    when(
      eq(v.accessLog.output.layout, "directoryPerDay"),
      lines(tpl`  ${v.accessLog.output.hostPath}/${OWN_OUTPUT_DIR}/YYYY-MM-DD/${v.accessLog.output.fileName}`),
      lines(tpl`  ${v.accessLog.output.hostPath}/${OWN_OUTPUT_DIR}/<name>-YYYY-MM-DD.log   (from fileName ${v.accessLog.output.fileName})`),
    ),
    tpl`as ${v.accessLog.output.format} lines; the date is the request's own, in ${v.accessLog.timeZone}.`,
    when(v.accessLog.forward.enabled, lines(tpl`Every line is also forwarded to fluentd at ${v.accessLog.forward.host}:${v.accessLog.forward.port}.`)),
    "",
    "Check the sidecars:",
    when(
      nginxSource,
      lines(tpl`  kubectl -n ${ns} logs ${deploymentRef} -c nginx        # "send() to syslog failed" = lost lines`),
      lines(
        "  # entries_lost = lost lines",
        tpl`  kubectl -n ${ns} exec ${deploymentRef} -c istio-proxy -- pilot-agent request GET stats | grep access_logs.fluentd`,
      ),
    ),
    tpl`  kubectl -n ${ns} logs ${deploymentRef} -c fluent-bit`,
    when(
      nginxSource,
      lines(
        tpl`  kubectl -n ${ns} port-forward ${deploymentRef} \\`,
        tpl`    ${v.fluentBit.httpPort} ${v.fluentBit.metricsPort} &`,
        tpl`  curl -s localhost:${v.fluentBit.httpPort}/api/v1/health; curl -s localhost:${v.fluentBit.httpPort}/api/v2/metrics/prometheus`,
        tpl`  curl -s localhost:${v.fluentBit.metricsPort}/metrics | grep accesslog_nginx_lines_not_handed_over_total   # lines nginx could not hand over`,
      ),
      lines(
        tpl`  kubectl -n ${ns} port-forward ${deploymentRef} ${v.fluentBit.httpPort} &`,
        tpl`  curl -s localhost:${v.fluentBit.httpPort}/api/v1/health; curl -s localhost:${v.fluentBit.httpPort}/api/v2/metrics/prometheus`,
      ),
    ),
    // Blank lines sit inside the conditions: one just before a condition would be trimmed.
    when(
      queueByPodSysctl,
      lines(
        "",
        tpl`The log socket's queue is raised to ${v.kernelQueue.maxDgramQlen} with a pod sysctl. If pods stay Pending with`,
        when(
          openshiftPlatform,
          lines("SysctlForbidden, allow it on the kubelets: a KubeletConfig with allowedUnsafeSysctls: [net.unix.max_dgram_qlen]."),
          lines("SysctlForbidden, allow it on the kubelets (--allowed-unsafe-sysctls=net.unix.max_dgram_qlen)", "or set kernelQueue.method=initContainer (privileged)."),
        ),
      ),
    ),
    when(
      and(nginxSource, eq(v.kernelQueue.method, "none")),
      lines("", "WARNING: kernelQueue.method=none keeps the kernel's queue of 10 datagrams: lines are lost under load."),
    ),
  ),
);
