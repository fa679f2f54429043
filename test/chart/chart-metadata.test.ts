// Chart.yaml as the chart repository's readers take it: Artifact Hub's annotations (its
// changelog and the images it scans) and Helm's lint rules for the metadata. The images are
// checked against what the default install actually runs.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { compileChart } from "../../compiler/index.ts";
import { DEFAULT_RENDER, renderOrThrow } from "../../compiler/testing/render.ts";
import { helmBinaries } from "../../helm/run.ts";
import chartDefinition from "../../resources/index.ts";
import { EXAMPLES } from "../../resources/examples.ts";
import { compileToDirectory } from "../support/differential.ts";
import { containersOf, podSpecOf } from "../support/rendered-pod.ts";

type Example = (typeof EXAMPLES)[number];

const { dir } = compileToDirectory(chartDefinition);
const chartYaml = parse(readFileSync(join(dir, "Chart.yaml"), "utf8")) as {
  home: string;
  sources: string[];
  keywords: string[];
  annotations: Record<string, string>;
};

/** artifacthub/hub internal/pkg metadata validation: validChangeKinds. */
const CHANGE_KINDS = ["added", "changed", "deprecated", "removed", "fixed", "security"];
/** The programs the pipeline is made of, which a search on Artifact Hub should find it by. */
const PROGRAMS = ["istio", "nginx", "fluent-bit"];

describe("Chart.yaml", () => {
  it("has a changelog Artifact Hub accepts, every entry with its kind", () => {
    // ValidateChange: a kind, when given, is one of validChangeKinds; a description is required.
    // The chart gives every entry a kind: Artifact Hub's changelog groups entries by it.
    const changes = parse(chartYaml.annotations["artifacthub.io/changes"]!) as { kind?: string; description?: string }[];
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) {
      expect(CHANGE_KINDS, JSON.stringify(change)).toContain(change.kind);
      expect(change.description, JSON.stringify(change)).toMatch(/\w+ \w+ \w+/);
    }
  });

  it("lists under artifacthub.io/images every image the default install runs, by its container's program", async () => {
    // Artifact Hub scans the listed images for vulnerabilities; istio-proxy's image is Istio's
    // injection's to choose, not the chart's.
    const rendered = await renderOrThrow(helmBinaries()[0]!, dir, {}, DEFAULT_RENDER);
    const run = new Set(containersOf(podSpecOf(rendered)).filter((container) => container.name !== "istio-proxy").map((container) => container.image));
    const listed = parse(chartYaml.annotations["artifacthub.io/images"]!) as { name: string; image: string }[];
    expect(new Set(listed.map((entry) => entry.image))).toEqual(run);
    // Each is named after the program in its image (nginx, fluent-bit, busybox).
    for (const entry of listed) {
      expect(entry.name).toMatch(/^[a-z][a-z-]+$/);
      expect(entry.image.split("/").at(-1)!.split(":")[0]!).toContain(entry.name);
    }
  });

  it("points home and sources at URLs, the pipeline's programs among the sources and keywords", () => {
    // helm lint (pkg/lint/rules/chartfile.go, validateChartSources): each source a URL.
    const isUrl = (text: string) => /^https:\/\/[a-z0-9.-]+\/\S*$/.test(text);
    expect(isUrl(chartYaml.home)).toBe(true);
    expect(chartYaml.sources.filter((source) => !isUrl(source))).toEqual([]);
    for (const program of PROGRAMS) {
      expect(chartYaml.sources.some((source) => source.endsWith(`/${program}`)), program).toBe(true);
      expect(chartYaml.keywords, program).toContain(program);
    }
    expect(chartYaml.keywords.filter((keyword) => !/^[a-z0-9-]+$/.test(keyword))).toEqual([]);
  });

  it("runs the chart's own checks: an example the values schema refuses fails the compile", () => {
    // resources/examples.ts, examplesSatisfyTheSchema: chart/examples/ are values files users
    // copy, so one the schema refuses must stop the build, not reach the chart repository.
    expect(compileChart(chartDefinition).diagnostics).toEqual([]);
    const examples = EXAMPLES as Example[];
    examples.push({ ...examples[0]!, name: "refused", values: { gateway: { replicaCount: "two" } } as unknown as Example["values"] });
    try {
      expect(compileChart(chartDefinition).diagnostics.map((diagnostic) => diagnostic.message).join("\n")).toContain("example refused does not satisfy the values schema");
    } finally {
      examples.pop();
    }
  });
});
