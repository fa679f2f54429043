import type { IService } from "kubernetes-models/v1/Service";
import { and, defaultTo, hasKey, ifElse, defineTemplate, each, eq, ne, or, resource, mergeMaps, spreadYaml, toYaml, when, withValue, type Expr } from "../compiler/index.ts";
import { envoySource, gatewaySelectorLabels, injectionMode, nginxSource } from "./modes.ts";
import { resourceMetadata } from "./metadata.ts";
import { helpers, v } from "./values.ts";

/**
 * Where a Service port sends traffic. With accessLog.source envoy there is no nginx, so a
 * port aimed at nginx.listenPort goes to Envoy's listener (nginx.upstream.port) instead:
 * per-cluster values files keep working when a cluster switches the source.
 */
export const serviceTargetPort = (port: { targetPort: Expr<number> }) =>
  ifElse(and(envoySource, eq(port.targetPort, v.nginx.listenPort)), v.nginx.upstream.port, port.targetPort);

const loadBalancerType = eq(v.service.type, "LoadBalancer");
const nodePortType = eq(v.service.type, "NodePort");

/** Node ports only mean something on NodePort/LoadBalancer Services. */
export const exposedOnNodes = or(loadBalancerType, nodePortType);

/**
 * The external traffic policy applies to every address outside traffic arrives on: node
 * ports, load balancer IPs, and a ClusterIP Service's external IPs (kubernetes
 * pkg/api/v1/service/util.go ExternallyAccessible, which kube-proxy and the API server use).
 */
export const externallyAccessible = or(loadBalancerType, nodePortType, and(eq(v.service.type, "ClusterIP"), v.service.externalIPs));

/** The Service's addressing, node and load-balancer settings, for the chart's Service and istioctl's alike. */
export const exposureSettings = () => ({
  ...withValue(v.service.clusterIP, (ip) => ({ clusterIP: ip })),
  ...withValue(v.service.externalIPs, (ips) => ({ externalIPs: toYaml(ips) })),
  ...withValue(v.service.internalTrafficPolicy, (policy) => ({ internalTrafficPolicy: policy })),
  ...withValue(v.service.ipFamilyPolicy, (policy) => ({ ipFamilyPolicy: policy })),
  ...withValue(v.service.ipFamilies, (families) => ({ ipFamilies: toYaml(families) })),
  ...when(externallyAccessible, { ...withValue(v.service.externalTrafficPolicy, (policy) => ({ externalTrafficPolicy: policy })) }),
  ...when(eq(v.service.type, "LoadBalancer"), {
    // false is a setting here, so the key is written whenever it is present, not when truthy
    // (and is then a boolean: the schema allows nothing else).
    ...when(hasKey(v.service, "allocateLoadBalancerNodePorts"), { allocateLoadBalancerNodePorts: v.service.allocateLoadBalancerNodePorts as Expr<boolean> }),
    ...withValue(v.service.loadBalancerIP, (ip) => ({ loadBalancerIP: ip })),
    ...withValue(v.service.loadBalancerClass, (name) => ({ loadBalancerClass: name })),
    ...when(eq(v.service.externalTrafficPolicy, "Local"), { ...withValue(v.service.healthCheckNodePort, (nodePort) => ({ healthCheckNodePort: nodePort })) }),
    ...withValue(v.service.loadBalancerSourceRanges, (ranges) => ({ loadBalancerSourceRanges: toYaml(ranges) })),
  }),
});

/** HTTPS to nginx (nginx.tls): a port of its own, so a values file need not repeat nginx.tls.port. */
const httpsServicePort = () => ({ name: "https", port: v.nginx.tls.servicePort, targetPort: v.nginx.tls.port, protocol: "TCP" as const });

export const service = defineTemplate(
  "service.yaml",
  () =>
    resource<IService>({
      apiVersion: "v1",
      kind: "Service",
      metadata: resourceMetadata(helpers.fullname, { labels: mergeMaps(gatewaySelectorLabels(), v.service.labels) as Expr<Record<string, string>>, annotations: v.service.annotations }),
      spec: {
        // The file renders only when the type is not "None", which is ours, not Kubernetes'.
        type: v.service.type as Expr<"LoadBalancer" | "NodePort" | "ClusterIP">,
        ...exposureSettings(),
        selector: { ...helpers.selectorLabels.spread(), ...spreadYaml(v.service.selectorLabels) },
        ports: [
          ...each(v.service.ports, (port) => ({
            name: port.name,
            port: port.port,
            targetPort: serviceTargetPort(port),
            protocol: defaultTo(port.protocol, "TCP"),
            ...withValue(port.appProtocol, (appProtocol) => ({ appProtocol })),
            ...when(exposedOnNodes, { ...withValue(port.nodePort, (nodePort) => ({ nodePort })) }),
          })),
          ...when(and(nginxSource, v.nginx.tls.enabled), [httpsServicePort()]),
        ],
      },
    }),
  { when: and(injectionMode, ne(v.service.type, "None")) },
);
