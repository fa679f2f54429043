// `helm test`: the chart's test pod, run as the kubelet runs it. Its command is executed with
// the real sh and curl against HTTP servers on this machine that stand where nginx answers
// through the Service; curl's own --resolve (from a .curlrc, which curl reads unless told not
// to) maps the Service's cluster DNS name to them. Helm marks the release's test passed or
// failed by the pod's exit status (pkg/action/release_testing.go), so the exit status and the
// lines `helm test --logs` prints are what is checked.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { IPod } from "kubernetes-models/v1/Pod";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_RENDER, renderOrThrow } from "../../compiler/testing/render.ts";
import { helmBinaries } from "../../helm/run.ts";
import chartDefinition from "../../resources/index.ts";
import { requireInstalled } from "../datapath/rig/programs.ts";
import { compileToDirectory } from "../support/differential.ts";

const { dir } = compileToDirectory(chartDefinition);
const helm = helmBinaries()[0]!;
const work = mkdtempSync(join(tmpdir(), "helm-test-pod-"));
const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  rmSync(work, { recursive: true, force: true });
});

/** A server answering every request with `status`, as nginx answers for Envoy (or itself). */
async function answering(status: number): Promise<number> {
  const server = createServer((_, response) => response.writeHead(status).end());
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

/** A port nothing listens on: a Service whose nginx does not answer. */
async function refusing(): Promise<number> {
  const port = await answering(200);
  await new Promise((resolve) => servers.pop()!.close(resolve));
  return port;
}

async function renderTestPod(servicePorts: { name: string; port: number; targetPort: number }[]) {
  const rendered = await renderOrThrow(helm, dir, { service: { ports: servicePorts } });
  return rendered["tests/test-connection.yaml"]![0] as IPod;
}

/** Runs the pod's one container's command; the Service's name resolves to this machine. */
async function runTestPod(pod: IPod, ports: number[]): Promise<{ status: number | null; output: string }> {
  requireInstalled("curl");
  const [container] = pod.spec!.containers;
  const host = `${pod.metadata!.name!.replace(/-test-connection$/, "")}.${pod.metadata!.namespace}.svc`;
  writeFileSync(join(work, ".curlrc"), ports.map((port) => `resolve = "${host}:${port}:127.0.0.1"\n`).join(""));
  const [program, ...args] = container!.command!;
  const child = spawn(program!, args, { env: { PATH: process.env["PATH"], CURL_HOME: work } });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
  return { status, output };
}

const NGINX = 8081; // nginx.listenPort's default
const STATUS_PORT = { name: "status-port", port: 15021, targetPort: 15021 };

describe("the helm test pod", () => {
  it("passes when nginx answers on every Service port that targets it, whatever Envoy's status, and prints each", async () => {
    const [plain, other] = [await answering(404), await answering(200)];
    const pod = await renderTestPod([STATUS_PORT, { name: "http2", port: plain, targetPort: NGINX }, { name: "http-alt", port: other, targetPort: NGINX }]);
    const { status, output } = await runTestPod(pod, [plain, other]);
    expect(status, output).toBe(0);
    // The Envoy status port (not nginx's) is not tried: nothing listens there.
    expect(output.trim().split("\n")).toEqual([`port ${plain}: HTTP 404`, `port ${other}: HTTP 200`]);
  });

  it.each([
    { what: "nginx's 502 (Envoy unreachable)", status: 502 },
    { what: "nginx's 503", status: 503 },
    { what: "nginx's 504 (Envoy timed out)", status: 504 },
  ])("fails on $what from one of the ports", async ({ status: answer }) => {
    const [good, bad] = [await answering(404), await answering(answer)];
    const pod = await renderTestPod([{ name: "http2", port: good, targetPort: NGINX }, { name: "http-alt", port: bad, targetPort: NGINX }]);
    const { status, output } = await runTestPod(pod, [good, bad]);
    expect(status, output).not.toBe(0);
    expect(output).toContain(`port ${bad}: HTTP ${answer}`);
  });

  it("fails when nothing answers on a port, and says which port", async () => {
    const [good, port] = [await answering(404), await refusing()];
    const { status, output } = await runTestPod(await renderTestPod([{ name: "http2", port, targetPort: NGINX }, { name: "http-alt", port: good, targetPort: NGINX }]), [port, good]);
    expect(status, output).not.toBe(0);
    // curl prints 000 for no answer and exits non-zero: under `set -e` that ended the script
    // before its echo, and `helm test --logs` showed nothing.
    expect(output).toContain(`port ${port}: HTTP 000`);
  });

  it("is a pod the API server stores, and one Helm replaces on the next run and deletes once it passed", async () => {
    const pod = await renderTestPod([{ name: "http2", port: 80, targetPort: NGINX }]);
    // Container names are DNS-1123 labels (core validation validateContainers, apimachinery IsDNS1123Label).
    for (const container of pod.spec!.containers) expect(container.name).toMatch(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/);
    const annotations = pod.metadata!.annotations!;
    expect(annotations["helm.sh/hook"]).toBe("test");
    // Helm splits the policy on commas, trimmed and lowercased, and keeps every value
    // (pkg/releaseutil/manifest_sorter.go, operateAnnotationValues); it applies
    // before-hook-creation by itself only when the list is empty (pkg/action/hooks.go,
    // execHook). Without it a second `helm test` fails: the pod already exists.
    const policies = (annotations["helm.sh/hook-delete-policy"] ?? "").split(",").map((policy) => policy.trim().toLowerCase());
    expect(policies).toContain("before-hook-creation");
    expect(policies).toContain("hook-succeeded");
    expect(policies.filter((policy) => !["before-hook-creation", "hook-succeeded", "hook-failed"].includes(policy))).toEqual([]);
  });
});
