import { checksumOf, defineTemplate, each, indentedBlock, lines, tpl, when } from "../compiler/index.ts";
import { helpers, v } from "./values.ts";

/** nginx.conf; the full access-log configuration grows here (issue: the chart). */
export const nginxConf = lines(
  tpl`worker_processes ${v.nginx.workerProcesses};`,
  "pid /tmp/nginx.pid;",
  "",
  "events {",
  tpl`  worker_connections ${v.nginx.workerConnections};`,
  "}",
  "",
  "http {",
  tpl`  client_max_body_size ${v.nginx.clientMaxBodySize};`,
  when(v.nginx.httpSnippet, indentedBlock(v.nginx.httpSnippet, 2)),
  each(v.service.ports, (port) => lines("  server {", tpl`    listen ${port.targetPort};`, "    location / {", "      return 204;", "    }", "  }")),
  "}",
);

export const nginxConfigMap = defineTemplate("nginx-configmap.yaml", () => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: {
    name: tpl`${helpers.fullname}-nginx`,
    labels: helpers.labels.spread(),
  },
  data: { "nginx.conf": nginxConf },
}));

export const nginxConfigChecksum = checksumOf("nginx-configmap.yaml");
