// The pod's volumes: configs, the shared socket directory, scratch space, the buffer and
// the node directory that receives the per-day files.
import type { IVolume } from "kubernetes-models/v1/Volume";
import { and, each, ne, spreadItems, tpl, when, type Expr, type Templated } from "../../compiler/index.ts";
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

/** The CA bundle of client certificates (nginx.tls.clientCertificates). */
export const NGINX_CLIENT_CA_VOLUME = "nginx-tls-client-ca";
/** Whether nginx asks clients for certificates (and mounts their CA). */
export const clientCertificatesOn = and(v.nginx.tls.enabled, ne(v.nginx.tls.clientCertificates.verify, "off"));

/** The volume of certificate n of nginx.tls.certificates: Secret names can be longer than a volume name may be. */
export const nginxTlsVolumeName = (index: Expr<number>) => tpl`nginx-tls-${index}`;

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

/**
 * The TLS Secrets nginx serves, read-only and readable by the pod's group only (the key is
 * in there): nginx's non-root user reads them through the pod's fsGroup. No subPath, so the
 * kubelet updates the files when the Secret changes (a subPath mount would stay stale).
 */
export const nginxTlsVolumes = (): Templated<IVolume>[] =>
  when(
    and(nginxSource, v.nginx.tls.enabled),
    [
      ...each(v.nginx.tls.certificates, (certificate, index) => ({ name: nginxTlsVolumeName(index), secret: { secretName: certificate.secretName, defaultMode: 0o440 } }), { as: "certificate" }),
      ...when(clientCertificatesOn, [{ name: NGINX_CLIENT_CA_VOLUME, secret: { secretName: v.nginx.tls.clientCertificates.caSecretName, defaultMode: 0o440 } }]),
    ],
  );

/** The bootstrap addition istio-proxy reads (accessLog.source envoy). */
export const envoyVolumes = (): Templated<IVolume>[] => [{ name: VOLUMES.envoyBootstrap, configMap: { name: envoyBootstrapConfigMapName } }];

/** The chart's own volumes in pod order: fluent-bit's, then the source's (the user's extraVolumes follow). */
export const accessLogVolumes = (): Templated<IVolume>[] => [
  ...fluentBitVolumes(),
  ...when(nginxSource, nginxVolumes()),
  ...when(envoySource, envoyVolumes()),
];

/**
 * TLS volumes come after the chart's others: IstioOperator mode (which refuses nginx.tls)
 * counts those by position. The forward CA goes last, so it moves no index either.
 */
export const podVolumes = (): Templated<IVolume>[] => [...accessLogVolumes(), ...nginxTlsVolumes(), ...spreadItems(v.gateway.extraVolumes), ...when(forwardsWithOwnCa, [forwardCaVolume()])];
