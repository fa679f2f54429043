// The nginx sidecar: receives outside traffic, logs each request, proxies to Envoy.
import { z } from "zod";
import { absolutePath, freeFormList, image, port, resources, unprivilegedPort } from "./common.ts";
import { nginxTls } from "./nginx-tls.ts";

/** nginx size syntax: 10m, 512k, 1g or bytes. */
const nginxSize = z.string().regex(/^[0-9]+[kKmMgG]?$/, "must be an nginx size such as 512k or 10m");
/** nginx time syntax: 60s, 5m, 500ms. */
const nginxTime = z.string().regex(/^[0-9]+(ms|s|m|h)?$/, "must be an nginx time such as 60s or 500ms");
const cidr = z.string().regex(/^[0-9a-fA-F.:]+(\/[0-9]{1,3})?$/, "must be an IP address or CIDR");

const DEFAULT_ERROR_PAGES: Record<string, string> = {
  "502": "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body><h1>Bad Gateway</h1><p>The service is temporarily unreachable. Please retry shortly.</p></body></html>\n",
  "503": "<!DOCTYPE html>\n<html><head><title>503 Service Unavailable</title></head>\n<body><h1>Service Unavailable</h1><p>The service is temporarily unavailable. Please retry shortly.</p></body></html>\n",
  "504": "<!DOCTYPE html>\n<html><head><title>504 Gateway Timeout</title></head>\n<body><h1>Gateway Timeout</h1><p>The service did not answer in time. Please retry shortly.</p></body></html>\n",
};

export const nginx = z
  .object({
    image: image({ repository: "nginxinc/nginx-unprivileged", tag: "1.28" }, "nginx (must run as a non-root user and include tzdata and sh, for the socket-queue check)"),
    listenPort: unprivilegedPort.default(8081).describe("Port nginx receives outside traffic on; the Service's http port targets it."),
    healthPort: unprivilegedPort.default(8082).describe("Port of nginx's own health endpoint (/healthz) for the kubelet's probes; not logged."),
    upstream: z
      .object({
        port: port.default(8080).describe("Envoy's HTTP port on localhost. Istio Gateway servers must use this port number (it is not a Service port). With accessLog.source envoy it is the port the Service sends traffic to."),
        keepalive: z.number().int().min(0).max(10000).default(64).describe("Idle keepalive connections to Envoy kept per worker."),
        keepaliveRequests: z.number().int().min(1).max(1000000).default(10000).describe("Requests per keepalive connection to Envoy before it is closed."),
        connectTimeout: nginxTime.default("5s").describe("Timeout of connecting to Envoy."),
        readTimeout: nginxTime.default("60s").describe("Timeout between two reads of Envoy's response."),
        sendTimeout: nginxTime.default("60s").describe("Timeout between two writes of the request to Envoy."),
      })
      .strict()
      .prefault({})
      .describe("The connection from nginx to Envoy."),
    tmpDirectory: absolutePath
      .default("/tmp")
      .describe("Writable directory (an emptyDir) for nginx's pid file and temporary files; the root filesystem is read-only."),
    workerProcesses: z.number().int().min(1).max(64).default(2).describe("nginx worker processes. Each worker has its own socket send buffer for log lines, so more workers also absorb longer fluent-bit pauses."),
    workerConnections: z.number().int().min(64).max(1048576).default(4096).describe("Connections per worker (clients and upstream together)."),
    clientMaxBodySize: nginxSize.default("10m").describe("Largest request body nginx accepts."),
    largeClientHeaderBuffers: z.string().regex(/^[0-9]+ [0-9]+[kKmM]?$/).default("4 16k").describe("nginx large_client_header_buffers: long cookies and URIs need room here."),
    keepaliveTimeout: nginxTime.default("65s").describe("How long an idle client keepalive connection stays open (longer than the load balancer's idle timeout)."),
    tls: nginxTls,
    proxyProtocol: z.boolean().default(false).describe("Expect the PROXY protocol from the load balancer on every port nginx receives traffic on (listenPort, tls.port, tls.offloadedPort) and take the client address from it."),
    realIp: z
      .object({
        trustedCidrs: z.array(cidr).default([]).describe("Addresses of proxies in front of nginx whose client address header is trusted (set_real_ip_from). Empty: $remote_addr is the peer."),
        header: z.string().regex(/^[A-Za-z0-9-]+$/).default("X-Forwarded-For").describe("Header carrying the client address from a trusted proxy."),
      })
      .strict()
      .prefault({})
      .describe("Client address from trusted proxies (ngx_http_realip_module)."),
    errorPages: z
      .record(z.string().regex(/^[45][0-9]{2}$/, "must be an HTTP error status code"), z.string().min(1))
      .default(DEFAULT_ERROR_PAGES)
      .describe("HTML pages nginx serves for its own errors (Envoy unreachable or too slow), by status code. Set a code to null to drop a default page."),
    httpSnippet: z.string().default("").describe("Extra nginx configuration inside the http block."),
    serverSnippet: z.string().default("").describe("Extra nginx configuration inside every server block that proxies to Envoy (plain HTTP, each TLS certificate's, the offloaded-TLS port)."),
    preStopSleepSeconds: z
      .number()
      .int()
      .min(0)
      .max(300)
      .default(5)
      .describe("Seconds nginx keeps serving after the pod is marked terminating, so load balancers stop sending before it drains. Envoy behind it stays up and accepting as long (above 40 s the chart lengthens istio-proxy's drainDuration to the sleep plus 5 s)."),
    resources: resources(
      { requests: { cpu: "100m", memory: "64Mi" }, limits: { memory: "256Mi" } },
      "nginx's CPU grows with request rate; logging adds little.",
    ),
    extraEnv: freeFormList.default([]).describe("Extra environment variables of the nginx container (Kubernetes EnvVar objects)."),
    extraVolumeMounts: freeFormList.default([]).describe("Extra volume mounts of the nginx container (for gateway.extraVolumes)."),
  })
  .strict()
  .prefault({})
  .describe("The nginx sidecar that receives outside traffic, writes the access log and proxies to Envoy.");
