// `-t JUnit -o <file>`: the JUnit XML helm-unittest 1.1.0 writes
// (pkg/unittest/formatter/junit_report_xml.go): one <testsuite> per suite, a <failure> for
// a failed test, an <error> for one that could not run, <skipped> for a skipped one.
import { hostname } from "node:os";
import type { ChartRunResult } from "./run-chart.ts";
import type { TestResult } from "./run-test.ts";

export function formatJUnit(runs: readonly ChartRunResult[], now = new Date()): string {
  const timestamp = now.toISOString().slice(0, 19);
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<testsuites>"];
  let id = 0;
  for (const run of runs) {
    for (const suite of run.suites) {
      const tests = suite.error !== undefined ? [{ name: suite.file, status: "failed", error: suite.error, assertions: [] } satisfies TestResult] : suite.tests;
      const failures = tests.filter((test) => test.status === "failed" && test.error === undefined).length;
      const errors = tests.filter((test) => test.status === "failed" && test.error !== undefined).length;
      const name = suite.name || suite.file;
      lines.push(
        `\t<testsuite id="${id++}" tests="${tests.length}" failures="${failures}" errors="${errors}" package="" time="0.000" name="${xml(name)}" timestamp="${timestamp}" hostname="${xml(hostname())}">`,
        "\t\t<properties>",
        '\t\t\t<property name="helm-unittest.version" value="1.6"></property>',
        "\t\t</properties>",
      );
      for (const test of tests) lines.push(...testCase(name.slice(name.lastIndexOf("/") + 1), test));
      lines.push("\t</testsuite>");
    }
  }
  lines.push("</testsuites>");
  return `${lines.join("\n")}\n`;
}

function testCase(classname: string, test: TestResult): string[] {
  const open = `\t\t<testcase classname="${xml(classname)}" name="${xml(test.name)}" time="0.000">`;
  if (test.status === "skipped") return [open, `\t\t\t<skipped message="${xml(test.skipReason ?? "")}"></skipped>`, "\t\t</testcase>"];
  if (test.status === "passed") return [`${open}</testcase>`];
  if (test.error !== undefined) return [open, `\t\t\t<error message="Error" type="">${xml(test.error)}</error>`, "\t\t</testcase>"];
  const details = test.assertions.filter((assertion) => !assertion.passed).flatMap((assertion) => [`- asserts[${assertion.index}] \`${assertion.type}\` fail`, ...assertion.info]);
  return [open, `\t\t\t<failure message="Failed" type="">${xml(details.join("\n"))}</failure>`, "\t\t</testcase>"];
}

export function xml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&#34;").replace(/'/g, "&#39;").replace(/\n/g, "&#xA;").replace(/\t/g, "&#x9;");
}
