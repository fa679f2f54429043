// The data path end to end, for several value sets: the chart rendered by Helm, real nginx
// with a non-root worker, the Ruby receiver on the unix datagram socket, Envoy's stand-in.
// The awkward requests of catalogue.ts each must give one datagram that fluent-bit's parser
// accepts and a file line and node path equal to what the test derives on its own.
import { describe, expect, it } from "vitest";
import { jsonLine, ltsvLine, nodePath } from "./expect/line.ts";
import { expectedRecord } from "./expect/record.ts";
import { possibleDates } from "./expect/zone.ts";
import { startedOnFirstUse } from "./first-use.ts";
import { fluentBitRecord, nodeFile, templateLine } from "./rig/fluent-bit-output.ts";
import { notNginxDatagrams } from "./rig/not-nginx.ts";
import { parseWithOnigmo } from "./rig/parser.ts";
import { DATA_PATH_HELM } from "./rig/rig.ts";
import { runCatalogue, type CatalogueRun, type Logged } from "./run-catalogue.ts";
import { envoyChecks } from "./upstream-checks.ts";
import { VALUE_SETS } from "./value-sets.ts";

function record(logged: Logged): Record<string, string> {
  const decoded = logged.parsed[0]?.record;
  if (!decoded) throw new Error(`${logged.request.name}: no decoded record (${JSON.stringify(logged.parsed)})`);
  return decoded as Record<string, string>;
}
const fluentBit = (run: CatalogueRun, logged: Logged) => fluentBitRecord(run.rig.pipeline, logged.parsed[0]!);

describe.each(VALUE_SETS)(`${DATA_PATH_HELM.label}, $name`, ({ values }) => {
  const catalogue = startedOnFirstUse(() => runCatalogue(values), (run) => run.rig.dispose());

  it("gives every request exactly one datagram, none cut by the input's buffer", async () => {
    const run = await catalogue();
    const counts = run.logged.map((logged) => [logged.request.name, logged.datagrams.length]);
    expect(counts).toEqual(run.logged.map((logged) => [logged.request.name, 1]));
    expect(run.logged.flatMap((logged) => logged.datagrams).filter((datagram) => datagram.truncated)).toEqual([]);
    expect(run.rig.nginx!.syslogErrors()).toEqual([]);
  });

  it("matches the parser regex under Onigmo, with a JSON message holding every configured field and date, in order", async () => {
    const run = await catalogue();
    for (const logged of run.logged) {
      const [parsed] = logged.parsed;
      expect(parsed, logged.request.name).toMatchObject({ matched: true, captures: ["message"] });
      expect(parsed!.error, logged.request.name).toBeUndefined();
      expect(Object.keys(parsed!.record!), logged.request.name).toEqual(expectedRecord(run.settings, logged).map(([key]) => key));
    }
  });

  it("refuses under Onigmo every payload that is not the JSON line this nginx writes", async () => {
    const run = await catalogue();
    const good = run.logged[0]!.datagrams[0]!.bytes.toString("latin1");
    const bad = notNginxDatagrams(good);
    const parsed = parseWithOnigmo(run.rig.pipeline.regex, bad.map(({ text }) => ({ bytes: Buffer.from(text, "latin1"), truncated: false })));
    expect(parsed.map((result, index) => [bad[index]!.why, result.matched])).toEqual(bad.map(({ why }) => [why, false]));
  });

  it("caps client-controlled fields at maxFieldLength bytes, on a character boundary", async () => {
    const run = await catalogue();
    const cappedKeys = [
      ...run.settings.fields.filter((field) => field.truncate).map((field) => field.name),
      ...run.settings.cookies.map((name) => `cookie_${name}`),
      ...run.settings.requestHeaders.map((name) => `header_${name.toLowerCase().replaceAll("-", "_")}`),
    ];
    for (const logged of run.logged) {
      for (const key of cappedKeys) {
        const value = record(logged)[key]!;
        expect(Buffer.byteLength(value), `${logged.request.name}: ${key}`).toBeLessThanOrEqual(run.settings.maxFieldLength);
        expect(value, `${logged.request.name}: ${key}`).not.toContain("\uFFFD");
      }
    }
    const longest = Math.max(...run.logged.map((logged) => Buffer.byteLength(record(logged).uri!)));
    expect(longest).toBeGreaterThan(run.settings.maxFieldLength - 4);
  });

  it("logs each field as the request made it, and the request's date in the configured zone", async () => {
    const run = await catalogue();
    for (const logged of run.logged) {
      for (const [key, expected] of expectedRecord(run.settings, logged)) {
        const value = record(logged)[key]!;
        const where = `${logged.request.name}: ${key}`;
        if ("exact" in expected) expect(value, where).toBe(expected.exact);
        else expect(expected.check(value), `${where} = ${JSON.stringify(value)}, expected ${expected.what}`).toBe(true);
      }
    }
  });

  it("files each line under the node path the values describe", async () => {
    const run = await catalogue();
    for (const logged of run.logged) {
      const dates = possibleDates(run.settings.timeZone, logged.response.sentAt, logged.response.receivedAt);
      const file = nodeFile(run.rig.pod, run.rig.pipeline, fluentBit(run, logged));
      expect(dates.map((date) => nodePath(run.settings.output, date)), logged.request.name).toContain(file);
    }
  });

  it("writes the file line the values describe, from the chart's Template", async () => {
    const run = await catalogue();
    for (const logged of run.logged) {
      const values = new Map(expectedRecord(run.settings, logged).map(([key, expected]) => [key, "exact" in expected ? expected.exact : record(logged)[key]!]));
      const line = templateLine(run.rig.pipeline, fluentBit(run, logged));
      if (run.settings.output.format === "json") expect(JSON.stringify(JSON.parse(line)), logged.request.name).toBe(jsonLine(run.settings, values));
      else expect(line, logged.request.name).toBe(ltsvLine(run.settings, values));
    }
  });

  it("hands Envoy the request unchanged, with Host and its port, X-Forwarded-For, X-Real-IP and X-Forwarded-Proto", async () => {
    const run = await catalogue();
    const reachingEnvoy = run.logged.filter((logged) => !logged.request.envoyDown && !logged.request.rejectedByNginx);
    expect(run.rig.envoy.requests).toHaveLength(reachingEnvoy.length);
    reachingEnvoy.forEach((logged, index) => expect(envoyChecks(logged, run.rig.envoy.requests[index]!), logged.request.name).toEqual([]));
  });

  it("answers with the chart's own 502 page while Envoy is down, and logs it", async () => {
    const run = await catalogue();
    const down = run.logged.find((logged) => logged.request.envoyDown)!;
    expect(down.response.status).toBe(502);
    expect(down.response.body.toString("utf8")).toBe(run.rig.pod.nginxConfigMap["error-502.html"]);
    expect(record(down).status).toBe("502");
  });
});
