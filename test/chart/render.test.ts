// The chart as users install it: defaults and every example values file render on Helm 3
// and Helm 4, pass `helm lint --strict`, validate against Kubernetes schemas, and carry an
// nginx.conf that real nginx accepts.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { helmBinaries, runHelm } from "../../helm/run.ts";
import { DEFAULT_RENDER, renderWithHelm, writeValuesFile } from "../../compiler/testing/render.ts";
import chartDefinition from "../../resources/index.ts";
import { EXAMPLES } from "../../resources/examples.ts";
import { values as valuesSchema } from "../../values-schema/index.ts";
import { compileToDirectory } from "../support/differential.ts";
import { validateDocument } from "../support/kubernetes-models.ts";
import { requireInstalled } from "../datapath/rig/programs.ts";
import { TestCa } from "../datapath/rig/host-certificates.ts";
import { NGINX_TLS_DIR } from "../../resources/paths.ts";

const { dir } = compileToDirectory(chartDefinition);
const cases = [{ name: "defaults", values: {} as Record<string, unknown> }, ...EXAMPLES.map((example) => ({ name: example.name, values: example.values as Record<string, unknown> }))];
const KUBE_VERSIONS = ["v1.28.3", "v1.31.2"];

function nginxTest(nginxConf: string, errorPages: Record<string, string>): { status: number | null; output: string } {
  requireInstalled("nginx");
  const work = mkdtempSync(join(tmpdir(), "nginx-t-"));
  // The rendered config points at pod paths; -t only needs them to be readable or creatable,
  // except the certificates, which nginx loads: the Secrets' mount paths move into the work dir.
  writeFileSync(join(work, "nginx.conf"), withTestCertificates(nginxConf, work));
  for (const [name, page] of Object.entries(errorPages)) writeFileSync(join(work, name), page);
  const result = spawnSync("nginx", ["-t", "-q", "-c", join(work, "nginx.conf")], { encoding: "utf8" });
  return { status: result.status, output: result.stdout + result.stderr };
}

/** Certificates for every Secret directory the config names (nginx.tls), below `work`. */
function withTestCertificates(nginxConf: string, work: string): string {
  const indexes = new Set([...nginxConf.matchAll(new RegExp(`${NGINX_TLS_DIR}/([0-9]+)/`, "g"))].map((match) => match[1]!));
  if (indexes.size === 0) return nginxConf;
  requireInstalled("openssl");
  const ca = TestCa.create();
  try {
    for (const index of indexes) {
      mkdirSync(join(work, "tls", index), { recursive: true });
      for (const [file, content] of Object.entries(ca.issue("example.com", ["example.com"]))) writeFileSync(join(work, "tls", index, file), content);
    }
  } finally {
    ca.dispose();
  }
  return nginxConf.replaceAll(`${NGINX_TLS_DIR}/`, `${join(work, "tls")}/`);
}

describe.each(helmBinaries())("$label", (helm) => {
  describe.each(cases)("values: $name", ({ values }) => {
    it.each(KUBE_VERSIONS)("renders valid Kubernetes documents on %s", async (kubeVersion) => {
      const rendered = await renderWithHelm(helm, dir, values, { ...DEFAULT_RENDER, kubeVersion, apiVersions: ["monitoring.coreos.com/v1"] });
      expect(rendered.ok, rendered.ok ? "" : rendered.error).toBe(true);
      if (!rendered.ok) return;
      const problems = Object.entries(rendered.rendered).flatMap(([file, documents]) => documents.flatMap((document) => validateDocument(document).map((problem) => `${file}: ${problem}`)));
      expect(problems).toEqual([]);
      const workload = (values["gateway"] as { mode?: string } | undefined)?.mode === "istioOperator" ? "istio-operator.yaml" : "deployment.yaml";
      const logWriter = (values["accessLog"] as { source?: string } | undefined)?.source === "envoy" ? "envoy-access-log.yaml" : "nginx-configmap.yaml";
      expect(Object.keys(rendered.rendered)).toEqual(expect.arrayContaining([workload, logWriter, "fluent-bit-configmap.yaml"]));
    });

    it("passes helm lint --strict", async () => {
      const { valuesFile } = writeValuesFile(values);
      const result = await runHelm(helm, ["lint", "--strict", dir, "-f", valuesFile]);
      expect(result.stdout + result.stderr).toContain("0 chart(s) failed");
    });

    it("renders an nginx.conf that nginx -t accepts, or no nginx at all in Envoy mode", async () => {
      const rendered = await renderWithHelm(helm, dir, values);
      if (!rendered.ok) throw new Error(rendered.error);
      if ((values["accessLog"] as { source?: string } | undefined)?.source === "envoy") {
        expect(rendered.rendered["nginx-configmap.yaml"]).toBeUndefined();
        return;
      }
      const configMap = rendered.rendered["nginx-configmap.yaml"]![0] as { data: Record<string, string> };
      const { "nginx.conf": nginxConf, ...pages } = configMap.data;
      const result = nginxTest(nginxConf!, pages);
      expect(result.output).toBe("");
      expect(result.status).toBe(0);
    });
  });
});

describe("the fluent-bit parser", () => {
  it("is a regex Ruby's Onigmo (fluent-bit's engine) compiles and that captures the JSON of an nginx syslog line", () => {
    requireInstalled("ruby");
    const rendered = execFileSync(helmBinaries()[0]!.path, ["template", "gw", dir, "-s", "templates/fluent-bit-configmap.yaml"], { encoding: "utf8" });
    const parsers = (parse(rendered.split(/^---$/m).find((chunk) => chunk.includes("parsers.conf"))!) as { data: Record<string, string> }).data["parsers.conf"]!;
    const regex = /^\s*Regex\s+(.*)$/m.exec(parsers)![1]!;
    // nginx's line for the default fields, in log_format's order with the date last; JSON
    // strings escaped as escape=json does (a quote, a tab, a backslash).
    const line = (header: string, uri: string, date: string) => {
      const fields = Object.fromEntries(valuesSchema.parse({}).accessLog.fields.map((field) => [field.name, field.name === "uri" ? uri : "x"]));
      return `${header}${JSON.stringify({ ...fields, date })}`;
    };
    const samples = [line("<190>Nov 25 09:04:05 nginx_access: ", "/", "2026-11-25"), line("<190>Nov  5 23:59:59 nginx_access: ", '/a?q="x"\t\\', "2026-11-05")];
    const script = `re = Regexp.new(ARGV[0]); ARGV[1..].each { |line| m = re.match(line); puts(m ? m[:message] : "NO MATCH") }`;
    const output = execFileSync("ruby", ["-e", script, regex, ...samples], { encoding: "utf8" }).trim().split("\n");
    expect(output).toEqual(samples.map((line) => line.slice(line.indexOf("{"))));
    expect(() => JSON.parse(output[1]!)).not.toThrow();
  });
});
