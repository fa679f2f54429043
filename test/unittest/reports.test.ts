// The XUnit (the plugin's default -t) and Sonar reports, laid out as helm-unittest 1.1.0's
// formatters marshal their structs (pkg/unittest/formatter/xunit_report_xml.go and
// sonar_report_xml.go, through formatter.go writeContentToFile: xml.Header, MarshalIndent
// with tabs, a final newline). The expected XML is written here from those struct tags:
// attributes in field order, `omitempty` lists left out, ",cdata" as CDATA, each test's text
// as results.TestJobResult.Stringify builds it (every assertion's title, then its lines).
import { describe, expect, it } from "vitest";
import type { ChartRunResult } from "../../unittest/run-chart.ts";
import { currentNUnitEnvironment, formatNUnit } from "../../unittest/nunit.ts";
import { formatSonar, formatXUnit } from "../../unittest/reports.ts";

const run = {
  suites: [
    {
      file: "tests/web_test.yaml",
      name: "web/deployment",
      tests: [
        { name: "passes", status: "passed", assertions: [{ index: 0, type: "equal", not: false, passed: true, skipped: false, info: [] }] },
        { name: "fails <here>", status: "failed", assertions: [{ index: 1, type: "contains", not: true, passed: false, skipped: false, info: ["Path: spec", "Actual: ]]>"] }] },
        { name: "cannot render", status: "failed", error: "template: web/templates/x.yaml:3: boom", assertions: [] },
        { name: "skipped", status: "skipped", skipReason: "skip: true", assertions: [] },
      ],
    },
    { file: "tests/broken_test.yaml", name: "", error: "cannot read the suite", tests: [] },
  ],
} as unknown as ChartRunResult;

describe("reports like the plugin's formatters", () => {
  it("writes XUnit: one assembly per suite, a collection of tests, a suite that could not run as an assembly error", () => {
    expect(formatXUnit([run], new Date("2026-12-02T10:50:07Z"), "go1.24.linux-amd64")).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<assemblies>",
        '\t<assembly name="tests/web_test.yaml" config-file="tests/web_test.yaml" test-framework="helm-unittest" run-date="2026-12-02" run-time="10:50:07" time="0.000" total="4" passed="1" failed="1" skipped="1" errors="1">',
        "\t\t<environment>go1.24.linux-amd64</environment>",
        '\t\t<collection name="web/deployment" time="0.000" total="4" passed="1" failed="1" skipped="1">',
        '\t\t\t<test name="passes" type="deployment" method="Helm-Validation" time="0.000" result="Pass"></test>',
        '\t\t\t<test name="fails &lt;here&gt;" type="deployment" method="Helm-Validation" time="0.000" result="Fail">',
        '\t\t\t\t<failure exception-type="Helm-Validation">',
        "\t\t\t\t\t<message><![CDATA[Failed]]></message>",
        "\t\t\t\t\t<stack-trace><![CDATA[\t\t - asserts[1] NOT `contains` fail \n\t\t\t Path: spec \n\t\t\t Actual: ]]]]><![CDATA[> \n]]></stack-trace>",
        "\t\t\t\t</failure>",
        "\t\t\t</test>",
        '\t\t\t<test name="cannot render" type="deployment" method="Helm-Validation" time="0.000" result="Fail">',
        '\t\t\t\t<failure exception-type="Helm-Validation-Error">',
        "\t\t\t\t\t<message><![CDATA[Failed]]></message>",
        "\t\t\t\t\t<stack-trace><![CDATA[template: web/templates/x.yaml:3: boom\n]]></stack-trace>",
        "\t\t\t\t</failure>",
        "\t\t\t</test>",
        '\t\t\t<test name="skipped" type="deployment" method="Helm-Validation" time="0.000" result="Skip">',
        "\t\t\t\t<reason><![CDATA[SKIPPED 'skipped' \n]]></reason>",
        "\t\t\t</test>",
        "\t\t</collection>",
        "\t</assembly>",
        '\t<assembly name="tests/broken_test.yaml" config-file="tests/broken_test.yaml" test-framework="helm-unittest" run-date="2026-12-02" run-time="10:50:07" time="0.000" total="1" passed="0" failed="0" skipped="0" errors="1">',
        "\t\t<environment>go1.24.linux-amd64</environment>",
        "\t\t<errors>",
        '\t\t\t<error type="Error" name="Error">',
        '\t\t\t\t<failure exception-type="Helm-Validation-Error">',
        "\t\t\t\t\t<message><![CDATA[Error]]></message>",
        "\t\t\t\t\t<stack-trace><![CDATA[cannot read the suite]]></stack-trace>",
        "\t\t\t\t</failure>",
        "\t\t\t</error>",
        "\t\t</errors>",
        "\t</assembly>",
        "</assemblies>",
        "",
      ].join("\n"),
    );
  });

  it("writes Sonar: one file per suite, a failure, an error or a skip per test", () => {
    expect(formatSonar([run])).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testExecutions version="1">',
        '\t<file path="tests/web_test.yaml">',
        '\t\t<testCase name="passes" duration="0"></testCase>',
        '\t\t<testCase name="fails &lt;here&gt;" duration="0">',
        '\t\t\t<failure message="Failed"><![CDATA[\t\t - asserts[1] NOT `contains` fail \n\t\t\t Path: spec \n\t\t\t Actual: ]]]]><![CDATA[> \n]]></failure>',
        "\t\t</testCase>",
        '\t\t<testCase name="cannot render" duration="0">',
        '\t\t\t<error message="Error"><![CDATA[template: web/templates/x.yaml:3: boom]]></error>',
        "\t\t</testCase>",
        '\t\t<testCase name="skipped" duration="0">',
        "\t\t\t<skipped message=\"Skipped\"><![CDATA[SKIPPED 'skipped' \n]]></skipped>",
        "\t\t</testCase>",
        "\t</file>",
        '\t<file path="tests/broken_test.yaml"></file>',
        "</testExecutions>",
        "",
      ].join("\n"),
    );
  });

  // nunit_report_xml.go: NUnitTestResults → environment, culture-info, one test-suite per
  // suite with its test-cases in <results>; no ",cdata" here, so text is escaped, newlines too.
  it("writes NUnit: totals, the environment, one test-suite per suite, a failure or a reason per test", () => {
    const environment = { platform: "go1.24.linux-amd64", cwd: "/work", machineName: "ci", user: "runner", culture: "en", uiCulture: "en-US" };
    expect(formatNUnit([run], new Date("2026-12-02T10:50:07Z"), environment)).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<test-results name="helm-unittest" total="5" errors="2" failures="1" inconclusive="0" not-run="0" ignored="0" skipped="1" invalid="0" date="2026-12-02" time="10:50:07">',
        '\t<environment nunit-version="2.5.8.0" clr-version="unknown" os-version="unknown" platform="go1.24.linux-amd64" cwd="/work" machine-name="ci" user="runner" user-domain=""></environment>',
        '\t<culture-info current-culture="en" current-uiculture="en-US"></culture-info>',
        '\t<test-suite type="TestFixture" name="web/deployment" description="tests/web_test.yaml" success="false" time="0.000" executed="true" asserts="" result="Failed">',
        "\t\t<results>",
        '\t\t\t<test-case name="passes" description="deployment.passes" success="true" time="0.000" executed="true" asserts="0" result="Success"></test-case>',
        '\t\t\t<test-case name="fails &lt;here&gt;" description="deployment.fails &lt;here&gt;" success="false" time="0.000" executed="true" asserts="0" result="Failed">',
        "\t\t\t\t<failure>",
        "\t\t\t\t\t<message>Failed</message>",
        "\t\t\t\t\t<stack-trace>&#x9;&#x9; - asserts[1] NOT `contains` fail &#xA;&#x9;&#x9;&#x9; Path: spec &#xA;&#x9;&#x9;&#x9; Actual: ]]&gt; &#xA;</stack-trace>",
        "\t\t\t\t</failure>",
        "\t\t\t</test-case>",
        '\t\t\t<test-case name="cannot render" description="deployment.cannot render" success="false" time="0.000" executed="false" asserts="0" result="Failed">',
        "\t\t\t\t<failure>",
        "\t\t\t\t\t<message>Failed</message>",
        "\t\t\t\t\t<stack-trace>template: web/templates/x.yaml:3: boom&#xA;</stack-trace>",
        "\t\t\t\t</failure>",
        "\t\t\t</test-case>",
        '\t\t\t<test-case name="skipped" description="deployment.skipped" success="false" time="0.000" executed="false" asserts="0" result="Skipped">',
        "\t\t\t\t<reason>",
        "\t\t\t\t\t<message>SKIPPED &#39;skipped&#39; &#xA;</message>",
        "\t\t\t\t</reason>",
        "\t\t\t</test-case>",
        "\t\t</results>",
        "\t</test-suite>",
        '\t<test-suite type="TestFixture" name="" description="tests/broken_test.yaml" success="false" time="0.000" executed="false" asserts="" result="Failed">',
        "\t\t<failure>",
        "\t\t\t<message>Error</message>",
        "\t\t\t<stack-trace>cannot read the suite</stack-trace>",
        "\t\t</failure>",
        "\t</test-suite>",
        "</test-results>",
        "",
      ].join("\n"),
    );
  });

  it("reads the culture from LC_ALL, then LANG, as jibber_jabber does", () => {
    expect(currentNUnitEnvironment({ LANG: "de_DE.UTF-8" })).toMatchObject({ culture: "de", uiCulture: "de-DE" });
    expect(currentNUnitEnvironment({ LC_ALL: "fr_FR.UTF-8", LANG: "de_DE.UTF-8" })).toMatchObject({ culture: "fr", uiCulture: "fr-FR" });
    expect(currentNUnitEnvironment({})).toMatchObject({ culture: "", uiCulture: "" });
  });
});
