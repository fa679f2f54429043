// The chart: metadata, values and every template, as the compiler reads them.
import { defineChart } from "../compiler/index.ts";
import { values } from "../values-schema/index.ts";
import { horizontalPodAutoscaler, podDisruptionBudget } from "./autoscaling.ts";
import { fluentBitConfigMap, nginxConfigMap } from "./configmaps.ts";
import { deployment } from "./deployment.ts";
import { exampleFiles } from "./examples.ts";
import { podMonitor } from "./monitoring.ts";
import { rbac } from "./rbac.ts";
import { service } from "./service.ts";
import { notes } from "./notes.ts";
import { serviceAccount } from "./service-account.ts";
import { testPod } from "./test-pod.ts";
import { CHART_NAME, helpers } from "./values.ts";

export default defineChart({
  metadata: {
    name: CHART_NAME,
    version: "0.2.0",
    appVersion: "1.28",
    description: "Istio ingress gateway whose pod carries an nginx + fluent-bit access-log pipeline that loses no lines",
    kubeVersion: ">=1.27.0-0",
  },
  values,
  valuesHeader: "Default values for ingressgateway-accesslog.\nGenerated from values-schema/ by `npm run build`: edit the zod schema, not this file.",
  helpers: [helpers.name, helpers.fullname, helpers.chart, helpers.selectorLabels, helpers.labels, helpers.serviceAccountName],
  staticFiles: exampleFiles(),
  templates: [deployment, service, serviceAccount, rbac, horizontalPodAutoscaler, podDisruptionBudget, nginxConfigMap, fluentBitConfigMap, podMonitor, testPod, notes],
});
