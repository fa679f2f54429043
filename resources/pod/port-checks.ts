// The gateway pod's containers share one network namespace: two listeners on one port fail
// at start (the second bind gets EADDRINUSE), and istio-proxy owns Istio's ports. Each check
// fails the render naming the keys.
import { and, conditionHelper, eq, listOf, lengthOf, ne, toInt, unique, type Expr } from "../../compiler/index.ts";
import { envoySource, nginxSource } from "../modes.ts";
import { CHART_NAME, v } from "../values.ts";

/**
 * Ports istio-proxy listens on or reserves in the pod (istio.io, "Application Requirements",
 * Ports used by Istio: 15000 admin, 15001/15006 traffic capture, 15004 debug, 15008/15009
 * HBONE, 15020 merged metrics, 15021 health, 15053 DNS, 15090 Envoy's Prometheus stats).
 */
const ISTIO_PORTS = [15000, 15001, 15004, 15006, 15008, 15009, 15020, 15021, 15053, 15090];

/**
 * Whether two of the ports, or one and an Istio port, are the same, as a named helper: the
 * list is long and a check reads better by its name. Values compare as integers: Helm reads
 * YAML numbers as float64, the literals are int.
 */
const clash = (name: string, keys: string, ports: Expr<number>[]) => {
  const all = listOf<number>(...ports.map((port) => toInt(port)), ...ISTIO_PORTS);
  return conditionHelper(`${CHART_NAME}.${name}`, `Whether ${keys} and Istio's ports are not all different.`, ne(lengthOf(unique(all)), lengthOf(all)));
};

export const portChecks = [
  {
    when: and(nginxSource, clash("nginxPortsClash", "nginx.listenPort, nginx.healthPort, fluentBit.httpPort, fluentBit.metricsPort", [v.nginx.listenPort, v.nginx.healthPort, v.fluentBit.httpPort, v.fluentBit.metricsPort])),
    message: `nginx.listenPort, nginx.healthPort, fluentBit.httpPort and fluentBit.metricsPort must differ from each other and from Istio's ports (${ISTIO_PORTS.join(", ")}): the gateway pod's containers share one network namespace, so a second listener on a port fails to start`,
  },
  {
    when: and(nginxSource, v.nginx.tls.enabled, clash("tlsPortClashes", "nginx.tls.port, the other nginx and fluent-bit ports", [v.nginx.tls.port, v.nginx.listenPort, v.nginx.healthPort, v.fluentBit.httpPort, v.fluentBit.metricsPort])),
    message: `nginx.tls.port must differ from nginx.listenPort, nginx.healthPort, fluentBit.httpPort, fluentBit.metricsPort and Istio's ports (${ISTIO_PORTS.join(", ")}): the gateway pod's containers share one network namespace, so a second listener on a port fails to start`,
  },
  {
    when: and(nginxSource, v.nginx.tls.offloadedPort, clash("offloadedPortClashes", "nginx.tls.offloadedPort, the other nginx and fluent-bit ports", [v.nginx.tls.offloadedPort, v.nginx.listenPort, v.nginx.healthPort, v.fluentBit.httpPort, v.fluentBit.metricsPort])),
    message: `nginx.tls.offloadedPort must differ from nginx.listenPort, nginx.healthPort, fluentBit.httpPort, fluentBit.metricsPort and Istio's ports (${ISTIO_PORTS.join(", ")}): the gateway pod's containers share one network namespace, so a second listener on a port fails to start`,
  },
  {
    when: and(
      nginxSource,
      v.nginx.tls.enabled,
      conditionHelper(
        `${CHART_NAME}.offloadedPortIsTlsPort`,
        "Whether nginx.tls.offloadedPort is set to nginx.tls.port.",
        and(v.nginx.tls.offloadedPort, eq(toInt(v.nginx.tls.offloadedPort), toInt(v.nginx.tls.port))),
      ),
    ),
    message: "nginx.tls.offloadedPort and nginx.tls.port are the same port: one is plain HTTP from a load balancer, the other TLS; give them different numbers",
  },
  {
    when: and(envoySource, clash("envoyModePortsClash", "fluentBit.httpPort, accessLog.envoy.port", [v.fluentBit.httpPort, v.accessLog.envoy.port])),
    message: `fluentBit.httpPort and accessLog.envoy.port must differ from each other and from Istio's ports (${ISTIO_PORTS.join(", ")}): the gateway pod's containers share one network namespace, so a second listener on a port fails to start`,
  },
];
