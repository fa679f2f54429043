// The gateway pod stopping, as the kubelet and Istio's pilot-agent stop it: nginx keeps
// serving for nginx.preStopSleepSeconds while load balancers notice, and Envoy behind it
// must still be there to answer whatever nginx accepts in that time.
import { spawnSync } from "node:child_process";
import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import type { IContainer } from "kubernetes-models/v1/Container";
import { describe, expect, it } from "vitest";
import { DEFAULT_RENDER, renderOrThrow } from "../../compiler/testing/render.ts";
import { helmBinaries } from "../../helm/run.ts";
import chartDefinition from "../../resources/index.ts";
import { compileToDirectory } from "../support/differential.ts";
import { goParseBool, injectGatewayPod, INJECTION_VERSIONS, type PodTemplate } from "../support/istio-injection.ts";

const { dir } = compileToDirectory(chartDefinition);
const helm = helmBinaries()[0]!;

async function injectedPod(values: Record<string, unknown>): Promise<PodTemplate> {
  const deployment = (await renderOrThrow(helm, dir, values, DEFAULT_RENDER))["deployment.yaml"]![0] as IDeployment;
  return injectGatewayPod(deployment.spec!.template as unknown as PodTemplate, deployment.metadata!.name!, { version: INJECTION_VERSIONS[INJECTION_VERSIONS.length - 1]! });
}

const container = (pod: PodTemplate, name: string) => pod.spec.containers.find((candidate) => candidate["name"] === name) as IContainer | undefined;

/** Go's time.ParseDuration for the units a drain duration uses; undefined where Go would refuse it. */
function goDurationSeconds(text: string): number | undefined {
  const units: Record<string, number> = { ns: 1e-9, us: 1e-6, "µs": 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
  if (text === "0") return 0;
  const parts = [...text.matchAll(/([0-9]+(?:\.[0-9]*)?)(ns|us|µs|ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join("") !== text) return undefined;
  return parts.reduce((sum, part) => sum + Number(part[1]) * units[part[2]!]!, 0);
}

/**
 * How pilot-agent stops Envoy after the pod's SIGTERM (istio pkg/envoy/agent.go, terminate,
 * at 86c9f01): with EXIT_ON_ZERO_ACTIVE_CONNECTIONS it sleeps MINIMUM_DRAIN_DURATION, then
 * exits as soon as no downstream connection is active; without it, it exits after
 * terminationDrainDuration, whatever is active. Defaults and parsing: pilot-agent
 * options/options.go (false, 5 s) and pkg/env/var.go (strconv.ParseBool, time.ParseDuration,
 * the default where these fail). The last entry of a name is the one the process sees.
 */
function envoyStop(proxy: IContainer): { waitsForConnections: boolean; upSeconds: number | undefined; acceptsSeconds: number | undefined } {
  const env = (name: string) => proxy.env?.findLast((entry) => entry.name === name)?.value;
  const waitsForConnections = goParseBool(env("EXIT_ON_ZERO_ACTIVE_CONNECTIONS") ?? "") ?? false;
  const minimum = goDurationSeconds(env("MINIMUM_DRAIN_DURATION") ?? "") ?? 5;
  return { waitsForConnections, upSeconds: waitsForConnections ? minimum : undefined, acceptsSeconds: listenersOpenSeconds(proxy) };
}

/**
 * How long Envoy still accepts connections after the pod's SIGTERM. pilot-agent's terminate
 * first calls Envoy's drain_listeners?graceful (istio pkg/envoy/agent.go terminate,
 * pkg/envoy/admin.go DrainListeners, at 86c9f01); Envoy then "continue[s] accepting new
 * connections until the drain timeout", --drain-time-s, and closes its listeners (Envoy's
 * docs, arch_overview/operations/draining). pilot-agent passes proxyConfig.drainDuration as
 * --drain-time-s (pkg/istio-agent/agent.go line 336, pkg/envoy/proxy.go line 138); the pod's
 * proxy config is the PROXY_CONFIG injection writes, over the mesh default of 45 s
 * (pkg/config/mesh/mesh.go line 44). Undefined where pilot-agent could not read it.
 */
function listenersOpenSeconds(proxy: IContainer): number | undefined {
  const config = JSON.parse(proxy.env?.findLast((entry) => entry.name === "PROXY_CONFIG")?.value ?? "{}") as { drainDuration?: string };
  // Envoy takes whole seconds: fmt.Sprint(int(seconds)).
  const seconds = goDurationSeconds(config.drainDuration ?? "45s");
  return seconds === undefined ? undefined : Math.trunc(seconds);
}

/** pilot-agent's MINIMUM_DRAIN_DURATION default: the time a request nginx has read takes to reach Envoy, with room to spare. */
const HANDOFF_SECONDS = 5;

describe("the gateway pod stopping", () => {
  it.each([0, 5, 30])("nginx's preStop hook sleeps nginx.preStopSleepSeconds (%i) before the kubelet sends its stop signal", async (seconds) => {
    // The kubelet runs the preStop hook to its end, then stops the container
    // (pkg/kubelet/kuberuntime/kuberuntime_container.go, killContainer): nginx serves until then.
    const nginx = container(await injectedPod({ nginx: { preStopSleepSeconds: seconds } }), "nginx")!;
    const [program, ...args] = nginx.lifecycle?.preStop?.exec?.command ?? [];
    expect(program).toBe("sleep");
    // coreutils' sleep reads a bare number as seconds; run it as the hook would (0 s here).
    expect(args).toEqual([String(seconds)]);
    expect(spawnSync(program!, args.map(() => "0")).status).toBe(0);
  });

  it.each([0, 5, 30, 120])("Envoy stays up while nginx sleeps %i s before stopping, and until nginx's connections are gone", async (seconds) => {
    // nginx may accept requests for the whole preStop sleep, at times with no connection open
    // to Envoy (its upstream keepalive connections close after 60 s idle): Envoy must neither
    // leave at a fixed time nor before the sleep ends.
    // The grace period must hold the sleep (shutdown-checks.ts).
    const values = { nginx: { preStopSleepSeconds: seconds }, gateway: { terminationGracePeriodSeconds: seconds + 60 } };
    const stop = envoyStop(container(await injectedPod(values), "istio-proxy")!);
    expect(stop.waitsForConnections).toBe(true);
    expect(stop.upSeconds).toBeGreaterThanOrEqual(seconds);
  });

  it.each([0, 5, 30, 40, 41, 120, 300])("Envoy accepts nginx's connections until %i s of nginx's sleep and the hand-off of its last requests are over", async (seconds) => {
    // Envoy closes its listeners after the drain time however many requests nginx still
    // accepts: a request nginx takes after that finds no Envoy to connect to (a 502).
    const values = { nginx: { preStopSleepSeconds: seconds }, gateway: { terminationGracePeriodSeconds: seconds + 60 } };
    const stop = envoyStop(container(await injectedPod(values), "istio-proxy")!);
    expect(stop.acceptsSeconds).toBeGreaterThanOrEqual(seconds + HANDOFF_SECONDS);
  });
});
