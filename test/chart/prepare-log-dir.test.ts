// The prepare-log-dir init container, as Helm renders it, run by the real sh and coreutils
// as root with only CAP_CHOWN (setpriv) on a directory standing in for the node's hostPath:
// it must create and hand over only a directory of its own, never the hostPath itself.
import { spawnSync } from "node:child_process";
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { IContainer } from "kubernetes-models/v1/Container";
import type { IPodSpec } from "kubernetes-models/v1/PodSpec";
import { helmBinaries } from "../../helm/run.ts";
import { renderOrThrow } from "../../compiler/testing/render.ts";
import chartDefinition from "../../resources/index.ts";
import { requireInstalled } from "../datapath/rig/programs.ts";
import { ALL_CAPABILITIES, capabilitiesOf, effectiveSecurityContext, noNewPrivileges } from "../support/container-runtime.ts";
import { compileToDirectory } from "../support/differential.ts";
import { containerNamed, podSpecOf } from "../support/rendered-pod.ts";

const { dir } = compileToDirectory(chartDefinition);
const [helm] = helmBinaries();

let pod: IPodSpec;
let container: IContainer;


let node: string;
afterEach(() => rmSync(node, { recursive: true, force: true }));

/**
 * Runs the container's command with the hostPath mount moved to `hostPath`, as containerd
 * would run it: as root, in the pod's fsGroup, holding the capabilities its securityContext
 * leaves it (capabilitiesOf), with no_new_privs when it forbids privilege escalation, and
 * with the root filesystem read-only but for the mount when it asks for that.
 */
function runOn(hostPath: string) {
  requireInstalled("setpriv");
  requireInstalled("unshare");
  if (process.getuid?.() !== 0) throw new Error("this test runs as root: the init container is root with CAP_CHOWN");
  // The node's directory reaches the container only through its mount of the hostPath volume.
  const output = pod.volumes!.find((volume) => volume.hostPath)!;
  const mountPath = container.volumeMounts?.find((mount) => mount.name === output.name)?.mountPath;
  expect(mountPath, "prepare-log-dir's mount of the hostPath volume").toBeDefined();
  const context = effectiveSecurityContext(pod.securityContext, container.securityContext);
  if (context.runAsUser !== 0) throw new Error(`prepare-log-dir runs as ${context.runAsUser}, and this test only as root`);
  const held = [...capabilitiesOf(context)].map((name) => (name === ALL_CAPABILITIES ? "+all" : `+${name.replace(/^CAP_/, "").toLowerCase()}`));
  const [shell, flag, script] = container.command!;
  const env = Object.fromEntries((container.env ?? []).map((variable) => [variable.name, variable.value ?? ""]));
  const setpriv = [
    "setpriv", `--bounding-set=${["-all", ...held].join(",")}`, "--inh-caps=-all", `--groups=${pod.securityContext!.fsGroup}`,
    ...(noNewPrivileges(context) ? ["--no-new-privs"] : []),
    shell!, flag!, script!.replaceAll(mountPath!, hostPath),
  ];
  // The mount is a mount of its own (bound onto itself), so it stays writable under a read-only root.
  const readOnlyRoot = context.readOnlyRootFilesystem === true ? 'mount --bind "$1" "$1" && mount -o remount,bind,ro / || exit 1; ' : "";
  const argv = ["--mount", "--propagation", "private", "sh", "-c", `${readOnlyRoot}shift; exec "$@"`, "sh", hostPath, ...setpriv];
  return spawnSync("unshare", argv, { encoding: "utf8", env: { PATH: process.env.PATH, ...env } });
}

const owner = (path: string) => `${statSync(path).uid}:${statSync(path).gid} ${(statSync(path).mode & 0o7777).toString(8)}`;

describe("prepare-log-dir", () => {
  // Inside the describe: Stryker's vitest runner counts the tests of a failing file-level
  // beforeAll as skipped, not failed (vitest-runner's findSuiteError looks only at describes).
  beforeAll(async () => {
    pod = podSpecOf(await renderOrThrow(helm!, dir, {}));
    container = containerNamed(pod, "prepare-log-dir");
  });

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

  it("refuses a file in place of its directory, and leaves the file alone", () => {
    node = mkdtempSync(join(tmpdir(), "hostpath-"));
    writeFileSync(join(node, "accesslog"), "the node's own file\n");
    const run = runOn(node);
    // mkdir fails (EEXIST) and the script stops there (set -e): chown would have given the file away.
    expect(run.status).not.toBe(0);
    expect(owner(join(node, "accesslog"))).toBe("0:0 644");
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
