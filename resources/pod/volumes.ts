// The pod's volumes: configs, the shared socket directory, scratch space, the buffer and
// the node directory that receives the per-day files.
import type { IVolume } from "kubernetes-models/v1/Volume";
import { spreadItems, tpl, when, type Templated } from "../../compiler/index.ts";
import { envoySource, forwardsWithOwnCa, nginxSource } from "../modes.ts";
import { helpers, v } from "../values.ts";
import { FORWARD_CA_FILE } from "../paths.ts";

export const VOLUMES = {
  nginxConfig: "nginx-config",
  nginxTmp: "nginx-tmp",
  socket: "accesslog-socket",
  fluentBitConfig: "fluent-bit-config",
  fluentBitBuffer: "fluent-bit-buffer",
  output: "accesslog-output",
  envoyBootstrap: "accesslog-envoy-bootstrap",
  forwardCa: "accesslog-forward-ca",
} as const;

export const nginxConfigMapName = tpl`${helpers.fullname}-nginx`;
export const fluentBitConfigMapName = tpl`${helpers.fullname}-fluent-bit`;
export const envoyBootstrapConfigMapName = tpl`${helpers.fullname}-envoy-bootstrap`;

/** fluent-bit's volumes, in either source mode. */
export const fluentBitVolumes = (): Templated<IVolume>[] => [
  { name: VOLUMES.fluentBitConfig, configMap: { name: fluentBitConfigMapName } },
  { name: VOLUMES.fluentBitBuffer, emptyDir: { sizeLimit: v.fluentBit.storageLimit } },
  { name: VOLUMES.output, hostPath: { path: v.accessLog.output.hostPath, type: "DirectoryOrCreate" } },
];

/**
 * fluentd's CA, when forwarding over TLS names one. Last in the pod, after the user's
 * extraVolumes, so that IstioOperator mode's positional overlays before it do not shift.
 */
export const forwardCaVolume = (): Templated<IVolume> => ({
  name: VOLUMES.forwardCa,
  secret: { secretName: v.accessLog.forward.tls.caSecret.name, items: [{ key: v.accessLog.forward.tls.caSecret.key, path: FORWARD_CA_FILE.split("/").pop()! }] },
});

/** nginx's volumes and the socket it writes to (accessLog.source nginx). */
export const nginxVolumes = (): Templated<IVolume>[] => [
  { name: VOLUMES.nginxConfig, configMap: { name: nginxConfigMapName } },
  { name: VOLUMES.nginxTmp, emptyDir: { sizeLimit: "256Mi" } },
  // Memory-backed: the socket only needs an inode, and tmpfs keeps it off the node's disk.
  { name: VOLUMES.socket, emptyDir: { medium: "Memory", sizeLimit: "1Mi" } },
];

/** The bootstrap addition istio-proxy reads (accessLog.source envoy). */
export const envoyVolumes = (): Templated<IVolume>[] => [{ name: VOLUMES.envoyBootstrap, configMap: { name: envoyBootstrapConfigMapName } }];

/** The chart's own volumes in pod order: fluent-bit's, then the source's (the user's extraVolumes follow). */
export const accessLogVolumes = (): Templated<IVolume>[] => [
  ...fluentBitVolumes(),
  ...when(nginxSource, nginxVolumes()),
  ...when(envoySource, envoyVolumes()),
];

export const podVolumes = (): Templated<IVolume>[] => [...accessLogVolumes(), ...spreadItems(v.gateway.extraVolumes), ...when(forwardsWithOwnCa, [forwardCaVolume()])];
