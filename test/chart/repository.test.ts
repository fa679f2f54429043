// The chart as teams without Node get it: from a chart repository served over HTTP, with
// real Helm 3 and Helm 4, layered per-cluster values files.
import { createServer, type Server } from "node:http";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { helmBinaries, runHelm, type HelmBinary } from "../../helm/run.ts";
import { cpSync } from "node:fs";
import { PackageRefused, packageChart } from "../../compiler/package.ts";

const repoDir = mkdtempSync(join(tmpdir(), "chart-repo-"));
let server: Server;
let repoUrl = "";

beforeAll(async () => {
  await packageChart({ chartDir: "chart", outDir: repoDir, url: "", helm: helmBinaries()[0]! });
  server = createServer((request, response) => {
    const file = join(repoDir, decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname));
    if (!file.startsWith(repoDir) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no address");
  repoUrl = `http://127.0.0.1:${address.port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const base = { accessLog: { timeZone: "UTC" }, nginx: { workerProcesses: 3 }, gateway: { replicaCount: 3 } };
const clusterA = { nginx: { workerProcesses: 8 }, service: { annotations: { "example.com/lb": "internal" } } };

describe.each(helmBinaries())("$label", (helm: HelmBinary) => {
  const state = mkdtempSync(join(tmpdir(), "helm-repo-state-"));
  const repoFlags = ["--repository-config", join(state, "repositories.yaml"), "--repository-cache", join(state, "cache")];
  const helmOk = async (...args: string[]) => {
    const result = await runHelm(helm, [...args, ...repoFlags]);
    expect(result.status, `helm ${args.join(" ")}\n${result.stderr}`).toBe(0);
    return result.stdout;
  };

  it("adds, updates and searches the repository", async () => {
    await helmOk("repo", "add", "accesslog", repoUrl);
    await helmOk("repo", "update");
    const found = await helmOk("search", "repo", "accesslog/ingressgateway-accesslog", "--output", "json");
    const version = /version:\s*(\S+)/.exec(readFileSync("chart/Chart.yaml", "utf8"))![1];
    expect(JSON.parse(found)).toEqual([expect.objectContaining({ name: "accesslog/ingressgateway-accesslog", version })]);
  });

  it("shows the values and pulls the archive", async () => {
    const shown = await helmOk("show", "values", "accesslog/ingressgateway-accesslog");
    expect(shown.trimEnd()).toBe(readFileSync("chart/values.yaml", "utf8").trimEnd());
    const destination = mkdtempSync(join(tmpdir(), "pulled-"));
    await helmOk("pull", "accesslog/ingressgateway-accesslog", "--destination", destination);
    expect(readdirSync(destination)).toEqual([expect.stringMatching(/^ingressgateway-accesslog-.*\.tgz$/)]);
  });

  it("renders from the repository with layered per-cluster values files and --set", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cluster-values-"));
    writeFileSync(join(dir, "base.yaml"), JSON.stringify(base));
    writeFileSync(join(dir, "cluster-a.yaml"), JSON.stringify(clusterA));
    // Helm 3's install --dry-run=client still asks a cluster for its version; Helm 4's does not.
    const commands = helm.label.includes("3.") ? [["template"]] : [["template"], ["install", "--dry-run=client"]];
    for (const command of commands) {
      const output = await helmOk(
        ...command, "gw", "accesslog/ingressgateway-accesslog", "--namespace", "istio-ingress",
        "-f", join(dir, "base.yaml"), "-f", join(dir, "cluster-a.yaml"), "--set", "gateway.replicaCount=5",
      );
      const documents = parseAllDocuments(output.slice(output.indexOf("---"))).map((document) => document.toJS() as Record<string, any>).filter(Boolean);
      const deployment = documents.find((document) => document.kind === "Deployment")!;
      const nginxConf: string = documents.find((document) => document.kind === "ConfigMap" && "nginx.conf" in document.data)!.data["nginx.conf"];
      const service = documents.find((document) => document.kind === "Service")!;
      expect(deployment.spec.replicas).toBe(5); // --set beats both files
      expect(nginxConf).toContain("worker_processes 8;"); // the later file beats the earlier
      const nginx = deployment.spec.template.spec.containers.find((container: { name: string }) => container.name === "nginx");
      expect(nginx.env).toContainEqual({ name: "TZ", value: "UTC" }); // the earlier file still applies
      expect(service.metadata.annotations).toEqual({ "example.com/lb": "internal" });
    }
  });

  it("refuses a misspelt key in a per-cluster file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cluster-values-"));
    writeFileSync(join(dir, "typo.yaml"), JSON.stringify({ ngnix: { workerProcesses: 8 } }));
    const result = await runHelm(helm, ["template", "gw", "accesslog/ingressgateway-accesslog", "-f", join(dir, "typo.yaml"), ...repoFlags]);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/Additional property ngnix is not allowed|additional properties 'ngnix' not allowed/);
  });
});

describe("packaging", () => {
  it("refuses a chart whose helm-unittest suites fail, naming the failure", async () => {
    const chartCopy = join(mkdtempSync(join(tmpdir(), "broken-chart-")), "chart");
    cpSync("chart", chartCopy, { recursive: true });
    writeFileSync(
      join(chartCopy, "tests/broken_test.yaml"),
      "suite: broken\ntemplates: [service.yaml]\ntests:\n  - it: should fail on purpose\n    asserts:\n      - equal: {path: spec.type, value: NodePort}\n",
    );
    const attempt = packageChart({ chartDir: chartCopy, outDir: mkdtempSync(join(tmpdir(), "repo-")), url: "", helm: helmBinaries()[0]! });
    await expect(attempt).rejects.toBeInstanceOf(PackageRefused);
    await expect(attempt).rejects.toThrow(/suites fail \(1\)[\s\S]*should fail on purpose/);
  });
});
