// Container security contexts: non-root, read-only root filesystem, no capabilities.
import type { IIoK8sApiCoreV1SecurityContext } from "kubernetes-models/v1/SecurityContext";
import { unless } from "../../compiler/index.ts";
import { openshiftPlatform } from "../modes.ts";

/**
 * The user and group are the chart's except on OpenShift, whose restricted SCCs assign both
 * from the namespace's range (MustRunAsRange) and refuse a fixed one outside it.
 */
export function restrictedSecurityContext(uid: number, gid: number): IIoK8sApiCoreV1SecurityContext {
  return {
    runAsNonRoot: true,
    ...unless(openshiftPlatform, { runAsUser: uid, runAsGroup: gid }),
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
    capabilities: { drop: ["ALL"] },
    seccompProfile: { type: "RuntimeDefault" },
  };
}
