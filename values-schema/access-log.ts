// What each request's log line holds and where it lands. The field list is the one
// definition of the log line: nginx's log_format and fluent-bit's output are rendered
// from it.
import { z } from "zod";
import { absolutePath, port, timeZone, unprivilegedPort } from "./common.ts";

/**
 * A JSON key, lower-case letters, digits and _, and not "time": fluent-bit's file
 * template reserves {time} for the record timestamp (a float), so a key named time could
 * not be written to LTSV. The pattern spells out "anything but time" because Go's RE2 has
 * no lookahead.
 */
const fieldName = z
  .string()
  .regex(
    /^([a-su-z][a-z0-9_]{0,31}|t([a-hj-z0-9_][a-z0-9_]{0,30}|i([a-ln-z0-9_][a-z0-9_]{0,29}|m([a-df-z0-9_][a-z0-9_]{0,28}|e[a-z0-9_]{1,28})?)?)?)$/,
    'must be lower-case letters, digits and _, at most 32 characters, and not "time" (reserved by fluent-bit; use time_local)',
  );
const ltsvLabel = z.string().regex(/^[A-Za-z0-9_.-]{1,32}$/, "must be an LTSV label: letters, digits, _ . -");
/** An nginx value expression inside quoted strings of nginx.conf. */
const nginxExpression = z.string().min(1).max(200).regex(/^[^'"\\\n\r]+$/, "must not contain quotes, backslashes or newlines");

/** One or more Envoy command operators with text, inside a JSON/YAML string of the EnvoyFilter. */
const envoyOperator = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^'"\\\n\r]*%[A-Z_]+(\([^)]*\))?(:[0-9]+)?%[^'"\\\n\r]*$/, "must contain an Envoy command operator such as %REQ(X-CUSTOM)%, without quotes, backslashes or newlines");

/**
 * A protobuf Duration in seconds of at least one millisecond, such as 1s or 0.5s. Envoy reads
 * the fluentd logger's durations in whole milliseconds and its proto refuses 0
 * (buffer_flush_interval gt 0, BackoffStrategy base_interval gte 1ms, max_interval gt 0), which
 * would NACK the gateway's listener. Spelt out without lookahead (RE2): a non-zero whole part,
 * or a zero one whose first three decimals are not all 0; at most 9 decimals (nanoseconds).
 */
const envoyDuration = (example: string) =>
  z
    .string()
    .regex(
      /^([0-9]*[1-9][0-9]*(\.[0-9]{1,9})?|0+\.([1-9][0-9]{0,8}|0[1-9][0-9]{0,7}|00[1-9][0-9]{0,6}))s$/,
      `must be a duration in seconds of at least 1ms (0.001s), such as ${example}`,
    );

/** A list without repeats: each entry becomes a key of the log line (and of Envoy's record). */
/** A key of a Secret in the release's namespace that fluent-bit reads; an empty name for none. */
const secretKey = ({ holds, empty, defaultKey }: { holds: string; empty: string; defaultKey: string }) =>
  z
    .object({
      name: z.string().regex(/^([a-z0-9]([-a-z0-9.]*[a-z0-9])?)?$/).default("").describe(`Secret holding ${holds}; empty for ${empty}.`),
      key: z.string().regex(/^[-._A-Za-z0-9]+$/, "must name the key in the Secret").default(defaultKey).describe("Key in that Secret."),
    })
    .strict()
    .prefault({});

const uniqueList = <T extends z.ZodType>(element: T) =>
  z
    .array(element)
    .refine((items) => new Set(items).size === items.length, "must not repeat an entry")
    .meta({ uniqueItems: true });

const field = z
  .object({
    name: fieldName.describe("Key of the field in the JSON line (and its LTSV label unless label is set)."),
    label: ltsvLabel.optional().describe("Label of the field in LTSV lines, when it differs from the name (e.g. time for time_local)."),
    nginx: nginxExpression.describe("nginx variable expression that gives the value, e.g. $request_uri."),
    envoy: envoyOperator
      .optional()
      .describe("Envoy command operator that gives the value when accessLog.source is envoy, written as is. Unset: derived from the nginx variable for the ones the chart knows (README: Envoy mode)."),
    truncate: z.boolean().optional().describe("Cap the value at accessLog.maxFieldLength bytes, cut at a UTF-8 character boundary and at the first tab (client-controlled values)."),
  })
  .strict();

export const DEFAULT_FIELDS = [
  { name: "time_local", label: "time", nginx: "$time_iso8601" },
  { name: "vhost", nginx: "$host" },
  { name: "method", nginx: "$request_method" },
  { name: "uri", nginx: "$request_uri", truncate: true },
  { name: "protocol", nginx: "$server_protocol" },
  { name: "status", nginx: "$status" },
  { name: "size", nginx: "$body_bytes_sent" },
  { name: "reqtime", nginx: "$request_time" },
  { name: "upstream_time", nginx: "$upstream_response_time" },
  { name: "ua", nginx: "$http_user_agent", truncate: true },
  { name: "referer", nginx: "$http_referer", truncate: true },
  { name: "client", nginx: "$remote_addr" },
  { name: "xff", nginx: "$http_x_forwarded_for", truncate: true },
  { name: "request_id", nginx: "$request_id" },
];

export const accessLog = z
  .object({
    source: z
      .enum(["nginx", "envoy"])
      .default("nginx")
      .describe("Who writes the access log. nginx: an nginx in front of Envoy logs each request to a unix socket. envoy: no nginx; the gateway's own Envoy streams each request to fluent-bit over the forward protocol (EnvoyFilter with Envoy's fluentd access logger). The fields and files are the same."),
    envoy: z
      .object({
        port: unprivilegedPort.default(24224).describe("Port of fluent-bit's forward input on 127.0.0.1, which Envoy sends to."),
        bufferSizeBytes: z
          .number()
          .int()
          .min(0)
          .max(16777216)
          .default(65536)
          .describe("Bytes each Envoy worker thread buffers before it flushes to fluent-bit. While fluent-bit is unreachable this is all Envoy keeps: further lines are dropped and counted in envoy_access_logs_fluentd_accesslog_entries_lost."),
        flushInterval: envoyDuration("1s or 0.5s").default("1s").describe("Longest time a line waits in Envoy's buffer before it is sent; at least 0.001s."),
        reconnectBaseInterval: envoyDuration("0.5s").default("0.5s").describe("First wait before Envoy reconnects to fluent-bit (it doubles, with jitter, up to the maximum); at least 0.001s."),
        reconnectMaxInterval: envoyDuration("5s").default("5s").describe("Longest wait between reconnects, not shorter than reconnectBaseInterval; Envoy never gives up."),
      })
      .strict()
      .prefault({})
      .describe("Delivery from Envoy to fluent-bit when accessLog.source is envoy."),
    timeZone: timeZone
      .default("Asia/Tokyo")
      .describe("Time zone of the log's time and of the per-day file date (nginx's TZ). The date is taken from each request's own time in this zone."),
    fields: z
      .array(field)
      .min(1)
      // JSON Schema cannot say "unique by name", so only the TypeScript definitions and tests check it.
      .refine((fields) => new Set(fields.map((item) => item.name)).size === fields.length, "field names must not repeat")
      .default(DEFAULT_FIELDS).describe("Fields of every log line, in order; names must not repeat. A field named date is always appended: the request's day (YYYY-MM-DD), which names the output directory."),
    cookies: uniqueList(z.string().regex(/^[A-Za-z0-9_]{1,64}$/, "must be a cookie name nginx can read ($cookie_<name>): letters, digits, _"))
      .default([])
      .describe("Cookies to log, each as field cookie_<name> (truncated)."),
    requestHeaders: uniqueList(z.string().regex(/^[a-z0-9-]{1,64}$/, "must be an HTTP header name in lower case (header names are case-insensitive)"))
      .default([])
      .describe("Request headers to log, lower case, each as field header_<name> with - turned into _ (truncated)."),
    maxFieldLength: z
      .number()
      .int()
      .min(64)
      .max(8192)
      .default(2048)
      .describe("Bytes kept of each truncated field (fewer when the cut would split a UTF-8 character; a value also ends at its first tab, which LTSV cannot hold). Bounds the datagram size: the kernel refuses datagrams above the sender's buffer (about 208 KiB), and nginx does not cap lines itself."),
    socketGroupId: z
      .number()
      .int()
      .min(1)
      .max(2147483647)
      .default(10001)
      .describe("Pod fsGroup: the socket's emptyDir belongs to this group and every container is in it, so the socket can be 0660 and nginx's non-root worker may still send to it."),
    socketDirectory: absolutePath.default("/var/run/accesslog").describe("Directory of the unix datagram socket, an emptyDir shared by nginx and fluent-bit."),
    syslogTag: z.string().regex(/^[A-Za-z0-9_]{1,32}$/).default("nginx_access").describe("Syslog tag nginx puts on each line."),
    output: z
      .object({
        hostPath: absolutePath.default("/var/log/ingressgateway-accesslog").describe("Node directory (hostPath) whose subdirectory accesslog receives the per-day files; the node's fluentd collects from there. A system directory of the node (/etc, /var/log, /var/lib/kubelet, ...) is refused."),
        layout: z
          .enum(["directoryPerDay", "filePerDay"])
          .default("directoryPerDay")
          .describe("directoryPerDay writes <hostPath>/accesslog/<YYYY-MM-DD>/<fileName>; filePerDay writes <hostPath>/accesslog/<fileName without .log>-<YYYY-MM-DD>.log."),
        fileName: z.string().regex(/^[A-Za-z0-9_-]+\.log$/, "must be a plain file name ending in .log").default("access.log").describe("Name of the log file."),
        prepareHostPath: z
          .boolean()
          .default(true)
          .describe("Run a short init container (root with only CAP_CHOWN) that creates <hostPath>/accesslog and gives it, never hostPath itself, to fluent-bit's non-root user. Turn off when nodes provide hostPath writable by uid 65532 (fluent-bit then creates accesslog itself)."),
        format: z.enum(["ltsv", "json"]).default("ltsv").describe("Line format of the files: LTSV (label:value separated by tabs) or JSON lines."),
      })
      .strict()
      .prefault({})
      .describe("The per-day files on the node."),
    forward: z
      .object({
        enabled: z.boolean().default(false).describe("Also send every line to fluentd with the forward protocol."),
        host: z.string().regex(/^[A-Za-z0-9.-]*$/).default("").describe("fluentd host (a Service name or address); required when enabled."),
        port: port.default(24224).describe("fluentd forward port."),
        tag: z.string().regex(/^[A-Za-z0-9_.-]+$/).default("ingressgateway.access").describe("Tag of the forwarded records."),
        tls: z
          .object({
            enabled: z.boolean().default(false).describe("Use TLS to fluentd."),
            verify: z.boolean().default(true).describe("Verify fluentd's certificate: signed by a trusted CA (caSecret, else the image's public CAs) and naming accessLog.forward.host."),
            caSecret: secretKey({
              holds: "the CA certificate (PEM) that signed fluentd's certificate",
              empty: "the image's public CAs. Required with verify on when host is a Service name or a private address: no public CA signs those",
              defaultKey: "ca.crt",
            }).describe("The CA fluentd's certificate is verified against."),
          })
          .strict()
          .prefault({})
          .describe("TLS to fluentd."),
        sharedKeySecret: secretKey({ holds: "the forward protocol's shared key", empty: "none", defaultKey: "shared-key" })
          .describe("Shared key for fluentd's secure forward (kept in a Secret, never in values)."),
      })
      .strict()
      .prefault({})
      .describe("Optional forwarding to fluentd, in addition to the files."),
  })
  .strict()
  .prefault({})
  .describe("The access log: its fields, its time zone and where it is written.");

export const kernelQueue = z
  .object({
    method: z
      .enum(["auto", "podSysctl", "initContainer", "none"])
      .default("auto")
      .describe(
        "How net.unix.max_dgram_qlen is raised. auto: initContainer in gateway.mode injection (Istio's gateway injection replaces the pod's sysctls) and podSysctl in gateway.mode istioOperator (istioctl keeps them). initContainer runs a privileged busybox that sets it before fluent-bit starts: works on any kubelet and survives injection, but needs privileged pods in the namespace. podSysctl sets it as a pod sysctl: no privileges, but an unsafe sysctl the kubelet must allow (--allowed-unsafe-sysctls=net.unix.max_dgram_qlen, else the pod is rejected with SysctlForbidden), and in injection mode istiod must write it (see podSysctlSurvivesInjection). none leaves the kernel default of 10, which loses lines under load.",
      ),
    podSysctlSurvivesInjection: z
      .boolean()
      .default(false)
      .describe(
        "Acknowledges, for method podSysctl in gateway.mode injection, that istiod's values.gateways.securityContext carries the sysctl net.unix.max_dgram_qlen: Istio's gateway injection template writes the pod's securityContext from that value (or only net.ipv4.ip_unprivileged_port_start when it is unset) and replaces the chart's sysctls. That istiod value applies to every injected gateway of the mesh.",
      ),
    maxDgramQlen: z
      .number()
      .int()
      .min(10)
      .max(65536)
      .default(4096)
      .describe("Datagrams the socket queues before nginx's sends fail. Beyond a few hundred the sender's buffer (net.core.wmem_default) is the limit, so higher values only help if the node raises it."),
    initContainerImage: z
      .object({
        repository: z.string().default("busybox").describe("Image repository (needs sysctl, sh and chown, as busybox has)."),
        tag: z.string().regex(/^[\w][\w.-]{0,127}$/).default("1.37").describe("Image tag."),
      })
      .strict()
      .prefault({})
      .describe("Image of the short init containers: raise-dgram-queue (method initContainer) and prepare-log-dir."),
  })
  .strict()
  .prefault({})
  .describe("The kernel queue of the log socket (see the README's sizing section).");
