// The SecurityContextConstraints the gateway pods are admitted under on OpenShift (platform
// openshift), and the grant that lets the gateway's ServiceAccount use it.
//
// OpenShift admits a pod under an SCC the pod's ServiceAccount (or its creator) may `use`;
// the default for every authenticated user, restricted-v2, has no hostPath volume, and the
// per-day files must reach the node's collector through one. This SCC is restricted-v2 as
// OpenShift 4.11+ ships it (openshift/cluster-kube-apiserver-operator, bindata
// 0000_20_kube-apiserver-operator_00_scc-restricted-v2.yaml) with hostPath added: users,
// fsGroup and SELinux level still come from the namespace's ranges, no capability, no
// privilege escalation, the runtime's seccomp profile.
import type { IClusterRole } from "kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole";
import type { IRoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding";
import { and, defaultTo, defineTemplate, ne, or, release, resource, tpl, when } from "../compiler/index.ts";
import { injectionMode, openshiftPlatform, queueByPodSysctl } from "./modes.ts";
import { resourceAnnotations, resourceLabels, resourceMetadata } from "./metadata.ts";
import { helpers, v } from "./values.ts";

/** security.openshift.io/v1 SecurityContextConstraints, the fields the chart writes (openshift/api security/v1/types.go). */
interface SecurityContextConstraints {
  apiVersion: "security.openshift.io/v1";
  kind: "SecurityContextConstraints";
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  priority: number | null;
  allowPrivilegedContainer: boolean;
  allowPrivilegeEscalation: boolean;
  defaultAddCapabilities: string[];
  requiredDropCapabilities: string[];
  allowedCapabilities: string[];
  allowHostDirVolumePlugin: boolean;
  volumes: string[];
  allowHostNetwork: boolean;
  allowHostPorts: boolean;
  allowHostPID: boolean;
  allowHostIPC: boolean;
  seLinuxContext: { type: "MustRunAs" };
  runAsUser: { type: "MustRunAsRange" };
  fsGroup: { type: "MustRunAs" };
  supplementalGroups: { type: "RunAsAny" };
  readOnlyRootFilesystem: boolean;
  seccompProfiles: string[];
  allowedUnsafeSysctls?: string[];
  users: string[];
  groups: string[];
}

const scc = v.openshift.securityContextConstraints;
/** Cluster-scoped, so the namespace is in the name: one release per namespace may have the same name. */
const createdName = tpl`${release.namespace}-${helpers.fullname}`;
export const sccName = defaultTo(scc.name, createdName);

/** Granted when the chart creates the SCC or names an existing one; otherwise a cluster administrator binds one. */
const grants = or(scc.create, ne(scc.name, ""));

const clusterMetadata = (name: typeof sccName) => ({ name, labels: resourceLabels(), ...resourceAnnotations() });

export const openshiftSecurityContextConstraints = defineTemplate(
  "openshift-scc.yaml",
  () =>
    resource<SecurityContextConstraints>({
      apiVersion: "security.openshift.io/v1",
      kind: "SecurityContextConstraints",
      metadata: clusterMetadata(sccName),
      // None, as restricted-v2: OpenShift tries the SCCs a pod may use by priority, then the
      // most restrictive first, so a pod that needs no hostPath is still admitted under restricted-v2.
      priority: null,
      allowPrivilegedContainer: false,
      allowPrivilegeEscalation: false,
      defaultAddCapabilities: [],
      requiredDropCapabilities: ["ALL"],
      allowedCapabilities: ["NET_BIND_SERVICE"],
      // The one addition to restricted-v2: the node directory of the per-day files.
      allowHostDirVolumePlugin: true,
      volumes: ["configMap", "downwardAPI", "emptyDir", "ephemeral", "hostPath", "persistentVolumeClaim", "projected", "secret"],
      allowHostNetwork: false,
      allowHostPorts: false,
      allowHostPID: false,
      allowHostIPC: false,
      seLinuxContext: { type: "MustRunAs" },
      runAsUser: { type: "MustRunAsRange" },
      fsGroup: { type: "MustRunAs" },
      supplementalGroups: { type: "RunAsAny" },
      readOnlyRootFilesystem: false,
      seccompProfiles: ["runtime/default"],
      // An SCC admits an unsafe sysctl only when it lists it (and the kubelet must allow it too).
      ...when(queueByPodSysctl, { allowedUnsafeSysctls: ["net.unix.max_dgram_qlen"] }),
      users: [],
      groups: [],
    }),
  { when: and(openshiftPlatform, injectionMode, scc.create) },
);

export const openshiftSccGrant = defineTemplate(
  "openshift-scc-rbac.yaml",
  () => [
    resource<IClusterRole>({
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRole",
      metadata: clusterMetadata(tpl`${createdName}-scc`),
      rules: [{ apiGroups: ["security.openshift.io"], resources: ["securitycontextconstraints"], resourceNames: [sccName], verbs: ["use"] }],
    }),
    // A RoleBinding, not a ClusterRoleBinding: the grant holds in the release's namespace only.
    resource<IRoleBinding>({
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: resourceMetadata(tpl`${helpers.fullname}-scc`),
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: tpl`${createdName}-scc` },
      subjects: [{ kind: "ServiceAccount", name: helpers.serviceAccountName, namespace: release.namespace }],
    }),
  ],
  { when: and(openshiftPlatform, injectionMode, grants) },
);
