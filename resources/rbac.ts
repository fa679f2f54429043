// Lets the gateway's Envoy read TLS Secrets in its namespace (Istio SDS), as the
// official gateway chart does.
import type { IRole } from "kubernetes-models/rbac.authorization.k8s.io/v1/Role";
import type { IRoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding";
import { and, defineTemplate, release, resource } from "../compiler/index.ts";
import { injectionMode } from "./modes.ts";
import { helpers, v } from "./values.ts";
import { resourceMetadata } from "./metadata.ts";

export const rbac = defineTemplate(
  "rbac.yaml",
  () => [
    resource<IRole>({
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata: resourceMetadata(helpers.fullname),
      rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["get", "watch", "list"] }],
    }),
    resource<IRoleBinding>({
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: resourceMetadata(helpers.fullname),
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: helpers.fullname },
      subjects: [{ kind: "ServiceAccount", name: helpers.serviceAccountName, namespace: release.namespace }],
    }),
  ],
  { when: and(injectionMode, v.gateway.rbac.enabled) },
);
