// nginx.realIp through real nginx: the logged client address is the one nginx's realip
// module picks from X-Forwarded-For with real_ip_recursive on. Documented algorithm
// (https://nginx.org/en/docs/http/ngx_http_realip_module.html#real_ip_recursive): "If
// recursive search is enabled, the original client address that matches one of the
// trusted addresses is replaced by the last non-trusted address sent in the request header
// field"; disabled, by the last address in the field, whatever it is.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestBytes, type SentRequest } from "./expect/request.ts";
import { exchange } from "./rig/client.ts";
import { upstreamHeader } from "./rig/envoy.ts";
import { parseWithOnigmo } from "./rig/parser.ts";
import { DATA_PATH_HELM, Rig } from "./rig/rig.ts";
import { waitFor } from "./rig/wait.ts";

// The rig's client connects from 127.0.0.1, so the peer itself is a trusted proxy.
const TRUSTED = ["127.0.0.0/8", "10.0.0.0/8"];

const CASES = [
  // Two trusted proxies after the client: recursive search skips both. Without it, nginx
  // would log 10.4.5.6, the last address.
  { forwardedFor: "203.0.113.7, 10.1.2.3, 10.4.5.6", client: "203.0.113.7" },
  // The client's own forged entry left of it is not reached: the search stops at the first
  // untrusted address from the right.
  { forwardedFor: "198.51.100.9, 203.0.113.7, 10.1.2.3", client: "203.0.113.7" },
  // Every address trusted: the search ends at the first one in the field.
  { forwardedFor: "10.9.9.9, 10.1.2.3", client: "10.9.9.9" },
  // An untrusted last hop is the client, recursive or not.
  { forwardedFor: "10.1.2.3, 203.0.113.7", client: "203.0.113.7" },
];

/** X-Forwarded-Proto from a trusted proxy (the rig's client is one here) → what Envoy gets. */
const PROTO_CASES = [
  { sent: "https", envoyGets: "https" },
  { sent: "HTTPS", envoyGets: "https" },
  { sent: "http", envoyGets: "http" },
  // Not a scheme: nginx's own.
  { sent: "javascript", envoyGets: "http" },
  { sent: "https, http", envoyGets: "http" },
  { sent: undefined, envoyGets: "http" },
];

describe(`${DATA_PATH_HELM.label}, nginx.realIp.trustedCidrs ${TRUSTED.join(" ")}`, () => {
  let rig: Rig;
  const logged: { forwardedFor: string; client: string | undefined }[] = [];

  beforeAll(async () => {
    rig = await Rig.create({ nginx: { realIp: { trustedCidrs: TRUSTED } } });
    await rig.startInChartOrder();
    for (const { forwardedFor } of CASES) {
      const request: SentRequest = { name: forwardedFor, method: "GET", target: "/real-ip", version: "HTTP/1.1", headers: [["Host", "example.com"], ["X-Forwarded-For", forwardedFor]] };
      const before = rig.receiver!.datagrams.length;
      await exchange(rig.listenPort, requestBytes(request), request.method);
      await waitFor(() => rig.receiver!.datagrams.length > before, 5_000, `the datagram of X-Forwarded-For: ${forwardedFor}`);
    }
    for (const [index, { sent }] of PROTO_CASES.entries()) {
      const headers: [string, string][] = [["Host", "example.com"], ...(sent === undefined ? [] : [["X-Forwarded-Proto", sent] as [string, string]])];
      await exchange(rig.listenPort, requestBytes({ name: `proto ${sent}`, method: "GET", target: `/proto/${index}`, version: "HTTP/1.1", headers }), "GET");
    }
    await rig.stopInChartOrder();
    for (const [index, parsed] of parseWithOnigmo(rig.pipeline.regex, rig.receiver!.datagrams.slice(0, CASES.length)).entries()) {
      logged.push({ forwardedFor: CASES[index]!.forwardedFor, client: (parsed.record as Record<string, string> | undefined)?.["client"] });
    }
  });
  afterAll(() => rig?.dispose());

  it("logs as client the last untrusted address of X-Forwarded-For (real_ip_recursive on)", () => {
    expect(logged).toEqual(CASES.map(({ forwardedFor, client }) => ({ forwardedFor, client })));
  });

  // The other side, an untrusted client whose X-Forwarded-Proto is ignored, is checked on
  // every catalogue request (upstream-checks.ts).
  it("passes Envoy the X-Forwarded-Proto of a trusted proxy, when it names http or https", () => {
    const told = PROTO_CASES.map(({ sent }, index) => {
      const request = rig.envoy.requests.find((received) => received.target.toString("latin1") === `/proto/${index}`);
      return { sent, envoyGets: request && upstreamHeader(request, "x-forwarded-proto") };
    });
    expect(told).toEqual(PROTO_CASES);
  });
});
