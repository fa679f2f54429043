// `-t XUnit` (the plugin's default report type) and `-t Sonar`: the XML helm-unittest 1.1.0
// writes (pkg/unittest/formatter/xunit_report_xml.go, sonar_report_xml.go) through Go's
// encoding/xml MarshalIndent with tabs: elements in struct order, never self-closed, text
// escaped as EscapeText does, ",cdata" fields as CDATA sections. Written by hand: the
// layout is Go's encoder's, which no XML library here reproduces exactly. Durations are
// 0: the runner does not time tests.
import type { ChartRunResult, SuiteResult } from "./run-chart.ts";
import type { TestResult } from "./run-test.ts";
import { xml } from "./junit.ts";

const HEADER = '<?xml version="1.0" encoding="UTF-8"?>';
const METHOD = "Helm-Validation";

/** Go's CDATA section: "]]>" inside the text is split across two sections. */
function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;
}

/** results.TestJobResult.Stringify: the skip, the error, then every assertion with its lines. */
export function stringifyTest(test: TestResult): string {
  let content = "";
  if (test.status === "skipped") content += `SKIPPED '${test.name}' \n`;
  if (test.error !== undefined) content += `${test.error}\n`;
  for (const assertion of test.assertions) {
    content += `\t\t - asserts[${assertion.index}]${assertion.not ? " NOT" : ""} \`${assertion.type}\` fail \n`;
    for (const line of assertion.info) content += `\t\t\t ${line} \n`;
  }
  return content;
}

const suitesOf = (runs: readonly ChartRunResult[]): SuiteResult[] => runs.flatMap((run) => run.suites);
/** formatter.determineClassnameFromDisplayName: the part after the last "/". */
const classname = (name: string) => name.slice(name.lastIndexOf("/") + 1);

export function formatXUnit(runs: readonly ChartRunResult[], now = new Date(), environment = `node${process.versions.node}.${process.platform}-${process.arch}`): string {
  const iso = now.toISOString();
  const lines = [HEADER, "<assemblies>"];
  for (const suite of suitesOf(runs)) {
    const counts = { total: 0, passed: 0, failed: 0, skipped: 0, errors: 0 };
    const run = { total: 0, passed: 0, failed: 0, skipped: 0 };
    const body: string[] = [];
    if (suite.error !== undefined) {
      counts.total = 1;
      counts.errors = 1;
      body.push("\t\t<errors>", '\t\t\t<error type="Error" name="Error">', ...failure(`${METHOD}-Error`, "Error", suite.error, "\t\t\t\t"), "\t\t\t</error>", "\t\t</errors>");
    } else {
      const tests: string[] = [];
      for (const test of suite.tests) {
        counts.total++;
        run.total++;
        const result = test.status === "skipped" ? "Skip" : test.status === "failed" ? "Fail" : "Pass";
        const open = `\t\t\t<test name="${xml(test.name)}" type="${xml(classname(suite.name))}" method="${METHOD}" time="0.000" result="${result}">`;
        if (test.status === "skipped") {
          counts.skipped++;
          run.skipped++;
          tests.push(open, `\t\t\t\t<reason>${cdata(stringifyTest(test))}</reason>`, "\t\t\t</test>");
        } else if (test.status === "failed") {
          if (test.error !== undefined) counts.errors++;
          else {
            counts.failed++;
            run.failed++;
          }
          tests.push(open, ...failure(test.error !== undefined ? `${METHOD}-Error` : METHOD, "Failed", stringifyTest(test), "\t\t\t\t"), "\t\t\t</test>");
        } else {
          counts.passed++;
          run.passed++;
          tests.push(`${open}</test>`);
        }
      }
      body.push(`\t\t<collection name="${xml(suite.name)}" time="0.000" total="${run.total}" passed="${run.passed}" failed="${run.failed}" skipped="${run.skipped}">`, ...tests, "\t\t</collection>");
    }
    lines.push(
      `\t<assembly name="${xml(suite.file)}" config-file="${xml(suite.file)}" test-framework="helm-unittest" run-date="${iso.slice(0, 10)}" run-time="${iso.slice(11, 19)}" time="0.000" total="${counts.total}" passed="${counts.passed}" failed="${counts.failed}" skipped="${counts.skipped}" errors="${counts.errors}">`,
      `\t\t<environment>${xml(environment)}</environment>`,
      ...body,
      "\t</assembly>",
    );
  }
  lines.push("</assemblies>");
  return `${lines.join("\n")}\n`;
}

function failure(exceptionType: string, message: string, stackTrace: string, indent: string): string[] {
  return [
    `${indent}<failure exception-type="${xml(exceptionType)}">`,
    `${indent}\t<message>${cdata(message)}</message>`,
    `${indent}\t<stack-trace>${cdata(stackTrace)}</stack-trace>`,
    `${indent}</failure>`,
  ];
}

export function formatSonar(runs: readonly ChartRunResult[]): string {
  const lines = [HEADER, '<testExecutions version="1">'];
  for (const suite of suitesOf(runs)) {
    if (suite.tests.length === 0) {
      lines.push(`\t<file path="${xml(suite.file)}"></file>`);
      continue;
    }
    lines.push(`\t<file path="${xml(suite.file)}">`);
    for (const test of suite.tests) {
      const open = `\t\t<testCase name="${xml(test.name)}" duration="0">`;
      if (test.status === "passed") lines.push(`${open}</testCase>`);
      else if (test.status === "skipped") lines.push(open, `\t\t\t<skipped message="Skipped">${cdata(stringifyTest(test))}</skipped>`, "\t\t</testCase>");
      else if (test.error !== undefined) lines.push(open, `\t\t\t<error message="Error">${cdata(test.error)}</error>`, "\t\t</testCase>");
      else lines.push(open, `\t\t\t<failure message="Failed">${cdata(stringifyTest(test))}</failure>`, "\t\t</testCase>");
    }
    lines.push("\t</file>");
  }
  lines.push("</testExecutions>");
  return `${lines.join("\n")}\n`;
}
