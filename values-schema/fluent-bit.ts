// The fluent-bit sidecar: reads the log socket and writes the per-day files.
import { z } from "zod";
import { freeFormList, image, resources, unprivilegedPort } from "./common.ts";

const fluentBitSize = z.string().regex(/^[0-9]+[KMG]?$/, "must be a fluent-bit size such as 256K or 64M");

export const fluentBit = z
  .object({
    image: image({ repository: "cr.fluentbit.io/fluent/fluent-bit", tag: "5.1.1" }, "fluent-bit (5.1 or later: per-day paths use record accessors in the file output)"),
    nativeSidecar: z
      .enum(["auto", "always", "never"])
      .default("auto")
      .describe("Run fluent-bit as a native sidecar (an init container with restartPolicy Always) so it starts before nginx and stops after it. auto: when the cluster is Kubernetes 1.29 or later."),
    logLevel: z.enum(["off", "error", "warn", "info", "debug", "trace"]).default("info").describe("fluent-bit's own log level."),
    flushSeconds: z
      .number()
      .min(0.1)
      .max(60)
      .default(0.2)
      .describe("How often fluent-bit flushes buffered records to the outputs. A crash loses what was read but not flushed, so this bounds it (measured: 1,100-2,500 lines at 8k lines/s with 0.2, 3,500-6,700 with 0.5-1)."),
    graceSeconds: z
      .number()
      .int()
      .min(2)
      .max(300)
      .default(2)
      .describe("Seconds fluent-bit keeps flushing after SIGTERM (2 is the least that flushes once and then exits). At a pod's stop nginx has exited by then and fluent-bit leaves as soon as nothing is pending; on a restart under load a longer Grace only lengthens the time the old process may stop reading the socket (measured once: 54,000 lines lost with 5 s)."),
    metricsPort: unprivilegedPort
      .default(2021)
      .describe("Port of fluent-bit's Prometheus exporter (/metrics) for accesslog_nginx_lines_not_handed_over_total: the access-log lines nginx could not hand over (nginx mode)."),
    httpPort: unprivilegedPort.default(2020).describe("Port of fluent-bit's HTTP server: health check (/api/v1/health) and Prometheus metrics (/api/v2/metrics/prometheus)."),
    inputBufferSize: fluentBitSize
      .default("256K")
      .describe("Buffer of the syslog input for one datagram. A longer datagram is silently truncated, so this stays above the largest datagram the kernel passes (about 208K)."),
    memBufLimit: fluentBitSize
      .default("64M")
      .describe("Memory buffer of the input. With forwarding off the records are buffered in memory only (no filesystem chunks, so a restart writes nothing twice); past this limit the input drops records until the file output catches up. With forwarding on, records past it spill to the filesystem buffer."),
    storageLimit: z.string().regex(/^[0-9]+[MG]$/, "must be a size in M or G (a fluent-bit size and a Kubernetes quantity)").default("512M").describe("Size limit of the filesystem buffer (an emptyDir) used while the forward output is slow (forwarding on only: otherwise the buffer is in memory)."),
    resources: resources(
      { requests: { cpu: "250m", memory: "64Mi" }, limits: { memory: "256Mi" } },
      "Measured cost is about 35 µs of CPU per line (fluent-bit 5.1.1), i.e. about 2,800 lines/s per 100m: size the CPU request from the expected request rate and do not set a CPU limit below it.",
    ),
    extraEnv: freeFormList.default([]).describe("Extra environment variables of the fluent-bit container (Kubernetes EnvVar objects)."),
    extraVolumeMounts: freeFormList.default([]).describe("Extra volume mounts of the fluent-bit container (for gateway.extraVolumes)."),
  })
  .strict()
  .prefault({})
  .describe("The fluent-bit sidecar that reads the log socket and writes the per-day files.");
