// chart/README.md as Artifact Hub shows it: react-markdown with remark-gfm
// (artifacthub/hub web/src/layout/package/readme/Readme.tsx, `remarkPlugins={[[remarkGfm, …]]}`),
// whose tables are micromark-extension-gfm-table and mdast-util-gfm-table. The README is parsed
// here with those two, so a row that breaks the table breaks this test as it breaks the page.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Heading, Root, RootContent, Table } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import { toString } from "mdast-util-to-string";
import { gfmTable } from "micromark-extension-gfm-table";
import { visit } from "unist-util-visit";
import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import type { IService } from "kubernetes-models/v1/Service";
import { describe, expect, it } from "vitest";
import { defaultValues } from "../../compiler/index.ts";
import { leafPaths } from "../../compiler/values/index.ts";
import { renderWithHelm, type Rendered } from "../../compiler/testing/render.ts";
import { helmBinaries } from "../../helm/run.ts";
import { ENVOY_EQUIVALENTS, type EnvoyEquivalent } from "../../resources/access-log/envoy-fields.ts";
import chartDefinition from "../../resources/index.ts";
import { OFFICIAL_GATEWAY_VALUES } from "../../resources/official-gateway-values.ts";
import { values } from "../../values-schema/index.ts";
import { compileToDirectory } from "../support/differential.ts";
import { DIFFERS_FROM_NGINX, DOCUMENTED_OPERATOR } from "../support/envoy-operators.ts";
import { containerNamed, podSpecOf } from "../support/rendered-pod.ts";

const { dir } = compileToDirectory(chartDefinition);
/** This chart's defaults, as values.yaml holds them. */
const DEFAULTS = defaultValues(values) as { nginx: { listenPort: number; tls: Record<string, unknown> } } & Record<string, unknown>;
const readme: Root = fromMarkdown(readFileSync(join(dir, "README.md"), "utf8"), { extensions: [gfmTable()], mdastExtensions: [gfmTableFromMarkdown()] });

/** The rows of the one table whose header is these cells, as the page's text of each cell. */
function tableWithHeader(header: readonly string[]): string[][] {
  const tables: string[][][] = [];
  visit(readme, "table", (table: Table) => {
    tables.push(table.children.map((row) => row.children.map((cell) => toString(cell))));
  });
  const matching = tables.filter((rows) => JSON.stringify(rows[0]) === JSON.stringify(header));
  expect(matching, `one table headed ${header.join(" | ")}`).toHaveLength(1);
  return matching[0]!.slice(1);
}

/** The nodes under the heading with this text, up to the next heading of its level or above. */
function section(title: string): RootContent[] {
  const start = readme.children.findIndex((node) => node.type === "heading" && toString(node) === title);
  expect(start, `a heading "${title}"`).toBeGreaterThanOrEqual(0);
  const { depth } = readme.children[start] as Heading;
  const end = readme.children.findIndex((node, index) => index > start && node.type === "heading" && node.depth <= depth);
  return readme.children.slice(start + 1, end === -1 ? undefined : end);
}

describe("the README's table of nginx variables in Envoy mode", () => {
  const rows = tableWithHeader(["nginx variable", "Envoy operator", "conversion", "still differs"]);
  const row = (variable: string) => rows.find(([cell]) => cell === variable);

  it("gives each nginx variable the operator Envoy documents for the same value", () => {
    for (const [variable, operator] of Object.entries(DOCUMENTED_OPERATOR)) expect(row(variable)?.[1], variable).toBe(operator);
  });

  it("adds the request headers and cookies, which have no variable of their own", () => {
    expect(rows.find(([cell]) => cell?.startsWith("$http_<name>"))?.[1]).toBe("%REQ(<name>)%");
    // Envoy has no per-cookie operator: the Lua filter picks the cookie from the whole header.
    expect(rows.find(([cell]) => cell?.startsWith("$cookie_<name>"))?.[1]).toMatch(/^%REQ\(COOKIE\)%/);
    expect(rows).toHaveLength(Object.keys(DOCUMENTED_OPERATOR).length + 2);
  });

  it("says what still differs for each variable whose Envoy value is not nginx's", () => {
    for (const [variable, difference] of Object.entries(DIFFERS_FROM_NGINX)) expect(row(variable)?.[3], `${variable}: ${difference}`).not.toBe("");
  });

  it("shows the chart's conversion and caveat of each variable, and nothing where it has none", () => {
    for (const [variable, equivalent] of Object.entries(ENVOY_EQUIVALENTS) as [string, EnvoyEquivalent][]) {
      expect(row(variable)?.slice(2), variable).toEqual([equivalent.convert, equivalent.caveat ?? ""]);
    }
  });
});

/**
 * The official istio/gateway chart's defaults for the values both charts have
 * (manifests/charts/gateway/values.yaml at istio/istio 86c9f01; replicaCount is unset there,
 * "Otherwise defaults to Kubernetes Deployment default (1)"; `podDisruptionBudget: {}` renders
 * none). Written from that file, not from the table under test.
 */
const OFFICIAL_DEFAULTS: Readonly<Record<string, unknown>> = {
  revision: "",
  replicaCount: 1,
  kind: "Deployment",
  "rbac.enabled": true,
  "serviceAccount.create": true,
  "service.type": "LoadBalancer",
  "autoscaling.enabled": true,
  "autoscaling.minReplicas": 1,
  "autoscaling.maxReplicas": 5,
  "autoscaling.targetCPUUtilizationPercentage": 80,
  networkGateway: "",
  imagePullPolicy: "",
  podDisruptionBudget: { enabled: false },
  terminationGracePeriodSeconds: 30,
  "global.networkPolicy.enabled": false,
};

/** A default as a note states it: `default 2`, `default enabled, maxUnavailable 1`. */
function statedDefault(value: unknown): string {
  if (typeof value !== "object" || value === null) return `default ${String(value)}`;
  const settings = Object.entries(value).map(([key, setting]) => (key === "enabled" ? (setting === true ? "enabled" : "disabled") : `${key} ${String(setting)}`));
  return `default ${settings.join(", ")}`;
}

describe("the README's table of the official istio/gateway chart's values", () => {
  const rows = tableWithHeader(["official istio/gateway value", "this chart's value", "note"]);

  it("shows each row of the table, note included, in its order", () => {
    expect(rows).toEqual(OFFICIAL_GATEWAY_VALUES.map(({ official, ours, note }) => [official, ours ?? "—", note ?? ""]));
  });

  it("states this chart's default wherever it differs from the official chart's", () => {
    const ourDefault = (key: string) => key.split(".").reduce<unknown>((node, step) => (node as Record<string, unknown> | undefined)?.[step], DEFAULTS);
    const differing = Object.entries(OFFICIAL_DEFAULTS).flatMap(([official, theirs]) => {
      const row = OFFICIAL_GATEWAY_VALUES.find((candidate) => candidate.official === official);
      expect(row?.ours, `${official} is a row of the table with a key of this chart`).toBeTruthy();
      const ours = ourDefault(row!.ours!);
      return JSON.stringify(ours) === JSON.stringify(theirs) ? [] : [{ official, ours, note: rows.find(([cell]) => cell === official)?.[2] ?? "" }];
    });
    // replicaCount, autoscaling, the disruption budget and the grace period are this chart's own.
    expect(differing.length).toBeGreaterThanOrEqual(4);
    for (const { official, ours, note } of differing) expect(note, official).toContain(statedDefault(ours));
  });
});

describe("the README's HTTPS section", () => {
  const codeSpans: string[] = [];
  for (const node of section("HTTPS")) visit(node, "inlineCode", (code) => void codeSpans.push(code.value));

  it("names every nginx.tls value, by its key or under its parent's", () => {
    const undocumented = leafPaths(DEFAULTS.nginx.tls, "nginx.tls").filter((path) => {
      const parent = path.slice(0, path.lastIndexOf("."));
      const key = path.slice(path.lastIndexOf(".") + 1);
      return !codeSpans.includes(path) && !(codeSpans.includes(parent) && codeSpans.some((code) => code === key || code.startsWith(`${key}:`)));
    });
    expect(undocumented).toEqual([]);
  });
});

type Outcome = Awaited<ReturnType<typeof renderWithHelm>>;
const rendered = (outcome: Outcome): Rendered => {
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome.rendered;
};
const refusal = (outcome: Outcome): string => (outcome.ok ? "rendered" : outcome.error);
const OPENSHIFT = { platform: "openshift", accessLog: { output: { prepareHostPath: false } }, kernelQueue: { podSysctlSurvivesInjection: true } };

/** What a note says this chart does with the official value, and values that show it does. */
const CLAIMS: { official: string; says: string; values: Record<string, unknown>; holds: (outcome: Outcome) => void }[] = [
  { official: "networkGateway", says: "refused", values: { gateway: { networkGateway: "network2" } }, holds: (outcome) => expect(refusal(outcome)).toContain("gateway.networkGateway is set") },
  { official: "service.healthCheckNodePort", says: "checked", values: { service: { healthCheckNodePort: 32100 } }, holds: (outcome) => expect(refusal(outcome)).toContain("service.healthCheckNodePort is set") },
  { official: "strategy", says: "checked against gateway.kind", values: { gateway: { strategy: { type: "OnDelete" } } }, holds: (outcome) => expect(refusal(outcome)).toContain("which only a DaemonSet has") },
  {
    official: "securityContext",
    says: "fsGroup (accessLog.socketGroupId)",
    values: { gateway: { podSecurityContext: { fsGroup: 4242 } } },
    holds: (outcome) => expect(refusal(outcome)).toContain("gateway.podSecurityContext.fsGroup is set, but the pods' fsGroup is accessLog.socketGroupId"),
  },
  {
    official: "podAnnotations",
    says: "Istio's injection annotations are the chart's own",
    values: { gateway: { podAnnotations: { "inject.istio.io/templates": "sidecar" } } },
    holds: (outcome) => {
      const [deployment] = rendered(outcome)["deployment.yaml"] as IDeployment[];
      expect(deployment?.spec?.template.metadata?.annotations?.["inject.istio.io/templates"]).toBe("gateway");
    },
  },
  {
    official: "service.ports",
    says: "traffic ports target nginx (nginx.listenPort)",
    values: {},
    holds: (outcome) => {
      const [service] = rendered(outcome)["service.yaml"] as IService[];
      const traffic = service?.spec?.ports?.filter((port) => port.name !== "status-port") ?? [];
      expect(traffic.map((port) => port.targetPort)).toEqual([DEFAULTS.nginx.listenPort]);
    },
  },
  {
    official: "resources",
    says: "nginx.resources and fluentBit.resources size the sidecars",
    values: { nginx: { resources: { limits: { memory: "300Mi" } } }, fluentBit: { resources: { limits: { memory: "200Mi" } } } },
    holds: (outcome) => {
      const spec = podSpecOf(rendered(outcome));
      expect(containerNamed(spec, "nginx").resources?.limits?.["memory"]).toBe("300Mi");
      expect(containerNamed(spec, "fluent-bit").resources?.limits?.["memory"]).toBe("200Mi");
    },
  },
  { official: "platform (profile openshift)", says: "openshift.securityContextConstraints", values: OPENSHIFT, holds: (outcome) => expect(rendered(outcome)["openshift-scc.yaml"]).toHaveLength(1) },
];

describe("the notes of the official values table", () => {
  const rows = tableWithHeader(["official istio/gateway value", "this chart's value", "note"]);
  const [helm] = helmBinaries();

  it.each(CLAIMS)("$official: the note says what the chart does with it, and it does", async ({ official, says, values: claimValues, holds }) => {
    expect(rows.find(([cell]) => cell === official)?.[2]).toContain(says);
    holds(await renderWithHelm(helm!, dir, claimValues));
  });
});
