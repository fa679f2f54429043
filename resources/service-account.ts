import type { IServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import { and, defineTemplate, resource } from "../compiler/index.ts";
import { injectionMode } from "./modes.ts";
import { resourceMetadata } from "./metadata.ts";
import { helpers, v } from "./values.ts";

export const serviceAccount = defineTemplate(
  "serviceaccount.yaml",
  () =>
    resource<IServiceAccount>({
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: resourceMetadata(helpers.serviceAccountName, { annotations: v.gateway.serviceAccount.annotations }),
    }),
  { when: and(injectionMode, v.gateway.serviceAccount.create) },
);
