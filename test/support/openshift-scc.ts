// security.openshift.io/v1 SecurityContextConstraints, validated as OpenShift's API server
// would: no npm package models OpenShift's kinds, so this states the CRD's rules by hand from
// openshift/api (commit 2a3d739), security/v1/zz_generated.crd-manifests/
// 0000_03_config-operator_01_securitycontextconstraints.crd.yaml (`required`, field types,
// nullable) and security/v1/types.go (FSType, the strategy types).

/** The CRD's `required` list. priority and the capability lists may be null, not absent. */
const REQUIRED = [
  "allowHostDirVolumePlugin", "allowHostIPC", "allowHostNetwork", "allowHostPID", "allowHostPorts", "allowPrivilegedContainer",
  "allowedCapabilities", "defaultAddCapabilities", "priority", "readOnlyRootFilesystem", "requiredDropCapabilities", "volumes",
] as const;

const BOOLEANS = [
  "allowHostDirVolumePlugin", "allowHostIPC", "allowHostNetwork", "allowHostPID", "allowHostPorts", "allowPrivilegeEscalation",
  "allowPrivilegedContainer", "defaultAllowPrivilegeEscalation", "readOnlyRootFilesystem",
] as const;

const STRING_LISTS = [
  "allowedCapabilities", "allowedUnsafeSysctls", "defaultAddCapabilities", "forbiddenSysctls", "groups", "requiredDropCapabilities", "seccompProfiles", "users", "volumes",
] as const;

/** types.go, FSType. */
const VOLUME_TYPES = new Set([
  "azureFile", "azureDisk", "flocker", "flexVolume", "hostPath", "emptyDir", "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "secret", "nfs", "iscsi",
  "glusterfs", "persistentVolumeClaim", "rbd", "cinder", "cephFS", "downwardAPI", "fc", "configMap", "vsphere", "quobyte", "photonPersistentDisk", "projected",
  "portworxVolume", "scaleIO", "storageOS", "csi", "ephemeral", "image", "*", "none",
]);

/** types.go, SELinuxContextStrategyType, RunAsUserStrategyType, FSGroupStrategyType, SupplementalGroupsStrategyType. */
const STRATEGIES: Record<string, readonly string[]> = {
  seLinuxContext: ["MustRunAs", "RunAsAny"],
  runAsUser: ["MustRunAs", "MustRunAsRange", "MustRunAsNonRoot", "RunAsAny"],
  fsGroup: ["MustRunAs", "RunAsAny"],
  supplementalGroups: ["MustRunAs", "RunAsAny"],
};

export function validateSecurityContextConstraints(document: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const key of REQUIRED) if (!(key in document)) problems.push(`${key} is required`);
  for (const key of BOOLEANS) if (key in document && typeof document[key] !== "boolean") problems.push(`${key} must be a boolean`);
  for (const key of STRING_LISTS) {
    const list = document[key];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list) || list.some((item) => typeof item !== "string")) problems.push(`${key} must be a list of strings`);
  }
  const priority = document["priority"];
  if (priority !== undefined && priority !== null && !Number.isInteger(priority)) problems.push("priority must be an integer or null");
  for (const volume of Array.isArray(document["volumes"]) ? document["volumes"] : []) if (!VOLUME_TYPES.has(volume as string)) problems.push(`volumes: ${String(volume)} is not an FSType`);
  for (const [key, types] of Object.entries(STRATEGIES)) {
    const strategy = document[key] as { type?: unknown } | undefined | null;
    if (strategy === undefined || strategy === null) continue;
    if (typeof strategy.type !== "string" || !types.includes(strategy.type)) problems.push(`${key}.type must be one of ${types.join(", ")}`);
  }
  const metadata = document["metadata"] as { name?: unknown; namespace?: unknown } | undefined;
  if (typeof metadata?.name !== "string" || metadata.name === "") problems.push("metadata.name is required");
  if (metadata?.namespace !== undefined) problems.push("metadata.namespace is set, but SecurityContextConstraints are cluster-scoped");
  return problems;
}

/**
 * restricted-v2, the SCC every authenticated user may use, as OpenShift ships it today
 * (openshift/cluster-kube-apiserver-operator at c813e82, bindata/bootkube/scc-manifests/
 * 0000_20_kube-apiserver-operator_00_scc-restricted-v2.yaml); the use is granted through
 * the ClusterRoleBinding beside it, not through users or groups. Metadata left out.
 */
export const RESTRICTED_V2 = {
  allowHostDirVolumePlugin: false,
  allowHostIPC: false,
  allowHostNetwork: false,
  allowHostPID: false,
  allowHostPorts: false,
  allowPrivilegeEscalation: false,
  allowPrivilegedContainer: false,
  allowedCapabilities: ["NET_BIND_SERVICE"],
  defaultAddCapabilities: null,
  fsGroup: { type: "MustRunAs" },
  groups: [],
  priority: null,
  readOnlyRootFilesystem: false,
  requiredDropCapabilities: ["ALL"],
  runAsUser: { type: "MustRunAsRange" },
  seLinuxContext: { type: "MustRunAs" },
  seccompProfiles: ["runtime/default"],
  supplementalGroups: { type: "RunAsAny" },
  users: [],
  volumes: ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "image", "persistentVolumeClaim", "projected", "secret"],
} as const;

/**
 * Whether a user may have pods admitted under an SCC: openshift/apiserver-library-go
 * pkg/securitycontextconstraints/sccmatching/matcher.go ConstraintAppliesTo, which checks the
 * SCC's users, then its groups, then asks the authorizer whether the user may `use` it in the
 * pod's namespace (authorizedForSCC: verb use, API group security.openshift.io, resource
 * securitycontextconstraints, the SCC's name).
 */
export function sccUsableBy(
  scc: { metadata: { name: string }; users?: readonly string[] | null; groups?: readonly string[] | null },
  user: { name: string; groups: readonly string[] },
  mayUse: (request: { verb: "use"; apiGroup: "security.openshift.io"; resource: "securitycontextconstraints"; name: string }) => boolean,
): boolean {
  if ((scc.users ?? []).includes(user.name)) return true;
  if (user.groups.some((group) => (scc.groups ?? []).includes(group))) return true;
  return mayUse({ verb: "use", apiGroup: "security.openshift.io", resource: "securitycontextconstraints", name: scc.metadata.name });
}
