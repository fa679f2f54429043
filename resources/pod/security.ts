// Container security contexts: non-root, read-only root filesystem, no capabilities.
import type { IIoK8sApiCoreV1SecurityContext } from "kubernetes-models/v1/SecurityContext";

export function restrictedSecurityContext(uid: number, gid: number): IIoK8sApiCoreV1SecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: gid,
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
    capabilities: { drop: ["ALL"] },
    seccompProfile: { type: "RuntimeDefault" },
  };
}
