// fluent-bit.conf and parsers.conf: read nginx's datagrams from the socket, decode the
// JSON in the input's parser (no Lua, no filters in front of the queue) and write one
// file per day, named by the request's own date.
//
// Options, as documented for fluent-bit 5.1 (docs.fluentbit.io, pipeline/inputs/syslog,
// pipeline/parsers/decoders, pipeline/outputs/file, administration/monitoring):
// - syslog input: Mode unix_udp binds the socket itself (replacing a stale one) with
//   Unix_Perm (octal, default 0644 — too narrow for nginx's non-root worker). A datagram
//   longer than Buffer_Chunk_Size is cut and the rest dropped by the kernel.
// - Decode_Field json <key> merges the decoded keys into the record (Decode_Field_As would
//   nest them under the key).
// - file output: $key record accessors in Path/File exist from 5.1 and require a
//   Fallback_File; Format template writes {key} raw and reserves {time} for the record's
//   timestamp, which is why no field may be named time.
import { eq, inlineEach, line, lines, replaceAll, tpl, when, withValue, defaultTo } from "../../compiler/index.ts";
import { errorSocketPath, FLUENT_BIT_BUFFER_DIR, FORWARD_CA_FILE, FLUENT_BIT_CONFIG_DIR, FLUENT_BIT_ENVOY_LUA, FLUENT_BIT_PARSERS, LOG_OUTPUT_DIR, socketPath } from "../paths.ts";
import { headerFieldName } from "../access-log/field-names.ts";
import { nginxSource } from "../modes.ts";
import { v } from "../values.ts";

export const INPUT_TAG = "accesslog";
export const PARSER_NAME = "nginx-accesslog";
export const ERROR_TAG = "nginx_error";
export const ERROR_PARSER_NAME = "nginx-error";
const METRICS_TAG = "accesslog_metrics";
/** Instance names in fluent-bit's metrics (name="…"), which the alerts select. */
export const FILE_OUTPUT_ALIAS = "day_files";
export const FORWARD_OUTPUT_ALIAS = "forward";
export const ACCESSLOG_INPUT_ALIAS = "access_log";
export const ACCESSLOG_METRICS_PORT_NAME = "accesslog-prom";
/** What nginx warns when a line did not reach the socket (ngx_http_log_module.c, ngx_http_log_handler). */
export const NOT_HANDED_OVER = "send\\(\\) to syslog (failed|has written only)";
const TAB = "\t";

/**
 * RFC 3164 as nginx sends it with `nohostname`: "<PRI>Mmm dd HH:MM:SS tag: {...}", the day
 * space-padded. The syslog time is not used: it has no year and no zone.
 */
const SYSLOG_HEADER = "^<[0-9]{1,3}>[A-Z][a-z]{2} [ 0-9][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2} [A-Za-z0-9_]{1,32}: ";

/**
 * The content of a JSON string as nginx's escape=json writes it: no bare quote or backslash,
 * every escape a backslash and one character. The alternatives never overlap, so Onigmo
 * cannot backtrack into a value.
 */
const JSON_STRING = '(?:[^"\\\\]|\\\\.)*';

/**
 * The whole payload, key by key in log_format's order (log-format.ts, from the same lists),
 * the date last: only the JSON line this nginx writes matches. Anything else on the socket is
 * dropped at the input with a warning (plugins/in_syslog/syslog_prot.c,
 * syslog_prot_process_udp: a failed parse returns before the record is appended) instead of
 * being filed with `{field}` placeholders for the keys it lacks. Only the payload is
 * captured; Decode_Field merges its keys into the record.
 */
const syslogRegex = line(
  `    Regex        ${SYSLOG_HEADER}(?<message>\\{`,
  inlineEach(v.accessLog.fields, (field) => ['"', field.name, `":"${JSON_STRING}",`], { as: "field" }),
  inlineEach(v.accessLog.cookies, (cookie) => [tpl`"cookie_${cookie}":"`, `${JSON_STRING}",`], { as: "cookie" }),
  inlineEach(v.accessLog.requestHeaders, (header) => ['"', headerFieldName(header), `":"${JSON_STRING}",`], { as: "header" }),
  '"date":"[0-9]{4}-[0-9]{2}-[0-9]{2}"\\})$',
);

export const parsersConf = lines(
  "[PARSER]",
  `    Name         ${PARSER_NAME}`,
  "    Format       regex",
  syslogRegex,
  "    # Merges the JSON keys into the record; message keeps the raw JSON line.",
  "    Decode_Field json message",
  "",
  "[PARSER]",
  `    Name         ${ERROR_PARSER_NAME}`,
  "    Format       regex",
  `    Regex        ${SYSLOG_HEADER}(?<message>.*)$`,
);

/** The LTSV template: label:{key} for every field, tab-separated, the date always last. */
const ltsvTemplate = line(
  "    Template                 ",
  inlineEach(v.accessLog.fields, (field) => [tpl`${defaultTo(field.label, field.name)}:`, "{", field.name, `}${TAB}`], { as: "field" }),
  inlineEach(v.accessLog.cookies, (cookie) => [tpl`cookie_${cookie}:`, "{", tpl`cookie_${cookie}`, `}${TAB}`], { as: "cookie" }),
  inlineEach(
    v.accessLog.requestHeaders,
    (header) => {
      const key = headerFieldName(header);
      return [key, ":{", key, `}${TAB}`];
    },
    { as: "header" },
  ),
  "date:{date}",
);

const output = lines(
  "[OUTPUT]",
  "    Name                     file",
  `    Alias                    ${FILE_OUTPUT_ALIAS}`,
  `    Match                    ${INPUT_TAG}`,
  when(
    eq(v.accessLog.output.layout, "directoryPerDay"),
    lines(`    Path                     ${LOG_OUTPUT_DIR}/$date`, tpl`    File                     ${v.accessLog.output.fileName}`),
    lines(`    Path                     ${LOG_OUTPUT_DIR}`, tpl`    File                     ${replaceAll(v.accessLog.output.fileName, ".log", "")}-$date.log`),
  ),
  "    # Record accessors in Path/File (fluent-bit 5.1+) require a Fallback_File even when it is",
  "    # never used (plugins/out_file/file.c, cb_file_init). A record without a date (a payload",
  "    # that matched the parser but was not JSON) is dropped with a warning, never filed with",
  "    # {field} placeholders.",
  `    Fallback_Path            ${LOG_OUTPUT_DIR}/undated`,
  tpl`    Fallback_File            ${v.accessLog.output.fileName}`,
  "    On_Missing_Field         drop",
  "    Mkdir                    On",
  "    Format                   template",
  when(eq(v.accessLog.output.format, "ltsv"), ltsvTemplate, lines("    # The line as nginx wrote it (escape=json), or as the Lua filter rebuilt it from Envoy's record.", "    Template                 {message}")),
  tpl`    storage.total_limit_size ${v.fluentBit.storageLimit}`,
  "    Retry_Limit              no_limits",
);

const forward = when(
  v.accessLog.forward.enabled,
  lines(
    "",
    "[OUTPUT]",
    "    Name                     forward",
    `    Alias                    ${FORWARD_OUTPUT_ALIAS}`,
    `    Match                    ${INPUT_TAG}`,
    tpl`    Host                     ${v.accessLog.forward.host}`,
    tpl`    Port                     ${v.accessLog.forward.port}`,
    tpl`    Tag                      ${v.accessLog.forward.tag}`,
    "    Self_Hostname            ${POD_NAME}",
    withValue(v.accessLog.forward.sharedKeySecret.name, () => lines("    Shared_Key               ${FORWARD_SHARED_KEY}")),
    when(
      v.accessLog.forward.tls.enabled,
      lines(
        "    tls                      On",
        when(
          v.accessLog.forward.tls.verify,
          // fluent-bit checks only the chain unless tls.verify_hostname is on
          // (src/tls/openssl.c, setup_hostname_validation): any certificate of the CA would do.
          lines("    tls.verify               On", "    tls.verify_hostname      On", withValue(v.accessLog.forward.tls.caSecret.name, () => lines(`    tls.ca_file              ${FORWARD_CA_FILE}`))),
          lines("    tls.verify               Off"),
        ),
      ),
      lines("    tls                      Off"),
    ),
    "    # Entries as the Forward protocol defines them, [time, record]. fluent-bit 5.1 defaults to",
    "    # its own [[time, metadata], record] (plugins/out_forward/forward.c, config map), which",
    "    # is not an Entry of the specification; the records carry no metadata to lose.",
    "    Retain_Metadata_In_Forward_Mode Off",
    "    # A chunk is done only when fluentd acknowledged it (the forward protocol's chunk/ack):",
    "    # without it a chunk counts as sent once written to the socket, and what a fluentd that",
    "    # stops takes with it is lost. With it a chunk whose ack was lost is sent again:",
    "    # at least once, duplicates deduplicated by request_id.",
    "    Require_ack_response     On",
    tpl`    storage.total_limit_size ${v.fluentBit.storageLimit}`,
    "    Retry_Limit              no_limits",
  ),
);

/**
 * Where the input buffers records (measured with fluent-bit 5.1.1, real nginx at ~8k lines/s,
 * test/datapath/fluent-bit-nginx.test.ts). The next process replays every filesystem chunk a
 * SIGTERM'd fluent-bit left unfinished on any route, and routes it again by its tag alone
 * (plugins/in_storage_backlog/sb.c, sb_append_chunk_to_segregated_backlogs): the day files
 * get again each chunk they had written but forward had not delivered, so with fluentd
 * unreachable a restart writes the whole forward backlog twice (about 12,000 of 21,000 lines
 * in the test). Memory chunks are never replayed (none twice) but a crash loses what was not
 * flushed. Forwarding needs the filesystem: during a receiver outage the input would
 * otherwise reach Mem_Buf_Limit and drop records the day files need too.
 */
const inputStorage = when(v.accessLog.forward.enabled, lines("    storage.type      filesystem"), lines("    storage.type      memory"));

/** nginx mode: nginx's datagrams from the unix socket, JSON decoded by the parser. */
const syslogInput = lines(
  "[INPUT]",
  "    Name              syslog",
  `    Alias             ${ACCESSLOG_INPUT_ALIAS}`,
  `    Tag               ${INPUT_TAG}`,
  "    Mode              unix_udp",
  tpl`    Path              ${socketPath}`,
  "    # The socket's group is the pod's fsGroup, which nginx's worker also has.",
  "    Unix_Perm         0660",
  `    Parser            ${PARSER_NAME}`,
  "    # A datagram longer than the chunk is silently truncated: keep it above the largest one.",
  tpl`    Buffer_Chunk_Size ${v.fluentBit.inputBufferSize}`,
  tpl`    Buffer_Max_Size   ${v.fluentBit.inputBufferSize}`,
  tpl`    Mem_Buf_Limit     ${v.fluentBit.memBufLimit}`,
  inputStorage,
  "    # Reads the socket on its own thread, so the queue drains while outputs flush and a",
  "    # slow disk stalls only the output (up to Mem_Buf_Limit), not the socket. On the main",
  "    # thread it cost 12-20% less CPU per line and lost nothing up to nginx's saturation",
  "    # on a healthy disk, but a write stall longer than the queue (4096 lines, 0.3 s at",
  "    # 12k/s) would lose lines.",
  "    Threaded          On",
);

/**
 * nginx's error log on a socket of its own: its "send() to syslog failed" warnings, one per
 * access-log line that did not reach the socket, become the counter
 * accesslog_nginx_lines_not_handed_over_total on the metrics port (the filter keeps no
 * record; nginx writes the same lines to stderr). Its queue is separate, so a full access-log
 * queue does not drop the warnings; while no fluent-bit runs, nginx can send neither.
 */
const errorLogInput = lines(
  "",
  "[INPUT]",
  "    Name              syslog",
  `    Tag               ${ERROR_TAG}`,
  "    Mode              unix_udp",
  tpl`    Path              ${errorSocketPath}`,
  "    Unix_Perm         0660",
  `    Parser            ${ERROR_PARSER_NAME}`,
  "    # Records in memory: storage.type memory is the default (src/flb_input.c).",
  "    Mem_Buf_Limit     8M",
  "",
  "[FILTER]",
  "    Name               log_to_metrics",
  `    Match              ${ERROR_TAG}`,
  `    Tag                ${METRICS_TAG}`,
  "    # Metric_Mode counter, the default (plugins/filter_log_to_metrics): the alert takes its increase().",
  "    Metric_Namespace   accesslog",
  "    Metric_Subsystem   nginx",
  "    Metric_Name        lines_not_handed_over_total",
  "    Metric_Description Access-log lines nginx could not hand over to fluent-bit's socket (each made nginx warn send() to syslog failed).",
  `    Regex              message ${NOT_HANDED_OVER}`,
  "    Discard_Logs       On",
  "",
  "[OUTPUT]",
  "    Name               prometheus_exporter",
  `    Match              ${METRICS_TAG}`,
  "    # On every address, the default (plugins/out_prometheus_exporter/prom.c): the PodMonitor scrapes the pod IP.",
  tpl`    Port               ${v.fluentBit.metricsPort}`,
);

/**
 * Envoy mode: Envoy's fluentd logger connects to the forward input (Forward mode messages,
 * tagged accesslog), and the Lua filter turns each record into nginx's. Only on the
 * loopback: the pod IP would open it to the cluster; no Shared_Key: Envoy cannot do the
 * handshake.
 */
const forwardInput = lines(
  "[INPUT]",
  "    Name              forward",
  "    Listen            127.0.0.1",
  tpl`    Port              ${v.accessLog.envoy.port}`,
  tpl`    Mem_Buf_Limit     ${v.fluentBit.memBufLimit}`,
  inputStorage,
  "    Threaded          On",
  "",
  "[FILTER]",
  "    Name              lua",
  `    Match             ${INPUT_TAG}`,
  `    script            ${FLUENT_BIT_CONFIG_DIR}/${FLUENT_BIT_ENVOY_LUA}`,
  "    call              accesslog_envoy",
);

export const fluentBitConf = lines(
  "[SERVICE]",
  tpl`    Flush                     ${v.fluentBit.flushSeconds}`,
  "    # Seconds to keep flushing after SIGTERM. At a pod's stop nginx has exited by then (start",
  "    # and stop order) and fluent-bit leaves once nothing is pending; at a restart under load",
  "    # the socket keeps filling, so a short Grace bounds what the old process leaves unread.",
  tpl`    Grace                     ${v.fluentBit.graceSeconds}`,
  tpl`    Log_Level                 ${v.fluentBit.logLevel}`,
  `    Parsers_File              ${FLUENT_BIT_PARSERS}`,
  "    HTTP_Server               On",
  "    # HTTP_Listen 0.0.0.0, the default (include/fluent-bit/flb_config.h): the kubelet probes the pod IP.",
  tpl`    HTTP_Port                 ${v.fluentBit.httpPort}`,
  "    # /api/v1/health, the probes' path, exists only with Health_Check (src/http_server/api/v1/",
  "    # register.c); unhealthy after 5 output errors or 5 failed retries in 60 s, fluent-bit's",
  "    # defaults (include/fluent-bit/flb_config.h, HC_ERRORS_COUNT_DEFAULT and the next two).",
  "    Health_Check              On",
  "    # Filesystem chunks (forwarding on) keep storage.sync normal, fluent-bit's default",
  "    # (src/flb_storage.c): full would add chunkio's CIO_FULL_SYNC to every write.",
  `    storage.path              ${FLUENT_BIT_BUFFER_DIR}`,
  "    # Chunks of a previous process loaded into memory at once: 100M by default",
  "    # (include/fluent-bit/flb_storage.h), more than the container's memory limit leaves.",
  "    storage.backlog.mem_limit 16M",
  "    # Retries wait a random time up to base x 2^n, at most scheduler.cap seconds (2000 by",
  "    # default, src/flb_scheduler.c): after a 30 s fluentd outage a chunk could wait over a",
  "    # minute more. 30 s bounds how late the backlog starts after fluentd is back.",
  "    scheduler.cap             30",
  "",
  when(nginxSource, lines(syslogInput, errorLogInput), forwardInput),
  "",
  output,
  forward,
);
