import type { IServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import { and, defineTemplate, release, resource, toYaml, withValue } from "../compiler/index.ts";
import { injectionMode } from "./modes.ts";
import { helpers, v } from "./values.ts";

export const serviceAccount = defineTemplate(
  "serviceaccount.yaml",
  () =>
    resource<IServiceAccount>({
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: {
        name: helpers.serviceAccountName,
        namespace: release.namespace,
        labels: helpers.labels.spread(),
        ...withValue(v.gateway.serviceAccount.annotations, (annotations) => ({ annotations: toYaml(annotations) })),
      },
    }),
  { when: and(injectionMode, v.gateway.serviceAccount.create) },
);
