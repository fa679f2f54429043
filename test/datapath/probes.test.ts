// nginx's probes as the kubelet runs them, against real nginx on the rendered nginx.conf:
// the probe's port resolved among the container's ports, its path requested as the
// kubelet's prober requests it, its verdict by the kubelet's rule.
import { describe, expect, it } from "vitest";
import type { IProbe } from "kubernetes-models/v1/Probe";
import { exchange } from "./rig/client.ts";
import { withRig, type Rig } from "./rig/rig.ts";
import { httpProbeSucceeds, resolveProbePort } from "../support/container-runtime.ts";

/**
 * One HTTP probe: GET of the path (an empty one is "/", as Go's client sends a URL without
 * one) with the prober's User-Agent and Accept (pkg/probe/http/request.go, NewProbeRequest),
 * to the pod's address. Connection refused fails the probe.
 */
async function probe(rig: Rig, definition: IProbe): Promise<boolean> {
  const { httpGet } = definition;
  if (!httpGet) throw new Error("not an HTTP probe");
  const port = resolveProbePort(httpGet.port, rig.pod.nginx.container);
  const request = `GET ${httpGet.path || "/"} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUser-Agent: kube-probe/1.31\r\nAccept: */*\r\nConnection: close\r\n\r\n`;
  try {
    return httpProbeSucceeds((await exchange(port, Buffer.from(request), "GET")).status);
  } catch {
    return false;
  }
}

describe("nginx's probes", () => {
  it("pass while nginx serves and fail once it has stopped: readiness takes the pod out of the Service, liveness restarts a dead nginx", () =>
    withRig({}, async (rig) => {
      const { readinessProbe, livenessProbe } = rig.pod.nginx.container;
      const probes = { readiness: readinessProbe, liveness: livenessProbe };
      for (const [kind, definition] of Object.entries(probes)) expect(definition?.httpGet, `${kind} probe`).toBeDefined();
      await rig.startInChartOrder();
      for (const [kind, definition] of Object.entries(probes)) expect(await probe(rig, definition!), `${kind} probe on serving nginx`).toBe(true);
      // The health server answers its one path: a probe pointed elsewhere (the image's html directory) would not test nginx's health.
      for (const path of ["/", "/index.html", "/healthz/"]) expect(await probe(rig, { httpGet: { path, port: readinessProbe!.httpGet!.port } }), path).toBe(false);
      await rig.stopInChartOrder();
      for (const [kind, definition] of Object.entries(probes)) expect(await probe(rig, definition!), `${kind} probe on stopped nginx`).toBe(false);
    }));
});
