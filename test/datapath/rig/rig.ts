// One gateway pod on this machine: the chart rendered with its paths and ports redirected
// into a temp dir, real nginx, the Ruby receiver and the Envoy stand-in, started and
// stopped in the order the chart enforces (receiver before nginx, nginx before receiver).
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { helmBinaries, type HelmBinary } from "../../../helm/run.ts";
import { answers } from "./client.ts";
import { EnvoyStandIn } from "./envoy.ts";
import { pipelineOf, type Pipeline } from "./fluent-bit-conf.ts";
import { Nginx, stagedPath } from "./nginx.ts";
import { writeSecretVolume, type SecretData } from "./secrets.ts";
import { freePorts } from "./ports.ts";
import { requirePrograms } from "./programs.ts";
import { OPENSHIFT_ASSIGNMENT, renderPod, type PlatformAssignment, type RenderedPod } from "./render.ts";
import { Receiver, type Datagram } from "./receiver.ts";
import { waitFor } from "./wait.ts";

/** The data path is the same whichever Helm renders it; configs.test.ts compares the two. */
export const DATA_PATH_HELM: HelmBinary = helmBinaries()[0]!;

export type Values = { [key: string]: unknown };

export class Rig {
  receiver: Receiver | undefined;
  /** fluent-bit's second socket in the pod: nginx's error log. */
  errorReceiver: Receiver | undefined;
  nginx: Nginx | undefined;
  private readonly receivers: Receiver[] = [];
  private readonly errorReceivers: Receiver[] = [];

  private constructor(
    readonly root: string,
    readonly values: Values,
    readonly pod: RenderedPod,
    readonly pipeline: Pipeline,
    readonly listenPort: number,
    readonly envoy: EnvoyStandIn,
  ) {}

  /**
   * `secrets`: the data of the Secrets the pod mounts into nginx (nginx.tls), by name.
   * `platform`: the users and groups a platform assigns (OpenShift), for values under which the chart fixes none.
   */
  static async create(values: Values = {}, helm = DATA_PATH_HELM, secrets: Record<string, SecretData> = {}, platform?: PlatformAssignment): Promise<Rig> {
    requirePrograms("nginx", "ruby", "setpriv", "unshare", "mount");
    const root = mkdtempSync(join(tmpdir(), "datapath-"));
    chmodSync(root, 0o755);
    const [listenPort, healthPort, upstreamPort] = await freePorts(3);
    const redirected = merge(values, {
      accessLog: { socketDirectory: join(root, "run/accesslog"), output: { hostPath: join(root, "node/log") } },
      nginx: { tmpDirectory: join(root, "tmp"), listenPort, healthPort, upstream: { port: upstreamPort } },
    });
    try {
      // Values for OpenShift fix no users: the rig assigns them as OpenShift's SCC admission would.
      const pod = await renderPod(helm, redirected, platform ?? (values["platform"] === "openshift" ? OPENSHIFT_ASSIGNMENT : undefined));
      for (const dir of ["run/accesslog", "tmp"]) emptyDir(join(root, dir), pod.fsGroup);
      for (const mount of pod.nginx.secretMounts) {
        const data = secrets[mount.secretName];
        if (!data) throw new Error(`the pod mounts Secret ${mount.secretName}, which the test did not give`);
        writeSecretVolume(stagedPath(pod, root, mount.mountPath), data, pod.fsGroup, mount.mode);
      }
      return new Rig(root, redirected, pod, pipelineOf(pod), listenPort!, new EnvoyStandIn(upstreamPort!));
    } catch (error) {
      rmSync(root, { recursive: true, force: true });
      throw error;
    }
  }

  /** A Secret changes as the kubelet updates a mounted one: every volume of it swaps its files at once. */
  updateSecret(secretName: string, data: SecretData): void {
    for (const mount of this.pod.nginx.secretMounts.filter((candidate) => candidate.secretName === secretName)) {
      writeSecretVolume(stagedPath(this.pod, this.root, mount.mountPath), data, this.pod.fsGroup, mount.mode);
    }
  }

  get healthPort(): number {
    return (this.values.nginx as { healthPort: number }).healthPort;
  }

  async startReceiver(): Promise<void> {
    this.receiver = await Receiver.start(this.pod, this.pipeline);
    this.receivers.push(this.receiver);
    // One reader of the error socket across restarts of the access log's (a test that restarts
    // the latter is about its socket).
    if (this.errorReceiver?.running) return;
    this.errorReceiver = await Receiver.start(this.pod, this.pipeline.errorLog);
    this.errorReceivers.push(this.errorReceiver);
  }

  /** Every datagram of nginx's error log, across receiver restarts. */
  errorDatagrams(): Datagram[] {
    return this.errorReceivers.flatMap((receiver) => receiver.datagrams);
  }

  /** Every datagram read, across receiver restarts. */
  datagrams(): Datagram[] {
    return this.receivers.flatMap((receiver) => receiver.datagrams);
  }

  async startNginx(): Promise<void> {
    const nginx = (this.nginx = Nginx.start(this.pod, this.root));
    await waitFor(async () => nginx.process.exitCode !== null || (await answers(this.healthPort, "/healthz")), 10_000, "nginx's health endpoint");
    if (nginx.process.exitCode !== null) throw new Error(`nginx exited: ${nginx.stderr}`);
  }

  async startInChartOrder(): Promise<void> {
    await this.envoy.start();
    await this.startReceiver();
    await this.startNginx();
  }

  async stopInChartOrder(): Promise<void> {
    await this.nginx?.quit();
    await this.receiver?.settle();
    await this.receiver?.stop();
    await this.errorReceiver?.settle();
    await this.errorReceiver?.stop();
    await this.envoy.stop();
  }

  dispose(): void {
    if (this.nginx?.process.exitCode === null) this.nginx.process.kill("SIGKILL");
    for (const receiver of [...this.receivers, ...this.errorReceivers]) receiver.kill();
    rmSync(this.root, { recursive: true, force: true });
  }
}

/**
 * An emptyDir as the kubelet prepares it for a pod with fsGroup: group-owned and setgid, so
 * the socket fluent-bit creates takes the fsGroup. Closed to others (the kubelet's is 0777),
 * so only the group grants nginx its way in.
 */
function emptyDir(path: string, fsGroup: number): void {
  mkdirSync(path, { recursive: true });
  chownSync(path, 0, fsGroup);
  chmodSync(path, 0o2770);
}

function merge(base: Values, override: Values): Values {
  const result: Values = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = result[key];
    const bothObjects = isObject(current) && isObject(value);
    result[key] = bothObjects ? merge(current, value) : value;
  }
  return result;
}

function isObject(value: unknown): value is Values {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Runs `test` on a rig created with `values`, and disposes of the rig whatever the outcome. */
export async function withRig<T>(values: Values, test: (rig: Rig) => Promise<T>): Promise<T> {
  const rig = await Rig.create(values);
  try {
    return await test(rig);
  } finally {
    rig.dispose();
  }
}
