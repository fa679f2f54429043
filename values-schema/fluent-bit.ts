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
    flushSeconds: z.number().min(0.1).max(60).default(1).describe("How often fluent-bit flushes buffered records to the outputs."),
    graceSeconds: z.number().int().min(1).max(300).default(10).describe("Seconds fluent-bit keeps flushing after SIGTERM; keep it below terminationGracePeriodSeconds minus nginx's drain."),
    httpPort: unprivilegedPort.default(2020).describe("Port of fluent-bit's HTTP server: health check (/api/v1/health) and Prometheus metrics (/api/v2/metrics/prometheus)."),
    inputBufferSize: fluentBitSize
      .default("256K")
      .describe("Buffer of the syslog input for one datagram. A longer datagram is silently truncated, so this stays above the largest datagram the kernel passes (about 208K)."),
    memBufLimit: fluentBitSize.default("64M").describe("Memory buffer of the input before records spill to the filesystem buffer."),
    storageLimit: z.string().regex(/^[0-9]+[MG]$/, "must be a size in M or G (a fluent-bit size and a Kubernetes quantity)").default("512M").describe("Size limit of the filesystem buffer (an emptyDir) used while an output is slow."),
    resources: resources(
      { requests: { cpu: "250m", memory: "64Mi" }, limits: { memory: "256Mi" } },
      "Measured cost is 12-20 µs of CPU per line, i.e. about 5-8k lines/s per 100m: size the CPU request from the expected request rate and do not set a CPU limit below it.",
    ),
    extraEnv: freeFormList.default([]).describe("Extra environment variables of the fluent-bit container (Kubernetes EnvVar objects)."),
    extraVolumeMounts: freeFormList.default([]).describe("Extra volume mounts of the fluent-bit container (for gateway.extraVolumes)."),
  })
  .strict()
  .prefault({})
  .describe("The fluent-bit sidecar that reads the log socket and writes the per-day files.");
