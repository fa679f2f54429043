// The chart's values: the one source of values.yaml, values.schema.json and the README's
// values table. Every object the chart owns is strict, so a typo in a per-cluster values
// file fails `helm install` instead of being ignored.
import { z } from "zod";
import { accessLog, kernelQueue } from "./access-log.ts";
import { labelValue } from "./common.ts";
import { fluentBit } from "./fluent-bit.ts";
import { gateway } from "./gateway.ts";
import { ISTIO_VERSIONS } from "./istio-gateways.ts";
import { nginx } from "./nginx.ts";
import { service } from "./service.ts";

export const values = z
  .object({
    nameOverride: z.string().max(63).regex(/^([a-z0-9]([-a-z0-9]*[a-z0-9])?)?$/).default("").describe("Overrides the chart name in resource names."),
    fullnameOverride: z.string().max(63).regex(/^([a-z0-9]([-a-z0-9]*[a-z0-9])?)?$/).default("").describe("Overrides the full name of every resource."),
    commonLabels: z
      .record(z.string(), labelValue)
      .default({ "istio.io/dataplane-mode": "none" })
      .describe("Labels of every resource the chart renders and of the gateway pods (the official istio/gateway chart's `labels`, with its default: gateways stay out of Istio's ambient data plane). A label the chart writes itself keeps the chart's value; a resource's own labels (service.labels, gateway.podLabels, …) win over these."),
    commonAnnotations: z.record(z.string(), z.string()).default({}).describe("Annotations of every resource the chart renders (the official chart's `annotations`); not of the pods (gateway.podAnnotations)."),
    platform: z
      .enum(["", "openshift"])
      .default("")
      .describe(
        "The platform whose pod security the chart follows (the official istio/gateway chart's platform; openshift is the one that changes the pods). openshift: nginx and fluent-bit get no runAsUser, runAsGroup or fsGroup, which OpenShift assigns from the namespace's ranges (it refuses others under its restricted SCCs); the socket works through the assigned fsGroup, and fluent-bit writes the node directory through group 0, which OpenShift gives every container. Root init containers are refused: turn accessLog.output.prepareHostPath off and prepare <hostPath>/accesslog on the nodes (group 0 writable, SELinux type container_file_t); kernelQueue.method auto means podSysctl. The pods need an SCC that allows hostPath volumes: see openshift.securityContextConstraints.",
      ),
    openshift: z
      .object({
        securityContextConstraints: z
          .object({
            create: z
              .boolean()
              .default(true)
              .describe("Create a SecurityContextConstraints that is OpenShift's restricted-v2 plus hostPath volumes (and the net.unix.max_dgram_qlen sysctl when a pod sysctl raises the queue), and let the gateway's ServiceAccount use it. Creating an SCC takes a cluster administrator; turn off to use one that exists (name)."),
            name: z
              .string()
              .max(253)
              .regex(/^([a-z0-9]([-a-z0-9.]*[a-z0-9])?)?$/, "must be a Kubernetes object name")
              .default("")
              .describe("The SCC's name: the one created (empty: the release's full name), or with create off an existing SCC the ServiceAccount is granted use of (empty: none is granted, a cluster administrator binds one)."),
          })
          .strict()
          .prefault({})
          .describe("The SCC the gateway pods are admitted under (platform openshift)."),
      })
      .strict()
      .prefault({})
      .describe("OpenShift settings, used only with platform openshift."),
    gateway,
    networkPolicy: z
      .object({
        enabled: z
          .boolean()
          .default(false)
          .describe("Render a NetworkPolicy for the gateway pods (the official istio/gateway chart's global.networkPolicy.enabled): in, only the Service's target ports, the status port and the metrics ports; out, everything."),
      })
      .strict()
      .prefault({})
      .describe("NetworkPolicy of the gateway pods."),
    istioOperator: z
      .object({
        istioVersion: z
          .enum(ISTIO_VERSIONS)
          .default(ISTIO_VERSIONS[ISTIO_VERSIONS.length - 1]!)
          .describe("Istio minor version of the istioctl that installs the IstioOperator. It selects the chart's description of the Deployment istioctl generates, from which the overlay indices are computed; a version the chart does not describe is refused."),
        render: z
          .boolean()
          .default(true)
          .describe("Render the IstioOperator document (gateway.mode istioOperator). Render it with `helm template`, give it to `istioctl install`, and turn this off for the `helm install` of the rest (ConfigMaps, PodMonitor): clusters without Istio's in-cluster operator have no IstioOperator kind to apply."),
      })
      .strict()
      .prefault({})
      .describe("The IstioOperator mode (gateway.mode istioOperator)."),
    service,
    nginx,
    fluentBit,
    accessLog,
    kernelQueue,
    metrics: z
      .object({
        podMonitor: z
          .object({
            enabled: z.boolean().default(true).describe("Render a PodMonitor for fluent-bit's and Envoy's metrics when the cluster serves monitoring.coreos.com/v1."),
            interval: z.string().regex(/^[0-9]+(ms|s|m|h)$/).default("30s").describe("Scrape interval."),
            labels: z.record(z.string(), z.string()).default({}).describe("Extra labels of the PodMonitor (to match a Prometheus' podMonitorSelector)."),
          })
          .strict()
          .prefault({})
          .describe("Prometheus Operator PodMonitor."),
        prometheusRule: z
          .object({
            enabled: z
              .boolean()
              .default(true)
              .describe("Render a PrometheusRule with the access-log alerts (lines nginx, or in Envoy mode Envoy, could not hand over; fluent-bit's file output failing or restarting) when the cluster serves monitoring.coreos.com/v1."),
            labels: z.record(z.string(), z.string()).default({}).describe("Extra labels of the PrometheusRule (to match a Prometheus' ruleSelector)."),
          })
          .strict()
          .prefault({})
          .describe("Prometheus Operator PrometheusRule."),
      })
      .strict()
      .prefault({})
      .describe("Metrics for Prometheus."),
    tests: z
      .object({
        enabled: z.boolean().default(true).describe("Render the `helm test` Pod that checks nginx answers through the Service."),
        image: z.string().default("curlimages/curl:8.11.1").describe("Image with curl for the test Pod."),
      })
      .strict()
      .prefault({})
      .describe("`helm test` hook."),
  })
  .strict();

export type Values = z.output<typeof values>;
