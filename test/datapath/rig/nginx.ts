// nginx as the pod runs it: the rendered command and args, the ConfigMap mounted at the
// container's path (a private mount namespace), TZ from the container's env, the
// container's uid/gid plus the pod's fsGroup.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { RenderedPod } from "./render.ts";
import { exited } from "./wait.ts";

/**
 * Where a path of nginx's container lives on this machine: the parent of the ConfigMap's
 * mount is replaced by a staged directory (volumes below it, such as the TLS Secrets, too).
 */
export function stagedPath(pod: RenderedPod, root: string, containerPath: string): string {
  const parent = dirname(pod.nginx.configDir);
  if (!containerPath.startsWith(`${parent}/`)) throw new Error(`${containerPath} is not below ${parent}, which the rig replaces`);
  return join(root, "configmap-parent", containerPath.slice(parent.length + 1));
}

/** The argv that runs `argv` inside the pod's view of nginx's files, as nginx's user. */
function podCommand(pod: RenderedPod, root: string, argv: readonly string[]): string[] {
  const parent = dirname(pod.nginx.configDir);
  if (!existsSync(parent)) throw new Error(`${parent} must exist to mount the nginx ConfigMap at ${pod.nginx.configDir} (nginx packages create it)`);
  const staged = join(root, "configmap-parent");
  mkdirSync(join(staged, basename(pod.nginx.configDir)), { recursive: true });
  for (const [file, content] of Object.entries(pod.nginxConfigMap)) writeFileSync(join(staged, basename(pod.nginx.configDir), file), content);
  const user = ["setpriv", `--reuid=${pod.nginx.uid}`, `--regid=${pod.nginx.gid}`, `--groups=${pod.fsGroup}`];
  // readOnlyRootFilesystem as the container runtime applies it: the root mount read-only and
  // the writable volumes mounts of their own (each bound onto itself). The directories of the
  // paths nginx was compiled with (temp directories, pid file: `nginx -V`) are hidden behind
  // an empty read-only tmpfs, as in an image that ships them elsewhere or not at all: nginx
  // then starts and buffers only if the chart moved every one into its writable volume,
  // whatever this machine's /var/lib/nginx holds (ngx_create_paths, src/core/ngx_file.c,
  // tolerates only EEXIST from mkdir at start).
  const readOnly = pod.nginx.readOnlyRootFilesystem;
  const writable = readOnly ? pod.nginx.writableMounts : [];
  const hidden = readOnly ? directoriesOfCompiledInPaths().filter((dir) => !writable.some((mount) => dir === mount || dir.startsWith(`${mount}/`))) : [];
  const bindEach = 'count=$1; shift; for _ in $(seq "$count"); do mount --bind "$1" "$1" || exit 1; shift; done';
  const hideEach = 'count=$1; shift; for _ in $(seq "$count"); do mount -t tmpfs -o ro,size=4k none "$1" || exit 1; shift; done';
  const script = [
    'mount --bind "$1" "$2" || exit 1; shift 2',
    bindEach,
    hideEach,
    ...(readOnly ? ["mount -o remount,bind,ro / || exit 1"] : []),
    'exec "$@"',
  ].join("; ");
  const counted = (paths: readonly string[]) => [String(paths.length), ...paths];
  return ["unshare", "--mount", "--propagation", "private", "sh", "-c", script, "sh", staged, parent, ...counted(writable), ...counted(hidden), ...user, ...argv];
}

let compiledIn: string[] | undefined;

/** The directories holding the temp paths and pid file this nginx was built with (`nginx -V`). */
function directoriesOfCompiledInPaths(): string[] {
  compiledIn ??= (() => {
    const built = spawnSync("nginx", ["-V"], { encoding: "utf8" });
    const paths = [...`${built.stdout}${built.stderr}`.matchAll(/--(?:http-[a-z]+-temp-path|pid-path)=(\S+)/g)].map((match) => match[1]!);
    if (paths.length === 0) throw new Error(`nginx -V names no temp or pid path: ${built.stderr}`);
    return [...new Set(paths.map((path) => dirname(path)))];
  })();
  return compiledIn;
}

function podEnvironment(pod: RenderedPod): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, ...pod.nginx.env };
}

/** `nginx -t` on the rendered config, as the pod's user (as root it would leave root-owned temp dirs). */
export function testConfig(pod: RenderedPod, root: string): { ok: boolean; output: string } {
  const [command, ...args] = podCommand(pod, root, [...pod.nginx.argv, "-t"]);
  const result = spawnSync(command!, args, { encoding: "utf8", env: podEnvironment(pod) });
  return { ok: result.status === 0, output: result.stdout + result.stderr };
}

export class Nginx {
  stderr = "";

  private constructor(readonly process: ChildProcess) {
    process.stderr!.setEncoding("utf8").on("data", (chunk: string) => (this.stderr += chunk));
  }

  static start(pod: RenderedPod, root: string): Nginx {
    const [command, ...args] = podCommand(pod, root, pod.nginx.argv);
    // exec all the way down: the child's pid is nginx's master, which receives the signals.
    return new Nginx(spawn(command!, args, { stdio: ["ignore", "ignore", "pipe"], env: podEnvironment(pod) }));
  }

  /** SIGQUIT, the image's stop signal: finish the requests in progress, then exit. */
  async quit(): Promise<void> {
    this.process.kill("SIGQUIT");
    await exited(this.process, 30_000);
  }

  /** Lines nginx logged at warn or above about the syslog socket. */
  syslogErrors(): string[] {
    return this.stderr.split("\n").filter((line) => /syslog|nginx\.sock/.test(line));
  }
}
