// A request the test sends, described so both its bytes and its expected log line follow
// from the description.
export interface SentRequest {
  readonly name: string;
  readonly method: string;
  /** The request target exactly as sent: raw UTF-8, quotes, backslashes. */
  readonly target: string;
  readonly version: "HTTP/1.1" | "HTTP/1.0";
  readonly headers: readonly (readonly [string, string])[];
  readonly body?: string;
  /** nginx refuses the request line (400) before it knows method, URI or protocol. */
  readonly rejectedByNginx?: boolean;
  /** Sent while Envoy's stand-in is down: nginx answers with its own 502 page. */
  readonly envoyDown?: boolean;
}

export function requestBytes(request: SentRequest): Buffer {
  const body = Buffer.from(request.body ?? "", "utf8");
  const headers = [...request.headers.map(([name, value]) => `${name}: ${value}`), ...(request.body === undefined ? [] : [`Content-Length: ${body.length}`]), "Connection: close"];
  return Buffer.concat([Buffer.from(`${request.method} ${request.target} ${request.version}\r\n${headers.join("\r\n")}\r\n\r\n`, "utf8"), body]);
}

export function header(request: SentRequest, name: string): string | undefined {
  return request.headers.find(([candidate]) => candidate.toLowerCase() === name.toLowerCase())?.[1];
}

export function cookie(request: SentRequest, name: string): string | undefined {
  for (const pair of (header(request, "Cookie") ?? "").split(";")) {
    const [key, ...value] = pair.trim().split("=");
    if (key === name) return value.join("=");
  }
  return undefined;
}
