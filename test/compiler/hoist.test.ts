// A named list item written in more than one place: its common leading fields move to a
// helper in _helpers.tpl that each place includes; short or scope-bound ones stay inline.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { compileChart, defineChart, defineTemplate, each, symbolicValues, tpl } from "../../compiler/index.ts";

const values = z
  .object({ tag: z.string().default("1"), names: z.array(z.string()).default([]) })
  .strict();
const v = symbolicValues(values);

const shipper = { name: "log-shipper", image: tpl`shipper:${v.tag}`, args: ["-c", "/etc/c.conf"], ports: [{ containerPort: 2020 }], securityContext: { runAsNonRoot: true } };

function compile(podSpec: object): { template: string; helpers: string } {
  const chart = defineChart({
    metadata: { name: "demo", version: "0.1.0", appVersion: "1", description: "demo" },
    values,
    valuesHeader: "Demo values.",
    helpers: [],
    templates: [defineTemplate("pod.yaml", () => ({ kind: "Pod", spec: podSpec }))],
  });
  const compiled = compileChart(chart);
  expect(compiled.diagnostics).toEqual([]);
  return { template: compiled.files.get("templates/pod.yaml")!, helpers: compiled.files.get("templates/_helpers.tpl")! };
}

describe("hoisting a map written in more than one place", () => {
  it("moves the common leading fields to a named helper and includes it where each copy was", () => {
    const { template, helpers } = compile({
      initContainers: [{ ...shipper, restartPolicy: "Always" }],
      containers: [{ name: "app", image: "app" }, { ...shipper, readinessProbe: { tcpSocket: { port: 2020 } } }],
    });
    expect(template).toContain(["  initContainers:", "    -", '      {{- include "demo.logShipperContainer" . | nindent 6 }}', "      restartPolicy: Always"].join("\n"));
    expect(template).toContain(["    -", '      {{- include "demo.logShipperContainer" . | nindent 6 }}', "      readinessProbe:"].join("\n"));
    expect(template).not.toContain("shipper:");
    expect(helpers).toContain(
      [
        "{{/*\nThe log-shipper container's fields that are the same wherever the chart writes it (pod.yaml).\n*/}}",
        '{{- define "demo.logShipperContainer" -}}',
        "name: log-shipper",
        'image: {{ printf "shipper:%s" .Values.tag | quote }}',
      ].join("\n"),
    );
  });

  it("leaves a map inline when it is written once, or shares too few fields", () => {
    const once = compile({ containers: [shipper] });
    expect(once.template).toContain("- name: log-shipper");
    expect(once.helpers).not.toContain("logShipper");
    const short = compile({ initContainers: [{ name: "log-shipper", image: "a", x: 1 }], containers: [{ name: "log-shipper", image: "a", x: 2 }] });
    expect(short.helpers).not.toContain("logShipper");
  });

  it("leaves fields that read a range variable inline: a helper only sees the root context", () => {
    const { helpers, template } = compile({
      byName: each(v.names, (name) => ({
        initContainers: [{ ...shipper, image: name, restartPolicy: "Always" }],
        containers: [{ ...shipper, image: name }],
      })),
    });
    expect(helpers).not.toContain("logShipper");
    expect(template).toContain("- name: log-shipper");
  });
});
