// The pod's volumes: configs, the shared socket directory, scratch space, the buffer and
// the node directory that receives the per-day files.
import type { IVolume } from "kubernetes-models/v1/Volume";
import { spreadItems, tpl, type Templated } from "../../compiler/index.ts";
import { helpers, v } from "../values.ts";

export const VOLUMES = {
  nginxConfig: "nginx-config",
  nginxTmp: "nginx-tmp",
  socket: "accesslog-socket",
  fluentBitConfig: "fluent-bit-config",
  fluentBitBuffer: "fluent-bit-buffer",
  output: "accesslog-output",
} as const;

export const nginxConfigMapName = tpl`${helpers.fullname}-nginx`;
export const fluentBitConfigMapName = tpl`${helpers.fullname}-fluent-bit`;

/** The chart's own volumes (the user's extraVolumes follow them). */
export const accessLogVolumes = (): Templated<IVolume>[] => [
  { name: VOLUMES.nginxConfig, configMap: { name: nginxConfigMapName } },
  { name: VOLUMES.nginxTmp, emptyDir: { sizeLimit: "256Mi" } },
  // Memory-backed: the socket only needs an inode, and tmpfs keeps it off the node's disk.
  { name: VOLUMES.socket, emptyDir: { medium: "Memory", sizeLimit: "1Mi" } },
  { name: VOLUMES.fluentBitConfig, configMap: { name: fluentBitConfigMapName } },
  { name: VOLUMES.fluentBitBuffer, emptyDir: { sizeLimit: v.fluentBit.storageLimit } },
  { name: VOLUMES.output, hostPath: { path: v.accessLog.output.hostPath, type: "DirectoryOrCreate" } },
];

export const podVolumes = (): Templated<IVolume>[] => [...accessLogVolumes(), ...spreadItems(v.gateway.extraVolumes)];
