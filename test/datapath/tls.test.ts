// nginx.tls through real nginx: certificates from Secrets mounted as the kubelet does,
// chosen by SNI (https://nginx.org/en/docs/http/configuring_https_servers.html#sni), TLS 1.2
// and 1.3, HTTP/2 by ALPN, the redirect of plain HTTP, the scheme Envoy is told, the TLS
// fields of the log line, and a renewed certificate served after the Secret changed.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_FIELDS } from "../../values-schema/access-log.ts";
import { DEFAULT_TLS_CIPHERS } from "../../values-schema/nginx-tls.ts";
import { upstreamHeader } from "./rig/envoy.ts";
import { TestCa } from "./rig/host-certificates.ts";
import { parseWithOnigmo } from "./rig/parser.ts";
import { startLoad } from "./rig/load.ts";
import { freePorts } from "./rig/ports.ts";
import { requireInstalled } from "./rig/programs.ts";
import { DATA_PATH_HELM, Rig } from "./rig/rig.ts";
import type { SecretData } from "./rig/secrets.ts";
import { curl, handshake, servedSubject } from "./rig/tls-client.ts";
import { waitFor } from "./rig/wait.ts";

const TLS_FIELDS = [
  { name: "tls_protocol", nginx: "$ssl_protocol" },
  { name: "tls_cipher", nginx: "$ssl_cipher" },
  { name: "sni", nginx: "$ssl_server_name" },
  { name: "client_verify", nginx: "$ssl_client_verify" },
  { name: "client_dn", nginx: "$ssl_client_s_dn" },
];

describe(`${DATA_PATH_HELM.label}, nginx.tls with two certificates, the redirect and a port for TLS ended by a load balancer`, () => {
  let ca: TestCa;
  let rig: Rig;
  let tlsPort: number;
  let offloadedPort: number;
  let secrets: Record<string, SecretData>;
  let clientFiles: { cert: string; key: string };

  beforeAll(async () => {
    requireInstalled("openssl", "curl");
    ca = TestCa.create();
    secrets = {
      "example-com-tls": ca.issue("example.com", ["example.com", "www.example.com"]),
      "api-tls": ca.issue("api.example.org", ["*.api.example.org"]),
      "client-ca": { "ca.crt": readFileSync(ca.certificateFile, "utf8") },
    };
    const client = ca.issue("client one", ["client.example.com"]);
    clientFiles = { cert: join(ca.dir, "client.crt"), key: join(ca.dir, "client.key") };
    writeFileSync(clientFiles.cert, client["tls.crt"]!);
    writeFileSync(clientFiles.key, client["tls.key"]!);
    [tlsPort, offloadedPort] = (await freePorts(2)) as [number, number];
    const values = {
      accessLog: { fields: [...DEFAULT_FIELDS, ...TLS_FIELDS] },
      nginx: {
        tls: {
          enabled: true,
          port: tlsPort,
          offloadedPort,
          redirectHttp: true,
          reloadCheckSeconds: 1,
          clientCertificates: { verify: "optional", caSecretName: "client-ca" },
          certificates: [
            { secretName: "example-com-tls", hosts: ["example.com", "www.example.com"] },
            { secretName: "api-tls", hosts: ["*.api.example.org"] },
          ],
        },
      },
    };
    rig = await Rig.create(values, DATA_PATH_HELM, secrets);
    await rig.startInChartOrder();
  });
  afterAll(async () => {
    await rig?.stopInChartOrder().catch(() => undefined);
    rig?.dispose();
    ca?.dispose();
  });

  const https = (host: string, path: string, options: string[]) =>
    curl({ url: `https://${host}:${tlsPort}${path}`, resolvePort: tlsPort, caFile: ca.certificateFile, options });

  /** The decoded log line of the request whose uri is `path`. */
  async function loggedLine(path: string): Promise<Record<string, string>> {
    let found: Record<string, string> | undefined;
    await waitFor(() => {
      const records = parseWithOnigmo(rig.pipeline.regex, rig.receiver!.datagrams).map((parsed) => parsed.record as Record<string, string> | undefined);
      found = records.find((record) => record?.["uri"] === path);
      return found !== undefined;
    }, 5_000, `the log line of ${path}`);
    return found!;
  }

  const upstreamRequest = (path: string) => rig.envoy.requests.find((request) => request.target.toString("latin1") === path);

  it("serves HTTPS over TLS 1.2 with a default cipher, HTTP/1.1, and logs the TLS fields", async () => {
    const result = await https("example.com", "/tls12", ["--tlsv1.2", "--tls-max", "1.2", "--http1.1"]);
    expect(result).toMatchObject({ ok: true, status: 200, httpVersion: "1.1" });
    const line = await loggedLine("/tls12");
    expect(line).toMatchObject({ tls_protocol: "TLSv1.2", sni: "example.com", protocol: "HTTP/1.1", status: "200" });
    expect(DEFAULT_TLS_CIPHERS.split(":")).toContain(line["tls_cipher"]);
  });

  it("refuses a TLS 1.2 client that offers only ciphers outside nginx.tls.ciphers (CBC with SHA-1)", async () => {
    const refused = await https("example.com", "/cbc", ["--tlsv1.2", "--tls-max", "1.2", "--ciphers", "ECDHE-RSA-AES128-SHA:AES128-SHA"]);
    expect(refused.ok).toBe(false);
    expect(refused.stderr).toMatch(/handshake failure|alert/i);
  });

  it("serves HTTP/2 by ALPN over TLS 1.3 and logs it", async () => {
    const result = await https("www.example.com", "/tls13-h2", ["--tlsv1.3", "--http2"]);
    expect(result).toMatchObject({ ok: true, status: 200, httpVersion: "2" });
    const line = await loggedLine("/tls13-h2");
    expect(line).toMatchObject({ tls_protocol: "TLSv1.3", sni: "www.example.com", protocol: "HTTP/2.0" });
    // OpenSSL's TLS 1.3 suite names (ssl_ciphers does not configure them).
    expect(line["tls_cipher"]).toMatch(/^TLS_(AES_128_GCM_SHA256|AES_256_GCM_SHA384|CHACHA20_POLY1305_SHA256)$/);
  });

  it("resumes TLS 1.2 sessions from nginx's shared cache by session ID, never by tickets, and keeps them a day", async () => {
    // ssl_session_tickets off: no NewSessionTicket, so s_client's session has no "TLS session
    // ticket:" (SSL_SESSION_print, OpenSSL ssl/ssl_txt.c); resumption then needs the server's
    // cache, which nginx's default ssl_session_cache none does not keep (ngx_http_ssl_module).
    const session = join(ca.dir, "tls12.session");
    const first = await handshake(tlsPort, ["-servername", "example.com", "-tls1_2", "-sess_out", session]);
    const resumed = await handshake(tlsPort, ["-servername", "example.com", "-tls1_2", "-sess_in", session]);
    expect([first.ok, first.output.includes("TLS session ticket:"), resumed.ok, /^(New|Reused), TLSv1\.2/m.exec(resumed.output)?.[0]]).toEqual([true, false, true, "Reused, TLSv1.2"]);
    // TLS 1.3 resumes only by tickets; without stateless ones OpenSSL issues stateful tickets
    // whose lifetime is the session timeout (ssl_session_timeout, nginx's default 5m).
    const request = "GET /tls13-ticket HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n";
    const tls13 = await handshake(tlsPort, ["-servername", "example.com", "-tls1_3", "-ign_eof"], request);
    expect(/TLS session ticket lifetime hint: ([0-9]+)/.exec(tls13.output)?.[1]).toBe(String(24 * 60 * 60));
  });

  it("picks the certificate by SNI, and the first one for no SNI or an unknown name", async () => {
    expect(await servedSubject(tlsPort, "example.com")).toBe("CN = example.com");
    expect(await servedSubject(tlsPort, "www.example.com")).toBe("CN = example.com");
    expect(await servedSubject(tlsPort, "v1.api.example.org")).toBe("CN = api.example.org");
    expect(await servedSubject(tlsPort, "unknown.example.net")).toBe("CN = example.com");
    expect(await servedSubject(tlsPort, undefined)).toBe("CN = example.com");
    // curl verifies the wildcard certificate against the CA: the whole chain is right.
    expect(await https("v1.api.example.org", "/wildcard", [])).toMatchObject({ ok: true, status: 200 });
  });

  it("logs a client certificate's verification and subject (clientCertificates.verify optional), and NONE without one", async () => {
    expect(await https("example.com", "/with-client-cert", ["--cert", clientFiles.cert, "--key", clientFiles.key])).toMatchObject({ ok: true, status: 200 });
    expect(await loggedLine("/with-client-cert")).toMatchObject({ client_verify: "SUCCESS", client_dn: "CN=client one" });
    expect(await https("example.com", "/without-client-cert", [])).toMatchObject({ ok: true, status: 200 });
    expect(await loggedLine("/without-client-cert")).toMatchObject({ client_verify: "NONE", client_dn: "" });
  });

  it("tells Envoy https on the TLS port, whatever X-Forwarded-Proto the client sent", async () => {
    await https("example.com", "/forged-proto", ["-H", "X-Forwarded-Proto: http"]);
    expect(upstreamHeader(upstreamRequest("/forged-proto")!, "x-forwarded-proto")).toBe("https");
  });

  it("redirects plain HTTP to https with 308, logs it, and still proxies ACME HTTP-01 challenges", async () => {
    const plain = await curl({ url: `http://example.com:${rig.listenPort}/plain?a=1`, resolvePort: rig.listenPort });
    expect(plain).toMatchObject({ ok: true, status: 308, redirectUrl: "https://example.com/plain?a=1" });
    expect(upstreamRequest("/plain?a=1")).toBeUndefined();
    expect(await loggedLine("/plain?a=1")).toMatchObject({ status: "308", tls_protocol: "", sni: "" });
    const challenge = await curl({ url: `http://example.com:${rig.listenPort}/.well-known/acme-challenge/token`, resolvePort: rig.listenPort });
    expect(challenge).toMatchObject({ ok: true, status: 200 });
    expect(upstreamHeader(upstreamRequest("/.well-known/acme-challenge/token")!, "x-forwarded-proto")).toBe("http");
  });

  it("tells Envoy https for plain requests on the offloaded port (TLS ended at the load balancer)", async () => {
    const result = await curl({ url: `http://example.com:${offloadedPort}/offloaded`, resolvePort: offloadedPort, options: ["-H", "X-Forwarded-Proto: http"] });
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(upstreamHeader(upstreamRequest("/offloaded")!, "x-forwarded-proto")).toBe("https");
  });

  // Last: it changes the served certificate.
  it("serves a renewed certificate after the kubelet updates the Secret, by a reload of the same nginx, dropping no request under load", async () => {
    const master = rig.nginx!.process.pid;
    // Keep-alive HTTPS clients through the reload: old workers finish their connections, new
    // ones take the new certificate (https://nginx.org/en/docs/control.html#reconfiguration).
    const load = startLoad(tlsPort, 4, "reload", 200, { tls: { ca: readFileSync(ca.certificateFile, "utf8"), servername: "example.com" }, retryReusedSocketReset: true });
    await sleep(1_000);
    rig.updateSecret("example-com-tls", ca.issue("example.com renewed", ["example.com", "www.example.com"]));
    await waitFor(async () => (await servedSubject(tlsPort, "example.com")) === "CN = example.com renewed", 15_000, "nginx to serve the renewed certificate");
    await sleep(1_000);
    await load.stop();
    expect(rig.nginx!.process.exitCode).toBeNull();
    expect(rig.nginx!.process.pid).toBe(master);
    expect(await https("example.com", "/after-renewal", [])).toMatchObject({ ok: true, status: 200 });
    expect(rig.nginx!.stderr).toContain("reloading nginx");
    console.log(`certificate reload under load: ${load.responded.size} HTTPS requests answered, ${load.failures()} failed, ${load.retries()} sent again after an idle kept-alive connection was closed under them`);
    expect(load.failures()).toBe(0);
    expect(load.responded.size).toBeGreaterThan(200);
    // Every answered request was logged once, by old workers and new.
    await waitFor(() => loggedUris("/reload/").length >= load.responded.size, 10_000, "every answered request's log line");
    const logged = loggedUris("/reload/");
    expect(new Set(logged).size).toBe(logged.length);
    expect(new Set(logged)).toEqual(load.responded);
  });

  /** The uris of the log lines under a prefix, as many times as logged. */
  function loggedUris(prefix: string): string[] {
    return parseWithOnigmo(rig.pipeline.regex, rig.receiver!.datagrams)
      .map((parsed) => (parsed.record as Record<string, string> | undefined)?.["uri"])
      .filter((uri): uri is string => uri?.startsWith(prefix) === true);
  }
});

// TLS 1.0 and 1.1 are refused by nginx.tls.protocols itself. The cipher list is opened to
// OpenSSL's security level 0 here, as an old client would need (OpenSSL 3 allows TLS 1.0/1.1
// only there: SSL_CTX_set_security_level(3ssl)); so nothing else refuses the handshake, and
// nginx 1.22 without ssl_protocols (its default "TLSv1 TLSv1.1 TLSv1.2",
// https://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_protocols) accepts both.
describe(`${DATA_PATH_HELM.label}, nginx.tls default protocols with a cipher list old clients could use`, () => {
  let ca: TestCa;
  let rig: Rig;
  let tlsPort: number;

  beforeAll(async () => {
    requireInstalled("openssl", "curl");
    ca = TestCa.create();
    [tlsPort] = (await freePorts(1)) as [number];
    const values = { nginx: { tls: { enabled: true, port: tlsPort, ciphers: "DEFAULT:@SECLEVEL=0", certificates: [{ secretName: "example-com-tls", hosts: ["example.com"] }] } } };
    rig = await Rig.create(values, DATA_PATH_HELM, { "example-com-tls": ca.issue("example.com", ["example.com"]) });
    await rig.startInChartOrder();
  });
  afterAll(async () => {
    await rig?.stopInChartOrder().catch(() => undefined);
    rig?.dispose();
    ca?.dispose();
  });

  it.each([
    ["TLS 1.0", "-tls1"],
    ["TLS 1.1", "-tls1_1"],
  ])("refuses %s", async (_name, flag) => {
    const result = await handshake(tlsPort, ["-servername", "example.com", flag, "-cipher", "DEFAULT:@SECLEVEL=0"]);
    expect(result.ok, result.output).toBe(false);
    expect(result.output).toMatch(/unsupported protocol|no protocols available|protocol version/i);
  });

  it("accepts TLS 1.2 from the same client", async () => {
    const result = await handshake(tlsPort, ["-servername", "example.com", "-tls1_2", "-cipher", "DEFAULT:@SECLEVEL=0"]);
    expect(result.ok, result.output).toBe(true);
    expect(result.output).toMatch(/Protocol *: TLSv1\.2/);
  });
});
