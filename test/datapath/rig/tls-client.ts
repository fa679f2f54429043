// Clients of nginx's TLS port: curl for HTTPS requests (TLS versions, HTTP/2 by ALPN,
// verification against the test's CA) and `openssl s_client` for what the handshake alone
// shows (the certificate served for a server name, a refused protocol version). Run
// asynchronously: the Envoy stand-in answers nginx from this same process.
import { execFile } from "node:child_process";

export interface CurlResult {
  readonly ok: boolean;
  readonly status: number;
  /** curl's %{http_version}: 1.1, 2. */
  readonly httpVersion: string;
  readonly redirectUrl: string;
  readonly stderr: string;
}

export interface CurlRequest {
  readonly url: string;
  /** Connect to 127.0.0.1 whatever the URL's host resolves to (SNI and Host stay the URL's). */
  readonly resolvePort: number;
  readonly caFile?: string;
  readonly options?: readonly string[];
}

export function curl({ url, resolvePort, caFile, options = [] }: CurlRequest): Promise<CurlResult> {
  const host = new URL(url).hostname;
  const args = [
    "-sS", "--max-time", "10", "-o", "/dev/null", "-w", "%{http_code} %{http_version} %{redirect_url}",
    "--resolve", `${host}:${resolvePort}:127.0.0.1`,
    ...(caFile ? ["--cacert", caFile] : []),
    ...options, url,
  ];
  return new Promise((resolve) => {
    execFile("curl", args, { encoding: "utf8" }, (error, stdout, stderr) => {
      const [status, httpVersion, redirectUrl] = stdout.split(" ");
      resolve({ ok: !error, status: Number(status), httpVersion: httpVersion ?? "", redirectUrl: redirectUrl ?? "", stderr });
    });
  });
}

export interface Handshake {
  readonly ok: boolean;
  readonly output: string;
}

/**
 * `openssl s_client` to 127.0.0.1:port with the options: closed right after the handshake, or
 * after sending `input` (with -ign_eof, once the server closes).
 */
export function handshake(port: number, options: readonly string[], input = ""): Promise<Handshake> {
  return new Promise((resolve) => {
    const child = execFile("openssl", ["s_client", "-connect", `127.0.0.1:${port}`, ...options], { encoding: "utf8", timeout: 10_000 }, (error, stdout, stderr) =>
      resolve({ ok: !error, output: stdout + stderr }),
    );
    child.stdin!.end(input);
  });
}

/** The subject of the certificate nginx presents for a server name (undefined: no SNI at all). */
export async function servedSubject(port: number, serverName: string | undefined): Promise<string> {
  const result = await handshake(port, serverName === undefined ? ["-noservername"] : ["-servername", serverName]);
  const subject = /^subject=(.*)$/m.exec(result.output)?.[1];
  if (!result.ok || subject === undefined) throw new Error(`no certificate for ${serverName ?? "no SNI"}: ${result.output}`);
  return subject.trim();
}
