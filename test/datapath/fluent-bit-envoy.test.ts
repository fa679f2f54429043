// Envoy mode's delivery end to end, with the real fluent-bit: Forward-mode messages shaped
// exactly as Envoy's fluentd access logger sends them, into fluent-bit running the chart's
// rendered ConfigMap (forward input, accesslog-envoy.lua, file output), must come out as
// the per-day LTSV lines nginx mode writes. Expected lines are written out here and the
// local times come from Node's ICU, not from the Lua under test.
//
// THE ONE EXCEPTION to "a missing program fails, never skips" (rig/programs.ts): no package
// registry reachable here ships fluent-bit, so when no binary is found (FLUENT_BIT_BIN,
// fluent-bit on PATH, /opt/fluent-bit/bin/fluent-bit) the fluent-bit test passes after
// printing one line saying it did not run. No other test in the repo may do this; the
// encoder's unit test below always runs.
import { decode, decodeMulti } from "@msgpack/msgpack";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { helmBinaries } from "../../helm/run.ts";
import { renderWithHelm } from "../../compiler/testing/render.ts";
import chartDefinition from "../../resources/index.ts";
import { compileToDirectory } from "../support/differential.ts";
import { dateIn, offsetIn } from "./expect/zone.ts";
import { FLUENT_BIT_STEP_MS, FluentBit, findFluentBit, stageConfig } from "./rig/fluent-bit.ts";
import { envoyForwardMessage, ForwardConnection, type EnvoyEntry, type EnvoyRecord } from "./rig/forward.ts";
import { freePorts } from "./rig/ports.ts";
import { waitFor } from "./rig/wait.ts";

const NOT_RUN = "fluent-bit Forward test did not run: no fluent-bit binary (set FLUENT_BIT_BIN or put fluent-bit on PATH); no registry here ships it";

const TIME_ZONE = "Asia/Tokyo";
const VALUES = { accessLog: { source: "envoy", timeZone: TIME_ZONE, cookies: ["session"], requestHeaders: ["x-trace-id"] } };
/** The tag of the chart's EnvoyFilter, which the filter and output match. */
const TAG = "accesslog";

describe("Envoy-shaped Forward messages (rig/forward.ts)", () => {
  const typical: EnvoyRecord = { vhost: "www.example.com", status: 200, reqtime: 12, upstream_time: null, referer: undefined, uri: "/caf\u00e9", _start: "1764059405.123" };

  it("packs one Forward-mode message, [tag, [[uint seconds, map], ...]] with no options, keeping typed values and nil", () => {
    const bytes = envoyForwardMessage(TAG, [
      { time: 1764059405, record: typical },
      { time: 1764059406, record: { status: 0, size: 5120 } },
    ]);
    // A single msgpack object: one message, nothing after it.
    expect([...decodeMulti(bytes)]).toHaveLength(1);
    const message = decode(bytes) as unknown[];
    expect(Array.isArray(message)).toBe(true);
    // Forward mode has no third element: Envoy asks for no acks (no "chunk" option).
    expect(message).toHaveLength(2);
    const [tag, entries] = message as [unknown, unknown[]];
    expect(tag).toBe(TAG);
    expect(entries).toHaveLength(2);
    for (const entry of entries) {
      expect(entry).toHaveLength(2);
      const [time, record] = entry as [unknown, unknown];
      // Whole seconds as a plain integer, never the EventTime extension (decoded as ExtData) or a float.
      expect(typeof time).toBe("number");
      expect(Number.isInteger(time)).toBe(true);
      expect(record).toBeTypeOf("object");
      expect(Array.isArray(record)).toBe(false);
    }
    const [[firstTime, first], [, second]] = entries as [[number, Record<string, unknown>], [number, Record<string, unknown>]];
    expect(firstTime).toBe(1764059405);
    // Numbers stay numbers, null stays nil, an undefined value leaves no key at all.
    expect(first).toStrictEqual({ _start: "1764059405.123", reqtime: 12, status: 200, upstream_time: null, uri: "/caf\u00e9", vhost: "www.example.com" });
    expect(Object.hasOwn(first, "referer")).toBe(false);
    expect(second).toStrictEqual({ size: 5120, status: 0 });
    // Keys in byte order, as nlohmann's std::map-backed objects give them.
    expect(Object.keys(first)).toEqual(Object.keys(first).sort());

    // The bytes themselves: fixarray(2), fixstr "accesslog", fixarray(2) of entries,
    // fixarray(2), then the time as uint32 (0xce), which is what msgpack-c packs a
    // uint64_t of this size as; EventTime would be fixext8 (0xd7 0x00).
    const time = Buffer.alloc(4);
    time.writeUInt32BE(1764059405);
    expect([...bytes.subarray(0, 18)]).toEqual([0x92, 0xa9, ...Buffer.from(TAG), 0x92, 0x92, 0xce, ...time]);
  });

  it("refuses a time Envoy cannot send (a fraction or a negative number)", () => {
    expect(() => envoyForwardMessage(TAG, [{ time: 1764059405.5, record: {} }])).toThrow(/unsigned whole seconds/);
    expect(() => envoyForwardMessage(TAG, [{ time: -1, record: {} }])).toThrow(/unsigned whole seconds/);
  });
});

// ---------------------------------------------------------------------------------------
// What the file must hold.
// ---------------------------------------------------------------------------------------

/** The template's labels between time and date, in the order the field list gives them. */
const LABELS = ["vhost", "method", "uri", "protocol", "status", "size", "reqtime", "upstream_time", "ua", "referer", "client", "xff", "request_id", "cookie_session", "header_x_trace_id"] as const;
type Logged = Readonly<Record<(typeof LABELS)[number], string>>;

interface Case {
  readonly why: string;
  /** When Envoy logged it: the Forward entry's time, after the request ended. */
  readonly time: number;
  readonly record: EnvoyRecord;
  /** What nginx would have logged for the labels between time and date. */
  readonly logged: Logged;
}

/** nginx's $time_iso8601: whole seconds in the zone, offset with a colon. */
function localIso8601(epochSeconds: number, zone: string): string {
  const ms = Math.floor(epochSeconds) * 1000;
  const clock = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hourCycle: "h23", hour: "2-digit", minute: "2-digit", second: "2-digit" }).format(ms);
  return `${dateIn(zone, ms)}T${clock}${offsetIn(zone, ms)}`;
}

const dayOf = (testCase: Case) => dateIn(TIME_ZONE, Math.floor(Number(testCase.record._start) * 1000));

function expectedLine(testCase: Case): string {
  const time = localIso8601(Number(testCase.record.time_local), TIME_ZONE);
  return [`time:${time}`, ...LABELS.map((label) => `${label}:${testCase.logged[label]}`), `date:${dayOf(testCase)}`].join("\t");
}

const CASES: readonly Case[] = [
  {
    why: "a typical request; no Referer, so the record has no such key; the client sent no X-Forwarded-For, so Envoy's holds only the peer it appended (use_remote_address)",
    time: 1764059405,
    record: {
      time_local: "1764059405.123",
      _start: "1764059405.123",
      vhost: "WWW.Example.COM:8443",
      method: "GET",
      uri: "/a?b=1",
      protocol: "HTTP/1.1",
      status: 200,
      size: 1234,
      reqtime: 12,
      upstream_time: 10,
      ua: "curl/8",
      client: "203.0.113.7",
      xff: "203.0.113.7",
      request_id: "4f1c9a6e-2b7d-4c1e-9f3a-8d5b6c7e0a12",
      header_x_trace_id: "t-1",
      _details: "via_upstream",
      _cookie: "a=1; session=abc",
    },
    logged: {
      vhost: "www.example.com",
      method: "GET",
      uri: "/a?b=1",
      protocol: "HTTP/1.1",
      status: "200",
      size: "1234",
      reqtime: "0.012",
      upstream_time: "0.010",
      ua: "curl/8",
      referer: "",
      client: "203.0.113.7",
      xff: "",
      request_id: "4f1c9a6e-2b7d-4c1e-9f3a-8d5b6c7e0a12",
      cookie_session: "abc",
      header_x_trace_id: "t-1",
    },
  },
  {
    why: "Envoy's nil for operators without a value (no upstream, no headers, no Cookie); HTTP/2; UTF-8 in the path",
    time: 1764059406,
    record: {
      time_local: "1764059406.500",
      _start: "1764059406.500",
      vhost: "www.example.com",
      method: "POST",
      uri: "/caf\u00e9?q=\u2603",
      protocol: "HTTP/2",
      status: 404,
      size: 0,
      reqtime: 3,
      upstream_time: null,
      ua: null,
      referer: null,
      client: "2001:db8::7",
      xff: null,
      request_id: "0b6e1f2a-9c3d-4e5f-8a7b-6c5d4e3f2a1b",
      header_x_trace_id: null,
      _details: "route_not_found",
      _cookie: null,
    },
    logged: {
      vhost: "www.example.com",
      method: "POST",
      uri: "/caf\u00e9?q=\u2603",
      protocol: "HTTP/2.0",
      status: "404",
      size: "0",
      reqtime: "0.003",
      upstream_time: "",
      ua: "",
      referer: "",
      client: "2001:db8::7",
      xff: "",
      request_id: "0b6e1f2a-9c3d-4e5f-8a7b-6c5d4e3f2a1b",
      cookie_session: "",
      header_x_trace_id: "",
    },
  },
  {
    why: "a later flush on the same connection: every header present, the cookie not among them; HTTP/3 and an IPv6 authority",
    time: 1764072001,
    record: {
      time_local: "1764071999.999",
      _start: "1764071999.999",
      vhost: "[2001:DB8::1]:443",
      method: "GET",
      uri: "/search?q=%E2%98%83&page=2",
      protocol: "HTTP/3",
      status: 503,
      size: 19,
      reqtime: 1500,
      upstream_time: 1499,
      ua: "Mozilla/5.0 (X11; Linux x86_64)",
      referer: "https://www.example.com/",
      client: "198.51.100.9",
      // The client's header, then the peer Envoy appended with "," (Utility::appendXff).
      xff: "198.51.100.1, 203.0.113.7,198.51.100.9",
      request_id: "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a",
      header_x_trace_id: "t-3",
      _details: "via_upstream",
      _cookie: "theme=dark; sessionx=1",
    },
    logged: {
      vhost: "[2001:db8::1]",
      method: "GET",
      uri: "/search?q=%E2%98%83&page=2",
      protocol: "HTTP/3.0",
      status: "503",
      size: "19",
      reqtime: "1.500",
      upstream_time: "1.499",
      ua: "Mozilla/5.0 (X11; Linux x86_64)",
      referer: "https://www.example.com/",
      client: "198.51.100.9",
      xff: "198.51.100.1, 203.0.113.7",
      request_id: "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a",
      cookie_session: "",
      header_x_trace_id: "t-3",
    },
  },
];

/** Two flushes of Envoy's logger: the first two requests together, then the third. */
const entry = (testCase: Case): EnvoyEntry => ({ time: testCase.time, record: testCase.record });
const MESSAGES = [envoyForwardMessage(TAG, CASES.slice(0, 2).map(entry)), envoyForwardMessage(TAG, CASES.slice(2).map(entry))];

// ---------------------------------------------------------------------------------------
// fluent-bit.
// ---------------------------------------------------------------------------------------

describe("fluent-bit's forward input on the chart's Envoy-mode config", () => {
  let fluentBit: FluentBit | undefined;
  let connection: ForwardConnection | undefined;
  let root: string | undefined;

  afterAll(() => {
    connection?.destroy();
    fluentBit?.kill();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it("this test's own expectations match the fixed examples", () => {
    const [typical] = CASES;
    expect(expectedLine(typical!).split("\t")).toEqual(expect.arrayContaining(["time:2025-11-25T17:30:05+09:00", "vhost:www.example.com", "reqtime:0.012", "referer:", "date:2025-11-25"]));
    // Every request of the test starts on 2025-11-25 in Tokyo, so all land in one file.
    expect(new Set(CASES.map(dayOf))).toEqual(new Set(["2025-11-25"]));
  });

  it("writes each record Envoy sends as nginx mode's LTSV line, in order, in the day's file", async () => {
    const binary = findFluentBit();
    if (!binary) {
      console.log(NOT_RUN);
      return;
    }

    const { dir } = compileToDirectory(chartDefinition);
    const outcome = await renderWithHelm(helmBinaries()[0]!, dir, VALUES);
    if (!outcome.ok) throw new Error(`helm could not render the chart in Envoy mode: ${outcome.error}`);
    const configMap = (outcome.rendered["fluent-bit-configmap.yaml"]?.[0] as { data?: Record<string, string> } | undefined)?.data;
    if (!configMap) throw new Error("the render has no fluent-bit ConfigMap");
    expect(Object.keys(configMap).sort()).toEqual(["accesslog-envoy.lua", "fluent-bit.conf", "parsers.conf"]);

    root = mkdtempSync(join(tmpdir(), "fluent-bit-envoy-"));
    const [forward, http] = await freePorts(2);
    const ports = { forward: forward!, http: http! };
    const { conf, outputDir } = stageConfig(configMap, root, ports);
    // The chart's own directory below the hostPath (chart README, "Where the logs land").
    const file = join(outputDir, "accesslog", dayOf(CASES[0]!), "access.log");
    const started = FluentBit.start(binary, conf, { TZ: TIME_ZONE });
    fluentBit = started;

    try {
      await started.waitReady(ports);
      connection = await ForwardConnection.open(ports.forward, FLUENT_BIT_STEP_MS);
      for (const message of MESSAGES) await connection.send(message, FLUENT_BIT_STEP_MS);
      const lineCount = () => (existsSync(file) ? readFileSync(file, "utf8").split("\n").length - 1 : 0);
      await waitFor(() => started.alive() && lineCount() >= CASES.length, FLUENT_BIT_STEP_MS, `${CASES.length} lines in ${file}`);
      await connection.close(FLUENT_BIT_STEP_MS);
      // Stopped before reading, so a duplicate or late line would be in the file too.
      await started.stop();

      expect(readFileSync(file, "utf8").split("\n")).toEqual([...CASES.map(expectedLine), ""]);
      // Nothing else written: no undated fallback file, no other day.
      expect(readdirSync(outputDir)).toEqual(["accesslog"]);
      expect(readdirSync(join(outputDir, "accesslog"))).toEqual([dayOf(CASES[0]!)]);
    } catch (error) {
      if (error instanceof Error) {
        const written = existsSync(file) ? readFileSync(file, "utf8") : "(none)";
        error.message += `\n\n${file}:\n${written}\n\nfluent-bit (${binary} -c ${conf}) printed:\n${started.output || "(nothing)"}`;
      }
      throw error;
    } finally {
      connection?.destroy();
      started.kill();
    }
  });
});
