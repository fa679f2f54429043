import type { IServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import { defineTemplate, release, resource, toYaml, withValue } from "../compiler/index.ts";
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
  { when: v.gateway.serviceAccount.create },
);
