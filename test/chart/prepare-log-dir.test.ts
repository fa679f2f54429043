// The prepare-log-dir init container, as Helm renders it, run by the real sh and coreutils
// as root with only CAP_CHOWN (setpriv) on a directory standing in for the node's hostPath:
// it must create and hand over only a directory of its own, never the hostPath itself.
import { spawnSync } from "node:child_process";
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import type { IContainer } from "kubernetes-models/v1/Container";
import { helmBinaries } from "../../helm/run.ts";
import { renderOrThrow } from "../../compiler/testing/render.ts";
import chartDefinition from "../../resources/index.ts";
import { requireInstalled } from "../datapath/rig/programs.ts";
import { compileToDirectory } from "../support/differential.ts";

const { dir } = compileToDirectory(chartDefinition);
const [helm] = helmBinaries();

let container: IContainer;
let mountPath: string;

beforeAll(async () => {
  const rendered = await renderOrThrow(helm!, dir, {});
  const deployment = rendered["deployment.yaml"]![0] as IDeployment;
  const pod = deployment.spec!.template.spec!;
  container = pod.initContainers!.find((candidate) => candidate.name === "prepare-log-dir")!;
  const output = pod.volumes!.find((volume) => volume.hostPath)!;
  mountPath = container.volumeMounts!.find((mount) => mount.name === output.name)!.mountPath;
});

let node: string;
afterEach(() => rmSync(node, { recursive: true, force: true }));

/** Runs the container's command with the hostPath mount moved to `hostPath`, as the container's root: uid 0 with CAP_CHOWN alone, in the pod's fsGroup. */
function runOn(hostPath: string) {
  requireInstalled("setpriv");
  if (process.getuid?.() !== 0) throw new Error("this test runs as root: the init container is root with CAP_CHOWN");
  const [shell, flag, script] = container.command!;
  const env = Object.fromEntries((container.env ?? []).map((variable) => [variable.name, variable.value ?? ""]));
  const argv = ["--bounding-set=-all,+chown", "--inh-caps=-all", "--groups=10001", shell!, flag!, script!.replaceAll(mountPath, hostPath)];
  return spawnSync("setpriv", argv, { encoding: "utf8", env: { PATH: process.env.PATH, ...env } });
}

const owner = (path: string) => `${statSync(path).uid}:${statSync(path).gid} ${(statSync(path).mode & 0o7777).toString(8)}`;

describe("prepare-log-dir", () => {
  it("creates <hostPath>/accesslog for fluent-bit's user and leaves the hostPath's owner and mode alone", () => {
    node = mkdtempSync(join(tmpdir(), "hostpath-"));
    chmodSync(node, 0o755);
    writeFileSync(join(node, "syslog"), "the node's own file\n");
    const before = owner(node);
    const run = runOn(node);
    expect(run.status, run.stderr).toBe(0);
    expect(owner(node)).toBe(before);
    expect(owner(join(node, "syslog"))).toBe(`0:0 644`);
    expect(owner(join(node, "accesslog"))).toBe("65532:10001 775");
    // A restarted pod finds its directory and keeps it.
    const again = runOn(node);
    expect(again.status, again.stderr).toBe(0);
    expect(owner(join(node, "accesslog"))).toBe("65532:10001 775");
  });

  it("refuses a symbolic link in place of its directory, naming it, and leaves the link's target alone", () => {
    node = mkdtempSync(join(tmpdir(), "hostpath-"));
    const target = join(node, "etc");
    mkdirSync(target, { mode: 0o755 });
    symlinkSync(target, join(node, "accesslog"));
    const run = runOn(node);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("accesslog on the node) is a symbolic link");
    expect(owner(target)).toBe("0:0 755");
    expect(lstatSync(join(node, "accesslog")).isSymbolicLink()).toBe(true);
  });
});
