import type { IService } from "kubernetes-models/v1/Service";
import { and, defaultTo, defineTemplate, each, eq, ne, or, release, resource, mergeMaps, spreadYaml, toYaml, when, withValue, type Expr } from "../compiler/index.ts";
import { injectionMode } from "./modes.ts";
import { helpers, v } from "./values.ts";

const exposedOnNodes = or(eq(v.service.type, "LoadBalancer"), eq(v.service.type, "NodePort"));

export const service = defineTemplate(
  "service.yaml",
  () =>
    resource<IService>({
      apiVersion: "v1",
      kind: "Service",
      metadata: {
        name: helpers.fullname,
        namespace: release.namespace,
        labels: { ...helpers.labels.spread(), ...spreadYaml(mergeMaps(v.gateway.selectorLabels, v.service.labels)) },
        ...withValue(v.service.annotations, (annotations) => ({ annotations: toYaml(annotations) })),
      },
      spec: {
        // The file renders only when the type is not "None", which is ours, not Kubernetes'.
        type: v.service.type as Expr<"LoadBalancer" | "NodePort" | "ClusterIP">,
        ...when(exposedOnNodes, { ...withValue(v.service.externalTrafficPolicy, (policy) => ({ externalTrafficPolicy: policy })) }),
        ...when(eq(v.service.type, "LoadBalancer"), {
          ...withValue(v.service.loadBalancerIP, (ip) => ({ loadBalancerIP: ip })),
          ...withValue(v.service.loadBalancerClass, (name) => ({ loadBalancerClass: name })),
          ...withValue(v.service.loadBalancerSourceRanges, (ranges) => ({ loadBalancerSourceRanges: toYaml(ranges) })),
        }),
        selector: helpers.selectorLabels.spread(),
        ports: each(v.service.ports, (port) => ({
          name: port.name,
          port: port.port,
          targetPort: port.targetPort,
          protocol: defaultTo(port.protocol, "TCP"),
          ...when(exposedOnNodes, { ...withValue(port.nodePort, (nodePort) => ({ nodePort })) }),
        })),
      },
    }),
  { when: and(injectionMode, ne(v.service.type, "None")) },
);
