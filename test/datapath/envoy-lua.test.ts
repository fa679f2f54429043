// The envoy mode's fluent-bit Lua filter (resources/fluent-bit/accesslog-envoy.lua) under
// the real luajit, fluent-bit's Lua: from Envoy's typed record it must build exactly the
// record nginx's escape=json line gives in nginx mode, so both modes write the same files.
// Expected values come from TypeScript (Intl for local time, nginx's regex and escaping
// reimplemented bytewise), not from the Lua under test.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  accesslogTable, luaExpression, runHarness, type CallResult, type Convert, type EnvoyRecord, type FieldSpec, type LuaValue, type Suite,
} from "./rig/envoy-lua.ts";

/** One configuration, one record per call: the results, failing on a load error. */
function convertRecords(timeZone: string, fields: readonly FieldSpec[], records: readonly (EnvoyRecord | undefined)[], options: { noStrftimeZone?: boolean } = {}): CallResult[] {
  const calls = records.map((record, index) => ({ timestamp: 1764059405.25 + index, record }));
  const [suite] = runHarness(timeZone, [{ config: accesslogTable(fields), calls, ...options }]);
  if (!suite?.loaded) throw new Error(`the library did not load: ${suite?.error}`);
  return suite.calls;
}

/** The record as UTF-8 strings, for readable comparisons. */
function textRecord(result: CallResult): Record<string, string> {
  return Object.fromEntries([...result.record].map(([key, value]) => [key, value.toString("utf8")]));
}

/** The value of one key, or a marker the expectation will not match. */
function textOf(result: CallResult | undefined, key: string): string {
  return result?.record.get(key)?.toString("utf8") ?? `<no ${key}>`;
}

// ---------------------------------------------------------------------------------------
// What nginx does, in TypeScript.
// ---------------------------------------------------------------------------------------

/** nginx's map regex for truncated fields, on bytes (latin1: one char per byte, as PCRE without UTF sees them). */
function nginxCap(value: Buffer, maxFieldLength: number): Buffer {
  const match = new RegExp(`^[^\\t]{0,${maxFieldLength}}(?![\\x80-\\xbf])`).exec(value.toString("latin1"));
  // No match (a continuation byte first) leaves the capture unset: the map's empty default.
  return Buffer.from(match?.[0] ?? "", "latin1");
}

const SHORT_ESCAPES: Readonly<Record<number, string>> = { 0x0a: "n", 0x0d: "r", 0x09: "t", 0x08: "b", 0x0c: "f" };

/** ngx_escape_json: ", \ and 0x00-0x1f escaped, every other byte copied. */
function ngxEscapeJson(value: Buffer): Buffer {
  const out: number[] = [];
  for (const byte of value) {
    if (byte === 0x22 || byte === 0x5c) out.push(0x5c, byte);
    else if (byte < 0x20) out.push(...Buffer.from(`\\${SHORT_ESCAPES[byte] ?? `u${byte.toString(16).padStart(4, "0")}`}`, "latin1"));
    else out.push(byte);
  }
  return Buffer.from(out);
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

/** The wall clock of an instant in a zone, from ICU. */
function wallClock(epochSeconds: number, timeZone: string) {
  const format = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
  const parts = format.formatToParts(new Date(epochSeconds * 1000));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((candidate) => candidate.type === type)!.value);
  return { year: part("year"), month: part("month"), day: part("day"), hour: part("hour"), minute: part("minute"), second: part("second") };
}

/** Seconds east of UTC of a zone at an instant. */
function utcOffset(epochSeconds: number, timeZone: string): number {
  const whole = Math.floor(epochSeconds);
  const clock = wallClock(whole, timeZone);
  return Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second) / 1000 - whole;
}

/** nginx's $time_iso8601 for an instant: whole seconds, local time, offset with a colon. */
function timeIso8601(epochSeconds: number, timeZone: string): string {
  const whole = Math.floor(epochSeconds);
  const clock = wallClock(whole, timeZone);
  const offset = utcOffset(whole, timeZone);
  const sign = offset < 0 ? "-" : "+";
  const minutes = Math.abs(offset) / 60;
  return `${pad(clock.year, 4)}-${pad(clock.month)}-${pad(clock.day)}T${pad(clock.hour)}:${pad(clock.minute)}:${pad(clock.second)}${sign}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** The instant a local day begins in a zone (the offset read again after the first guess, for DST). */
function localMidnight(year: number, month: number, day: number, timeZone: string): number {
  const asUtc = Date.UTC(year, month - 1, day) / 1000;
  const guess = asUtc - utcOffset(asUtc, timeZone);
  return asUtc - utcOffset(guess, timeZone);
}

// ---------------------------------------------------------------------------------------
// The tests.
// ---------------------------------------------------------------------------------------

/** One field "v" with the conversion; each case's input as that field's value. */
function convertEach(convert: Convert, inputs: readonly LuaValue[]): string[] {
  const results = convertRecords("Asia/Tokyo", [{ name: "v", convert }], inputs.map((input) => ({ v: input })));
  return results.map((result) => textOf(result, "v"));
}

function expectConversions(convert: Convert, cases: readonly (readonly [LuaValue, string])[]): void {
  expect(convertEach(convert, cases.map(([input]) => input))).toEqual(cases.map(([, expected]) => expected));
}

describe("accesslog-envoy.lua under luajit", () => {
  describe("conversions", () => {
    it("text: strings as sent, numbers without a trailing .0, unset as empty (escape=json, not -)", () => {
      expectConversions("text", [
        ["GET", "GET"],
        ["", ""],
        ["caf\u00e9 \u2603", "caf\u00e9 \u2603"],
        [12, "12"],
        [12.5, "12.5"],
        [1e15, "1000000000000000"],
        [-3, "-3"],
        [true, "true"],
        [undefined, ""],
      ]);
    });

    it("number: decimal integers like $status and $body_bytes_sent", () => {
      expectConversions("number", [
        [200, "200"],
        [0, "0"],
        [5120, "5120"],
        ["404", "404"],
        [undefined, ""],
        ["abc", ""],
      ]);
    });

    it("seconds_from_ms: milliseconds as seconds with exactly three decimals, like $request_time", () => {
      expectConversions("seconds_from_ms", [
        [0, "0.000"],
        [12, "0.012"],
        [1234, "1.234"],
        [60000, "60.000"],
        ["250", "0.250"],
        [undefined, ""],
      ]);
    });

    it("host: lower-cased, without the port, IPv6 literals kept whole, one trailing dot dropped (as nginx's $host)", () => {
      expectConversions("host", [
        ["example.com", "example.com"],
        ["Shop.Example.COM:8443", "shop.example.com"],
        ["10.0.0.1:80", "10.0.0.1"],
        ["[::1]:8080", "[::1]"],
        ["[2001:DB8::1]", "[2001:db8::1]"],
        ["example.com.", "example.com"],
        ["Example.COM.:8080", "example.com"],
        [undefined, ""],
      ]);
    });

    it("protocol: $server_protocol's HTTP/2.0 and HTTP/3.0 from Envoy's HTTP/2 and HTTP/3", () => {
      expectConversions("protocol", [
        ["HTTP/1.0", "HTTP/1.0"],
        ["HTTP/1.1", "HTTP/1.1"],
        ["HTTP/2", "HTTP/2.0"],
        ["HTTP/3", "HTTP/3.0"],
        [undefined, ""],
      ]);
    });

    // $http_x_forwarded_for is the header as nginx received it. Envoy's copy has one more
    // entry: with use_remote_address (Istio's gateways) the HCM appends the peer with "," before
    // any filter or logger runs (envoyproxy/envoy source/common/http/conn_manager_utility.cc
    // mutateRequestHeaders; Utility::appendXff, source/common/http/utility.cc). Only the HCM's own
    // early replies in ConnectionManagerImpl::ActiveStream::decodeHeaders (conn_manager_impl.cc)
    // come before that step; %RESPONSE_CODE_DETAILS% names them.
    it("forwarded_for: X-Forwarded-For without the peer Envoy appended, whole for replies sent before the append", () => {
      const cases: readonly (readonly [EnvoyRecord, string])[] = [
        [{ v: "10.0.0.9", _details: "via_upstream" }, ""],
        [{ v: "203.0.113.7,10.0.0.9", _details: "via_upstream" }, "203.0.113.7"],
        [{ v: "203.0.113.7, 198.51.100.2,10.0.0.9", _details: "route_not_found" }, "203.0.113.7, 198.51.100.2"],
        [{ v: "2001:db8::7,2001:db8::1", _details: "via_upstream" }, "2001:db8::7"],
        [{ v: " , ,10.0.0.9", _details: "via_upstream" }, " , "],
        [{ v: "203.0.113.7", _details: "missing_host_header" }, "203.0.113.7"],
        [{ v: "203.0.113.7, 198.51.100.2", _details: "path_normalization_failed" }, "203.0.113.7, 198.51.100.2"],
        [{ v: "203.0.113.7", _details: "absolute_path_rejected" }, "203.0.113.7"],
        [{ v: "203.0.113.7", _details: "missing_path_rejected" }, "203.0.113.7"],
        [{ v: "203.0.113.7", _details: "low_version" }, "203.0.113.7"],
        [{ v: "203.0.113.7", _details: "overload" }, "203.0.113.7"],
        [{ v: "203.0.113.7,10.0.0.9" }, "203.0.113.7"],
        [{ _details: "missing_host_header" }, ""],
        [{}, ""],
      ];
      const results = convertRecords("Asia/Tokyo", [{ name: "v", convert: "forwarded_for" }], cases.map(([record]) => record));
      expect(results.map((result) => textOf(result, "v"))).toEqual(cases.map(([, expected]) => expected));
    });

    it("cookie: $cookie_<name> from the whole Cookie header, as nginx 1.22 parses it", () => {
      // The quirky cases were checked against nginx 1.22.1 ($cookie_session_id).
      const cases: readonly (readonly [LuaValue, string])[] = [
        ["session_id=abc123", "abc123"],
        ["theme=dark; session_id=abc123; lang=ja", "abc123"],
        ["session_id=first; session_id=second", "first"],
        ["session_idx=1; xsession_id=2; session_id=ok", "ok"],
        ["theme=dark", ""],
        [undefined, ""],
        ["session_id=a%20b%3B", "a%20b%3B"],
        ["session_id=", ""],
        // nginx compares names case-insensitively.
        ["Session_ID=abc; x=1", "abc"],
        // Spaces around = are skipped; the value runs to the next ";", trailing spaces kept.
        ["x=1; session_id = v4 ; z=2", "v4 "],
        // "," also separates pairs, but does not end a value.
        ["x=1,session_id=v2 , y", "v2 , y"],
        // A name without "=" swallows the next pair.
        ["session_id;session_id=v3", ""],
        // Several Cookie headers, joined by Envoy.
        ["a=1; b=2; session_id=joined", "joined"],
      ];
      const results = convertRecords(
        "Asia/Tokyo",
        [{ name: "cookie_session_id", convert: "cookie", cookie: "session_id" }],
        cases.map(([header]) => ({ _cookie: header })),
      );
      expect(results.map((result) => textOf(result, "cookie_session_id"))).toEqual(cases.map(([, expected]) => expected));
    });
  });

  describe.each([
    { timeZone: "Asia/Tokyo", anchors: [[1764059405.123, "2025-11-25T17:30:05+09:00"], [1763996400.5, "2025-11-25T00:00:00+09:00"]] },
    { timeZone: "UTC", anchors: [[1764059405.123, "2025-11-25T08:30:05+00:00"]] },
    {
      timeZone: "America/New_York",
      anchors: [
        [1764059405.123, "2025-11-25T03:30:05-05:00"],
        [1751386005, "2025-07-01T12:06:45-04:00"],
        [1741503599, "2025-03-09T01:59:59-05:00"],
        [1741503600, "2025-03-09T03:00:00-04:00"],
        [1762063199, "2025-11-02T01:59:59-04:00"],
        [1762063200, "2025-11-02T01:00:00-05:00"],
      ],
    },
  ] as const)("local time in $timeZone", ({ timeZone, anchors }) => {
    const instants = (): number[] => {
      const midnights = [localMidnight(2025, 11, 25, timeZone), localMidnight(2025, 7, 1, timeZone)];
      return [
        1764059405.123, // winter
        1751386005.5, // summer
        1741503599, // New York's spring-forward...
        1741503600,
        1762063199, // ...and fall-back
        1762063200,
        ...midnights.flatMap((midnight) => [midnight + 0.5, midnight - 0.001]),
      ];
    };
    const fields: readonly FieldSpec[] = [{ name: "time_local", convert: "local_time" }];
    const records = (epochs: readonly number[]) => epochs.map((epoch) => ({ time_local: epoch.toFixed(3), _start: epoch.toFixed(3) }));

    it("matches the fixed examples (and so does this test's TypeScript)", () => {
      const epochs = anchors.map(([epoch]) => epoch);
      expect(epochs.map((epoch) => timeIso8601(epoch, timeZone))).toEqual(anchors.map(([, iso]) => iso));
      const results = convertRecords(timeZone, fields, records(epochs));
      expect(results.map((result) => [textOf(result, "time_local"), textOf(result, "date")])).toEqual(anchors.map(([, iso]) => [iso, iso.slice(0, 10)]));
    });

    it.each([
      { how: "os.date's %z", noStrftimeZone: false },
      { how: "the broken-down times, without %z", noStrftimeZone: true },
    ])("gives the ISO 8601 local time and the local day, winter, summer, DST changes and around local midnight, offset from $how", ({ noStrftimeZone }) => {
      const epochs = instants();
      const results = convertRecords(timeZone, fields, records(epochs), { noStrftimeZone });
      const expected = epochs.map((epoch) => {
        const iso = timeIso8601(Number(epoch.toFixed(3)), timeZone);
        return [iso, iso.slice(0, 10)];
      });
      expect(results.map((result) => [textOf(result, "time_local"), textOf(result, "date")])).toEqual(expected);
      // Just after local midnight is the new local day, whatever the UTC date.
      const afterMidnight = results[6];
      expect(textOf(afterMidnight, "time_local")).toMatch(/^2025-11-25T00:00:00[+-]/);
      expect(textOf(afterMidnight, "date")).toBe("2025-11-25");
    });

    it("reads the time as a number too, and dates an unusable time unknown (nginx's map default)", () => {
      const results = convertRecords(timeZone, fields, [
        { time_local: 1764059405, _start: 1764059405.999 },
        { time_local: "1764059405", _start: "1764059405" },
        { time_local: undefined, _start: undefined },
        { time_local: "soon", _start: "soon" },
      ]);
      const iso = timeIso8601(1764059405, timeZone);
      expect(results.map((result) => [textOf(result, "time_local"), textOf(result, "date")])).toEqual([
        [iso, iso.slice(0, 10)],
        [iso, iso.slice(0, 10)],
        ["", "unknown"],
        ["", "unknown"],
      ]);
    });
  });

  it("caps like nginx's map regex and escapes like escape=json, byte for byte (property, one luajit run)", () => {
    const special = fc.constantFrom(...[0x00, 0x01, 0x08, 0x09, 0x0a, 0x0c, 0x0d, 0x1f, 0x22, 0x5c, 0x7f, 0x80, 0xbf, 0xc3, 0xe2, 0xff].map((byte) => Buffer.from([byte])));
    const unicode = fc.string({ unit: "binary", maxLength: 6 }).map((text) => Buffer.from(text, "utf8"));
    const rawBytes = fc.uint8Array({ maxLength: 6 }).map((bytes) => Buffer.from(bytes));
    const sample = fc.record({
      value: fc.array(fc.oneof(unicode, special, rawBytes), { maxLength: 10 }).map((chunks) => Buffer.concat(chunks)),
      maxFieldLength: fc.integer({ min: 1, max: 40 }),
    });
    const parameters = { numRuns: 200, seed: 20251125 };
    type Sample = { value: Buffer; maxFieldLength: number };
    const suiteOf = ({ value, maxFieldLength }: Sample): Suite => ({
      config: accesslogTable([{ name: "v", convert: "text", truncate: true }, { name: "raw", convert: "text" }], maxFieldLength),
      calls: [{ timestamp: 1, record: { v: value, raw: value } }],
    });
    const keyOf = ({ value, maxFieldLength }: Sample) => `${maxFieldLength}:${value.toString("hex")}`;

    // One luajit process for every generated sample; shrinking (after a failure) runs
    // luajit per candidate.
    const samples = fc.sample(sample, parameters);
    const batch = runHarness("UTC", samples.map(suiteOf));
    const results = new Map(samples.map((generated, index) => [keyOf(generated), batch[index]]));
    const resultOf = (generated: Sample) => results.get(keyOf(generated)) ?? runHarness("UTC", [suiteOf(generated)])[0];

    fc.assert(
      fc.property(sample, (generated) => {
        const suite = resultOf(generated);
        if (!suite?.loaded) throw new Error(`the library did not load: ${suite?.error}`);
        const [call] = suite.calls;
        const capped = nginxCap(generated.value, generated.maxFieldLength);
        const message = Buffer.concat([
          Buffer.from('{"v":"'),
          ngxEscapeJson(capped),
          Buffer.from('","raw":"'),
          ngxEscapeJson(generated.value),
          Buffer.from('","date":"unknown"}'),
        ]);
        expect(call?.record.get("v")?.toString("hex")).toBe(capped.toString("hex"));
        expect(call?.record.get("raw")?.toString("hex")).toBe(generated.value.toString("hex"));
        expect(call?.record.get("message")?.toString("hex")).toBe(message.toString("hex"));
      }),
      parameters,
    );
  });

  const DEFAULT_LIKE_FIELDS: readonly FieldSpec[] = [
    { name: "time_local", convert: "local_time" },
    { name: "vhost", convert: "host" },
    { name: "method", convert: "text" },
    { name: "uri", convert: "text", truncate: true },
    { name: "protocol", convert: "protocol" },
    { name: "status", convert: "number" },
    { name: "size", convert: "number" },
    { name: "reqtime", convert: "seconds_from_ms" },
    { name: "upstream_time", convert: "seconds_from_ms" },
    { name: "ua", convert: "text", truncate: true },
    { name: "referer", convert: "text", truncate: true },
    { name: "client", convert: "text" },
    { name: "xff", convert: "text", truncate: true },
    { name: "request_id", convert: "text" },
    { name: "cookie_session_id", convert: "cookie", cookie: "session_id", truncate: true },
    { name: "header_x_request_id", convert: "text", truncate: true },
  ];

  it("turns a typical Envoy record into exactly nginx mode's record: the fields, date and the JSON line", () => {
    const envoyRecord: EnvoyRecord = {
      time_local: "1764059405.123",
      _start: "1764059405.123",
      vhost: "Shop.Example.com:8443",
      method: "GET",
      uri: '/search?q="caf\u00e9"&path=a\\b\tafter-tab',
      protocol: "HTTP/2",
      status: 200,
      size: 5120,
      reqtime: 12,
      upstream_time: undefined,
      ua: "Mozilla/5.0 (X11; Linux x86_64)",
      referer: undefined,
      client: "203.0.113.7",
      xff: "198.51.100.1, 203.0.113.7",
      request_id: "9f2c4e1a",
      _cookie: "theme=dark; session_id=abc123; lang=ja",
      header_x_request_id: "req-42",
      upstream_host: "10.0.0.1:8080",
      _authority: "Shop.Example.com:8443",
    };
    const [result] = convertRecords("Asia/Tokyo", DEFAULT_LIKE_FIELDS, [envoyRecord]);
    const fields = {
      time_local: "2025-11-25T17:30:05+09:00",
      vhost: "shop.example.com",
      method: "GET",
      uri: '/search?q="caf\u00e9"&path=a\\b',
      protocol: "HTTP/2.0",
      status: "200",
      size: "5120",
      reqtime: "0.012",
      upstream_time: "",
      ua: "Mozilla/5.0 (X11; Linux x86_64)",
      referer: "",
      client: "203.0.113.7",
      xff: "198.51.100.1, 203.0.113.7",
      request_id: "9f2c4e1a",
      cookie_session_id: "abc123",
      header_x_request_id: "req-42",
      date: "2025-11-25",
    };
    const message =
      '{"time_local":"2025-11-25T17:30:05+09:00","vhost":"shop.example.com","method":"GET","uri":"/search?q=\\"caf\u00e9\\"&path=a\\\\b",' +
      '"protocol":"HTTP/2.0","status":"200","size":"5120","reqtime":"0.012","upstream_time":"","ua":"Mozilla/5.0 (X11; Linux x86_64)",' +
      '"referer":"","client":"203.0.113.7","xff":"198.51.100.1, 203.0.113.7","request_id":"9f2c4e1a","cookie_session_id":"abc123",' +
      '"header_x_request_id":"req-42","date":"2025-11-25"}';
    expect(result?.nonStrings).toEqual([]);
    expect(result && textRecord(result)).toEqual({ ...fields, message });
    // The JSON line is valid JSON holding the same values, keys in nginx's order.
    expect(Object.entries(JSON.parse(message) as Record<string, string>)).toEqual(Object.entries(fields));
  });

  it("never drops a record and logs missing or odd values as nginx logs an unset variable", () => {
    const oddRecords: (EnvoyRecord | undefined)[] = [
      {},
      undefined,
      { status: "503", reqtime: "15", upstream_time: "7", size: "0", time_local: 1764059405, _start: 1764059405.5 },
      {
        status: "abc",
        size: luaExpression("0/0"),
        reqtime: luaExpression("1/0"),
        upstream_time: "later",
        time_local: 1e300,
        _start: -5,
        vhost: 8080,
        method: true,
        uri: { nested: "map" },
        protocol: 2,
        ua: luaExpression("newproxy()"),
        referer: [1, 2],
        _cookie: 42,
      },
    ];
    const results = convertRecords("Asia/Tokyo", DEFAULT_LIKE_FIELDS, oddRecords);
    const keys = [...DEFAULT_LIKE_FIELDS.map((field) => field.name), "date", "message"].sort();
    for (const [index, result] of results.entries()) {
      expect(result.returned, `record ${index}`).toBe(3);
      expect(result.code, `record ${index}`).toBe(2);
      expect(result.timestamp, `record ${index}`).toBe(1764059405.25 + index);
      expect(result.nonStrings, `record ${index}`).toEqual([]);
      expect([...result.record.keys()].sort(), `record ${index}`).toEqual(keys);
      expect(() => JSON.parse(textOf(result, "message")), `record ${index}`).not.toThrow();
    }
    const empty = Object.fromEntries(DEFAULT_LIKE_FIELDS.map((field) => [field.name, ""]));
    const withoutMessage = (result: CallResult | undefined) => {
      const { message: _message, ...rest } = result ? textRecord(result) : {};
      return rest;
    };
    expect(withoutMessage(results[0])).toEqual({ ...empty, date: "unknown" });
    expect(withoutMessage(results[1])).toEqual({ ...empty, date: "unknown" });
    expect(withoutMessage(results[2])).toEqual({
      ...empty,
      time_local: "2025-11-25T17:30:05+09:00",
      status: "503",
      size: "0",
      reqtime: "0.015",
      upstream_time: "0.007",
      date: "2025-11-25",
    });
    expect(withoutMessage(results[3])).toEqual({ ...empty, method: "true", protocol: "2", date: "unknown" });
  });

  it("stops at load, with a message naming the mistake, when ACCESSLOG is missing or wrong", () => {
    const library = (config: string): Suite => ({ config, calls: [] });
    const suites = runHarness("UTC", [
      library(""),
      library(accesslogTable([{ name: "v", convert: "bogus" as Convert }])),
      library(accesslogTable([{ name: "c", convert: "cookie" }])),
      library(accesslogTable([{ name: "v", convert: "text" }], 0)),
      library(accesslogTable([{ name: "v", convert: "text" }])),
    ]);
    expect(suites.map((suite) => (suite.loaded ? "loaded" : suite.error.replace(/^.*accesslog-envoy\.lua: /, "")))).toEqual([
      "the global table ACCESSLOG must be defined before this library",
      'ACCESSLOG.fields[1] (v): unknown convert "bogus"',
      "ACCESSLOG.fields[1] (c): convert cookie needs the cookie's name in cookie",
      "ACCESSLOG.max_field_length must be a positive integer",
      "loaded",
    ]);
  });
});
