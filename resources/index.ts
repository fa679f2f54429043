// The chart: metadata, values and every template, as the compiler reads them.
import { defineChart } from "../compiler/index.ts";
import { values } from "../values-schema/index.ts";
import { nginxConfigMap } from "./nginx-config.ts";
import { service } from "./service.ts";
import { helpers } from "./values.ts";

export default defineChart({
  metadata: {
    name: "ingressgateway-accesslog",
    version: "0.1.0",
    appVersion: "1.28.0",
    description: "Istio ingress gateway with an nginx + fluent-bit access-log pipeline that loses no lines",
    kubeVersion: ">=1.27.0-0",
  },
  values,
  valuesHeader: "Default values for ingressgateway-accesslog.\nGenerated from values-schema/ by `npm run build`: edit the zod schema, not this file.",
  helpers: [helpers.name, helpers.fullname, helpers.chart, helpers.selectorLabels, helpers.labels],
  templates: [service, nginxConfigMap],
});
