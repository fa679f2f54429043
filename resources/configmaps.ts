import type { IConfigMap } from "kubernetes-models/v1/ConfigMap";
import { defineTemplate, eachEntry, entry, release, resource, tpl } from "../compiler/index.ts";
import { fluentBitConf, parsersConf } from "./fluent-bit/config.ts";
import { nginxConf } from "./nginx/config.ts";
import { fluentBitConfigMapName, nginxConfigMapName } from "./pod/volumes.ts";
import { helpers, v } from "./values.ts";

export const nginxConfigMap = defineTemplate("nginx-configmap.yaml", () =>
  resource<IConfigMap>({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: nginxConfigMapName, namespace: release.namespace, labels: helpers.labels.spread() },
    data: {
      "nginx.conf": nginxConf,
      ...eachEntry(v.nginx.errorPages, (code, page) => entry(tpl`error-${code}.html`, page), { as: ["code", "page"] }),
    },
  }),
);

export const fluentBitConfigMap = defineTemplate("fluent-bit-configmap.yaml", () =>
  resource<IConfigMap>({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: fluentBitConfigMapName, namespace: release.namespace, labels: helpers.labels.spread() },
    data: { "fluent-bit.conf": fluentBitConf, "parsers.conf": parsersConf },
  }),
);
