// The pod as `helm template` renders it: its config files and the facts about its
// containers (command, users, groups, mounts, TZ, the socket queue) the local rig reproduces.
import type { IConfigMap } from "kubernetes-models/v1/ConfigMap";
import type { IContainer } from "kubernetes-models/v1/Container";
import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import type { HelmBinary } from "../../../helm/run.ts";
import { renderWithHelm, type Rendered } from "../../../compiler/testing/render.ts";
import chart from "../../../resources/index.ts";
import { compileToDirectory } from "../../support/differential.ts";
import { containerNamed } from "../../support/rendered-pod.ts";
import { queueLengthAfterSetup } from "../../support/pod-network.ts";

export interface RenderedPod {
  readonly nginxConfigMap: Record<string, string>;
  readonly fluentBitConfigMap: Record<string, string>;
  readonly nginx: {
    /** The container as rendered: its probes and ports, for what the kubelet does with them. */
    readonly container: IContainer;
    readonly argv: string[];
    readonly configDir: string;
    readonly uid: number;
    readonly gid: number;
    readonly env: Record<string, string>;
    /** worker_processes: each worker has its own connected socket to the receiver. */
    readonly workers: number;
    /** Secrets mounted into nginx (nginx.tls certificates), where the container sees them. */
    readonly secretMounts: { readonly secretName: string; readonly mountPath: string; readonly mode: number }[];
    /** securityContext.readOnlyRootFilesystem: nginx may then write only to its writable volumes. */
    readonly readOnlyRootFilesystem: boolean;
    /** Where nginx's emptyDir volumes are mounted writable (the socket's and its temp directory). */
    readonly writableMounts: string[];
  };
  readonly fluentBit: { readonly uid: number; readonly gid: number };
  readonly fsGroup: number;
  /** Whether the platform, not the chart, chose the users and groups above (platform openshift). */
  readonly assignedByPlatform: boolean;
  readonly maxDgramQlen: number | undefined;
  /** The node directory that receives the files, and where fluent-bit sees it. */
  readonly output: { readonly hostPath: string; readonly mountPath: string };
}

/**
 * The users and groups a platform gives a pod that names none, as OpenShift's SCC admission
 * does under restricted-v2 (runAsUser MustRunAsRange, fsGroup MustRunAs: from the namespace's
 * openshift.io/sa.scc.uid-range and supplemental-groups annotations). Every container runs in
 * group 0 there: CRI-O gives a user the image's /etc/passwd does not name the root group.
 */
export interface PlatformAssignment {
  readonly nginxUid: number;
  readonly fluentBitUid: number;
  readonly fsGroup: number;
}

/** OpenShift's primary group of an arbitrary user. */
export const PLATFORM_GROUP = 0;

/**
 * A namespace range as OpenShift allocates them (openshift.io/sa.scc.uid-range
 * 1000680000/10000), with nginx and fluent-bit given different users: restricted-v2 gives
 * every container the range's first, which would hide a socket only its owner can use.
 */
export const OPENSHIFT_ASSIGNMENT: PlatformAssignment = { nginxUid: 1000680000, fluentBitUid: 1000680007, fsGroup: 1000680000 };

let chartDir: string | undefined;

export async function renderPod(helm: HelmBinary, values: unknown, platform?: PlatformAssignment): Promise<RenderedPod> {
  chartDir ??= compileToDirectory(chart).dir;
  const outcome = await renderWithHelm(helm, chartDir, values);
  if (!outcome.ok) throw new Error(`${helm.label} could not render the chart: ${outcome.error}`);
  return podOf(outcome.rendered, platform);
}

/**
 * A container's user and group: the chart's, or with a platform assignment the platform's,
 * and then the chart must have fixed none (the platform would refuse the pod).
 */
function identity(container: IContainer, assignedUid: number | undefined): { uid: number; gid: number } {
  const context = container.securityContext ?? {};
  if (assignedUid === undefined) {
    if (context.runAsUser === undefined || context.runAsGroup === undefined) throw new Error(`${container.name} has no runAsUser or runAsGroup, and the test assigned none`);
    return { uid: context.runAsUser, gid: context.runAsGroup };
  }
  if (context.runAsUser !== undefined || context.runAsGroup !== undefined) {
    throw new Error(`${container.name} fixes runAsUser ${context.runAsUser} / runAsGroup ${context.runAsGroup}, where the platform assigns them`);
  }
  return { uid: assignedUid, gid: PLATFORM_GROUP };
}

function podOf(rendered: Rendered, platform: PlatformAssignment | undefined): RenderedPod {
  const deployment = only<IDeployment>(rendered, "deployment.yaml");
  const spec = deployment.spec!.template.spec!;
  const nginx = containerNamed(spec, "nginx");
  const fluentBit = containerNamed(spec, "fluent-bit");
  const mountOf = (container: IContainer, volume: string) => container.volumeMounts!.find((mount) => mount.name === volume)!.mountPath;
  const configVolume = spec.volumes!.find((volume) => volume.configMap?.name?.endsWith("-nginx"))!;
  const outputVolume = spec.volumes!.find((volume) => volume.hostPath)!;
  const nginxConfigMap = only<IConfigMap>(rendered, "nginx-configmap.yaml").data!;
  return {
    nginxConfigMap,
    fluentBitConfigMap: only<IConfigMap>(rendered, "fluent-bit-configmap.yaml").data!,
    nginx: {
      container: nginx,
      argv: [...(nginx.command ?? []), ...(nginx.args ?? [])],
      configDir: mountOf(nginx, configVolume.name),
      ...identity(nginx, platform?.nginxUid),
      env: Object.fromEntries((nginx.env ?? []).filter((entry) => entry.value !== undefined).map((entry) => [entry.name, entry.value!])),
      workers: Number(/^worker_processes ([0-9]+);$/m.exec(nginxConfigMap["nginx.conf"]!)![1]),
      secretMounts: (nginx.volumeMounts ?? []).flatMap((mount) => {
        const secret = spec.volumes!.find((volume) => volume.name === mount.name)?.secret;
        return secret ? [{ secretName: secret.secretName!, mountPath: mount.mountPath, mode: secret.defaultMode ?? 0o644 }] : [];
      }),
      readOnlyRootFilesystem: nginx.securityContext?.readOnlyRootFilesystem === true,
      writableMounts: (nginx.volumeMounts ?? []).filter((mount) => mount.readOnly !== true && spec.volumes!.some((volume) => volume.name === mount.name && volume.emptyDir)).map((mount) => mount.mountPath),
    },
    fluentBit: identity(fluentBit, platform?.fluentBitUid),
    fsGroup: podFsGroup(spec.securityContext?.fsGroup, platform),
    assignedByPlatform: platform !== undefined,
    // Set by the pod's sysctl or by its privileged init container, whichever the values chose.
    maxDgramQlen: queueLengthAfterSetup(spec as unknown as Record<string, unknown>),
    output: { hostPath: outputVolume.hostPath!.path, mountPath: mountOf(fluentBit, outputVolume.name) },
  };
}

function podFsGroup(rendered: number | undefined, platform: PlatformAssignment | undefined): number {
  if (platform === undefined) {
    if (rendered === undefined) throw new Error("the pod has no fsGroup, and the test assigned none");
    return rendered;
  }
  if (rendered !== undefined) throw new Error(`the pod fixes fsGroup ${rendered}, where the platform assigns it`);
  return platform.fsGroup;
}

function only<T>(rendered: Rendered, file: string): T {
  const documents = rendered[file];
  if (documents?.length !== 1) throw new Error(`expected one document in ${file}, got ${documents?.length ?? 0}`);
  return documents[0] as T;
}
