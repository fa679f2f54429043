// The PodMonitor and the PrometheusRule, read as the Prometheus Operator and Prometheus read
// them: which Prometheus finds the PodMonitor, which of the pod's ports each endpoint scrapes
// and at what path, and when each alert fires, evaluated by promtool over sample series.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import { afterAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { DEFAULT_RENDER, renderOrThrow, type Rendered } from "../../compiler/testing/render.ts";
import { helmBinaries } from "../../helm/run.ts";
import chartDefinition from "../../resources/index.ts";
import { requireInstalled } from "../datapath/rig/programs.ts";
import { compileToDirectory } from "../support/differential.ts";
import { labelSelectorMatches } from "../support/label-selector.ts";
import { containersOf, podSpecOf } from "../support/rendered-pod.ts";

const { dir } = compileToDirectory(chartDefinition);
const helm = helmBinaries()[0]!;
const MONITORING = { ...DEFAULT_RENDER, apiVersions: ["monitoring.coreos.com/v1"] };
const render = (values: Record<string, unknown>) => renderOrThrow(helm, dir, values, MONITORING);

interface PodMonitor {
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  spec: { selector: { matchLabels: Record<string, string> }; podMetricsEndpoints: { port: string; path: string; interval: string }[] };
}
interface AlertRule {
  alert: string;
  expr: string;
  labels: Record<string, string>;
  annotations: { summary: string; description: string };
}
interface PrometheusRule {
  metadata: { labels: Record<string, string> };
  spec: { groups: { name: string; rules: AlertRule[] }[] };
}
const podMonitorOf = (rendered: Rendered) => rendered["podmonitor.yaml"]![0] as PodMonitor;
const prometheusRuleOf = (rendered: Rendered) => rendered["prometheusrule.yaml"]![0] as PrometheusRule;

const ENVOY_MODE = { accessLog: { source: "envoy" } };
type Severity = "warning" | "critical";
const FORWARDING = { accessLog: { forward: { enabled: true, host: "fluentd.logging.svc" } } };

describe("the PodMonitor", () => {
  it("is found by a Prometheus that selects PodMonitors by metrics.podMonitor.labels, and selects the release's pods", async () => {
    const rendered = await render({ metrics: { podMonitor: { labels: { release: "kube-prometheus-stack" } } } });
    const podMonitor = podMonitorOf(rendered);
    // A Prometheus resource's podMonitorSelector is a label selector over PodMonitors.
    expect(labelSelectorMatches({ matchLabels: { release: "kube-prometheus-stack" } }, podMonitor.metadata.labels)).toBe(true);
    const pod = (rendered["deployment.yaml"]![0] as IDeployment).spec!.template.metadata!.labels!;
    expect(labelSelectorMatches(podMonitor.spec.selector, pod)).toBe(true);
  });

  /**
   * Where each process serves Prometheus text, from its source: fluent-bit's HTTP server
   * (src/http_server/api/v2/metrics.c:125, flb_hs_register_endpoint), fluent-bit's
   * prometheus_exporter output (plugins/out_prometheus_exporter/prom_http.c:50, any other path
   * is a 404), and Envoy's stats listener that Istio's bootstrap opens on 15090
   * (tools/packaging/common/envoy_bootstrap.json:607 and :648, prefix /stats/prometheus).
   */
  const SERVED = [
    { container: "fluent-bit", containerPort: 2020, path: "/api/v2/metrics/prometheus" },
    { container: "fluent-bit", containerPort: 2021, path: "/metrics" },
    { container: "istio-proxy", containerPort: 15090, path: "/stats/prometheus" },
  ];

  it.each([
    { mode: "nginx", values: {}, endpoints: 3 },
    { mode: "Envoy", values: ENVOY_MODE, endpoints: 2 },
  ])("scrapes, in $mode mode, a named port of the pod at the path its process serves", async ({ values, endpoints }) => {
    const rendered = await render(values);
    const containers = containersOf(podSpecOf(rendered));
    // The Prometheus Operator keeps a pod target only where __meta_kubernetes_pod_container_port_name
    // equals the endpoint's port (pkg/prometheus/promcfg.go, the PodMonitor's relabelling);
    // Prometheus's pod discovery lists init containers' ports too (native sidecars).
    const scraped = podMonitorOf(rendered).spec.podMetricsEndpoints.map((endpoint) => {
      const container = containers.find((candidate) => candidate.ports?.some((port) => port.name === endpoint.port));
      const port = container?.ports?.find((candidate) => candidate.name === endpoint.port);
      return { container: container?.name, containerPort: port?.containerPort, path: endpoint.path };
    });
    expect(scraped).toHaveLength(endpoints);
    for (const target of scraped) expect(SERVED).toContainEqual(target);
  });
});

describe("the PrometheusRule", () => {
  const work = mkdtempSync(join(tmpdir(), "promtool-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const promtool = (args: string[]) => {
    requireInstalled("promtool");
    return spawnSync("promtool", args, { encoding: "utf8", cwd: work });
  };

  it.each([
    { mode: "nginx", values: {} },
    { mode: "Envoy", values: ENVOY_MODE },
    { mode: "forwarding", values: FORWARDING },
  ])("passes promtool check rules in $mode mode, and is found by a Prometheus selecting rules by its labels", async ({ values }) => {
    const rule = prometheusRuleOf(await render({ ...values, metrics: { prometheusRule: { labels: { release: "kube-prometheus-stack" } } } }));
    writeFileSync(join(work, "check.yaml"), stringify({ groups: rule.spec.groups }));
    const checked = promtool(["check", "rules", "check.yaml"]);
    expect(checked.status, checked.stdout + checked.stderr).toBe(0);
    expect(labelSelectorMatches({ matchLabels: { release: "kube-prometheus-stack" } }, rule.metadata.labels)).toBe(true);
  });

  it("gives every alert a summary, and a description that starts with the pod's name", async () => {
    for (const values of [{}, ENVOY_MODE, FORWARDING]) {
      for (const rule of prometheusRuleOf(await render(values)).spec.groups.flatMap((group) => group.rules)) {
        expect(rule.annotations.summary, rule.alert).toMatch(/\w+ \w+/);
        // What Alertmanager's notification shows first: which pod lost lines.
        expect(rule.annotations.description, rule.alert).toMatch(/^\{\{ \$labels\.pod \}\}: \S+ .{20,}/);
      }
    }
  });

  /**
   * Runs `promtool test rules` on the rendered alerts (annotations left out: their text is
   * checked above) with the series the test gives, labelled as the PodMonitor's scrape labels
   * them: job <namespace>/<PodMonitor name> (the Prometheus Operator's default job label),
   * namespace and pod. Returns promtool's verdict.
   */
  const firing = async (values: Record<string, unknown>, series: Record<string, string>, tests: { at: string; alert: string; severity: Severity; pods: string[] }[]) => {
    const rendered = await render(values);
    const podMonitor = podMonitorOf(rendered);
    const job = `${podMonitor.metadata.namespace}/${podMonitor.metadata.name}`;
    const groups = prometheusRuleOf(rendered).spec.groups.map((group) => ({ ...group, rules: group.rules.map(({ annotations: _, ...rule }) => rule) }));
    writeFileSync(join(work, "rules.yaml"), stringify({ groups }));
    const labelled = (selector: string) => selector.replace(/\{/, `{job="${job}",namespace="${podMonitor.metadata.namespace}",`);
    writeFileSync(
      join(work, "rules.test.yaml"),
      stringify({
        rule_files: ["rules.yaml"],
        evaluation_interval: "1m",
        tests: [
          {
            interval: "1m",
            input_series: Object.entries(series).map(([selector, values]) => ({ series: labelled(selector), values })),
            alert_rule_test: tests.map(({ at, alert, severity, pods }) => ({
              eval_time: at,
              alertname: alert,
              exp_alerts: pods.map((pod) => ({ exp_labels: { severity, namespace: podMonitor.metadata.namespace, pod } })),
            })),
          },
        ],
      }),
    );
    const result = promtool(["test", "rules", "rules.test.yaml"]);
    return { passed: result.status === 0, output: result.stdout + result.stderr };
  };
  const expectFiring = async (...args: Parameters<typeof firing>) => {
    const { passed, output } = await firing(...args);
    expect(passed, output).toBe(true);
  };

  it("AccessLogReaderRestarted fires for the pod whose fluent-bit uptime went back, not for the one that kept counting", async () => {
    await expectFiring(
      {},
      { 'fluentbit_uptime{pod="gw-a"}': "60+60x5 10+60x12", 'fluentbit_uptime{pod="gw-b"}': "60+60x18" },
      [
        { at: "7m", alert: "AccessLogReaderRestarted", severity: "warning", pods: ["gw-a"] },
        // "restarted {{ $value }} times in 10 minutes": seven minutes after the restart (at 6m)
        // it still fires, eleven minutes after it no longer does.
        { at: "13m", alert: "AccessLogReaderRestarted", severity: "warning", pods: ["gw-a"] },
        { at: "17m", alert: "AccessLogReaderRestarted", severity: "warning", pods: [] },
      ],
    );
  });

  it("AccessLogLinesNotHandedOver fires for a growing counter, and for one that appeared already above zero", async () => {
    // fluent-bit's counter appears with its first increment (fluent-bit/config.ts), so a pod's
    // first lost lines are a new series: increase() needs two samples of it, the unless-offset
    // term does not.
    await expectFiring(
      {},
      {
        'accesslog_nginx_lines_not_handed_over_total{pod="gw-grows"}': "0 0 0 5 9 9 9 9 9 9 9 9 9 9 9",
        'accesslog_nginx_lines_not_handed_over_total{pod="gw-new"}': "_ _ _ _ _ 3 3 3 3 3 3 3 3 3 3",
        'accesslog_nginx_lines_not_handed_over_total{pod="gw-steady"}': "7x14",
      },
      [
        { at: "5m", alert: "AccessLogLinesNotHandedOver", severity: "warning", pods: ["gw-grows", "gw-new"] },
        { at: "14m", alert: "AccessLogLinesNotHandedOver", severity: "warning", pods: [] },
      ],
    );
  });

  it("AccessLogFileOutputFailing fires on errors or exhausted retries of the day-file output, not of another output", async () => {
    await expectFiring(
      FORWARDING,
      {
        'fluentbit_output_errors_total{pod="gw-errors",name="day_files"}': "0 0 2 4 4 4",
        'fluentbit_output_retries_failed_total{pod="gw-retries",name="day_files"}': "0 0 0 1 1 1",
        'fluentbit_output_errors_total{pod="gw-forward",name="forward"}': "0 0 2 4 4 4",
      },
      // Critical: the day files are the record the collector reads; nothing else has the lines.
      [{ at: "5m", alert: "AccessLogFileOutputFailing", severity: "critical", pods: ["gw-errors", "gw-retries"] }],
    );
  });

  it("AccessLogForwardDropping fires on records the forward output dropped, with forwarding on", async () => {
    await expectFiring(
      FORWARDING,
      {
        'fluentbit_output_dropped_records_total{pod="gw-drops",name="forward"}': "0 0 10 20 20 20",
        'fluentbit_output_dropped_records_total{pod="gw-files",name="day_files"}': "0 0 10 20 20 20",
      },
      // A warning: the day files still have the records.
      [{ at: "5m", alert: "AccessLogForwardDropping", severity: "warning", pods: ["gw-drops"] }],
    );
  });

  it("AccessLogEntriesLost fires in Envoy mode on the entries Envoy's fluentd logger lost", async () => {
    await expectFiring(ENVOY_MODE, { 'envoy_access_logs_fluentd_accesslog_entries_lost{pod="gw-lost"}': "0 0 1 1 1 1" }, [
      { at: "5m", alert: "AccessLogEntriesLost", severity: "warning", pods: ["gw-lost"] },
    ]);
  });

  it("reports an alert that does not fire as promtool's failure, so the cases above can fail", async () => {
    const { passed, output } = await firing({}, { 'fluentbit_uptime{pod="gw-a"}': "60+60x11" }, [{ at: "10m", alert: "AccessLogReaderRestarted", severity: "warning", pods: ["gw-a"] }]);
    expect(passed).toBe(false);
    expect(output).toContain("AccessLogReaderRestarted");
  });
});
