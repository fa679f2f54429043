// `-t NUnit`: the NUnit 2.5 XML helm-unittest 1.1.0 writes
// (pkg/unittest/formatter/nunit_report_xml.go) through Go's encoding/xml MarshalIndent with
// tabs (formatter.go writeContentToFile): attributes in struct-field order, elements never
// self-closed, text escaped as Go's EscapeText escapes it, `results>test-case` nested in one
// <results>. Written by hand for the same reason as reports.ts. Durations are 0.
import { hostname, userInfo } from "node:os";
import { suitePassed } from "./report.ts";
import { stringifyTest } from "./reports.ts";
import type { ChartRunResult, SuiteResult } from "./run-chart.ts";
import type { TestResult } from "./run-test.ts";

export interface NUnitEnvironment {
  readonly platform: string;
  readonly cwd: string;
  readonly machineName: string;
  readonly user: string;
  /** jibber_jabber's DetectLanguage and DetectIETF, from LC_ALL or LANG ("en", "en-US"). */
  readonly culture: string;
  readonly uiCulture: string;
}

export function currentNUnitEnvironment(env: NodeJS.ProcessEnv = process.env): NUnitEnvironment {
  const locale = /^([a-z]{2,3})(?:_([A-Z]{2}))?/.exec(env["LC_ALL"] || env["LANG"] || "");
  return {
    platform: `node${process.versions.node}.${process.platform}-${process.arch}`,
    cwd: process.cwd(),
    machineName: hostname(),
    user: userInfo().username,
    culture: locale?.[1] ?? "",
    uiCulture: locale ? [locale[1], locale[2]].filter(Boolean).join("-") : "",
  };
}

/** Go's EscapeText, for text and attributes alike. */
function escape(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&#34;")
    .replace(/'/g, "&#39;")
    .replace(/\t/g, "&#x9;")
    .replace(/\n/g, "&#xA;")
    .replace(/\r/g, "&#xD;");
}

function attributes(pairs: readonly (readonly [string, string | number])[]): string {
  return pairs.map(([name, value]) => ` ${name}="${escape(String(value))}"`).join("");
}

/** formatResult: Skipped before Failed before Success. */
function result(passed: boolean, skipped: boolean): string {
  return skipped ? "Skipped" : passed ? "Success" : "Failed";
}

function failure(message: string, stackTrace: string, indent: string): string[] {
  return [`${indent}<failure>`, `${indent}\t<message>${escape(message)}</message>`, `${indent}\t<stack-trace>${escape(stackTrace)}</stack-trace>`, `${indent}</failure>`];
}

function testCase(suiteName: string, test: TestResult): string[] {
  const passed = test.status === "passed";
  const skipped = test.status === "skipped";
  const classname = suiteName.slice(suiteName.lastIndexOf("/") + 1);
  const open = `\t\t\t<test-case${attributes([
    ["name", test.name],
    ["description", `${classname}.${test.name}`],
    ["success", String(passed)],
    ["time", "0.000"],
    ["executed", String(test.error === undefined && !skipped)],
    ["asserts", "0"],
    ["result", result(passed, skipped)],
  ])}>`;
  if (skipped) return [open, "\t\t\t\t<reason>", `\t\t\t\t\t<message>${escape(stringifyTest(test))}</message>`, "\t\t\t\t</reason>", "\t\t\t</test-case>"];
  if (!passed) return [open, ...failure("Failed", stringifyTest(test), "\t\t\t\t"), "\t\t\t</test-case>"];
  return [`${open}</test-case>`];
}

function testSuite(suite: SuiteResult): string[] {
  const skipped = suite.error === undefined && suite.tests.length > 0 && suite.tests.every((test) => test.status === "skipped");
  const passed = suitePassed(suite);
  const open = `\t<test-suite${attributes([
    ["type", "TestFixture"],
    ["name", suite.name],
    ["description", suite.file],
    ["success", String(passed)],
    ["time", "0.000"],
    ["executed", String(suite.error === undefined && !skipped)],
    ["asserts", ""],
    ["result", result(passed, skipped)],
  ])}>`;
  if (suite.error !== undefined) return [open, ...failure("Error", suite.error, "\t\t"), "\t</test-suite>"];
  if (suite.tests.length === 0) return [`${open}</test-suite>`];
  return [open, "\t\t<results>", ...suite.tests.flatMap((test) => testCase(suite.name, test)), "\t\t</results>", "\t</test-suite>"];
}

export function formatNUnit(runs: readonly ChartRunResult[], now = new Date(), environment = currentNUnitEnvironment()): string {
  const suites = runs.flatMap((run) => run.suites);
  const totals = { total: 0, errors: 0, failures: 0, skipped: 0 };
  for (const suite of suites) {
    if (suite.error !== undefined) {
      totals.total++;
      totals.errors++;
      continue;
    }
    for (const test of suite.tests) {
      totals.total++;
      if (test.status === "skipped") totals.skipped++;
      else if (test.status === "failed") totals[test.error !== undefined ? "errors" : "failures"]++;
    }
  }
  const iso = now.toISOString();
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<test-results${attributes([
      ["name", "helm-unittest"],
      ["total", totals.total],
      ["errors", totals.errors],
      ["failures", totals.failures],
      ["inconclusive", 0],
      ["not-run", 0],
      ["ignored", 0],
      ["skipped", totals.skipped],
      ["invalid", 0],
      ["date", iso.slice(0, 10)],
      ["time", iso.slice(11, 19)],
    ])}>`,
    `\t<environment${attributes([
      ["nunit-version", "2.5.8.0"],
      ["clr-version", "unknown"],
      ["os-version", "unknown"],
      ["platform", environment.platform],
      ["cwd", environment.cwd],
      ["machine-name", environment.machineName],
      ["user", environment.user],
      ["user-domain", ""],
    ])}></environment>`,
    `\t<culture-info${attributes([
      ["current-culture", environment.culture],
      ["current-uiculture", environment.uiCulture],
    ])}></culture-info>`,
    ...suites.flatMap(testSuite),
    "</test-results>",
  ];
  return `${lines.join("\n")}\n`;
}
