// Building blocks shared by the values schema's sections.
import { z } from "zod";
import { TIME_ZONES } from "./time-zones.ts";

export const port = z.number().int().min(1).max(65535);
/** Ports an unprivileged container can bind without CAP_NET_BIND_SERVICE or a sysctl. */
export const unprivilegedPort = z.number().int().min(1024).max(65535);

/** Kubernetes label values: at most 63 characters of [A-Za-z0-9_.-], alphanumeric at both ends. */
export const labelValue = z.string().max(63).regex(/^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/);
export const stringMap = z.record(z.string(), z.string());
/** Free-form Kubernetes objects (affinity, resources, ...): passed through with toYaml. */
export const freeForm = z.record(z.string(), z.unknown());
export const freeFormList = z.array(z.record(z.string(), z.unknown()));

/**
 * An absolute path below / without spaces or quotes (it lands in config files unquoted) and
 * without "." or ".." components: "/var/log/x/../.." would name / while reading like a
 * directory of the chart's. Each component has a character other than a dot.
 */
export const absolutePath = z
  .string()
  .regex(/^(\/\.*[A-Za-z0-9_-][A-Za-z0-9._-]*)+\/?$/, "must be an absolute path below / of letters, digits, '.', '_' and '-', without . or .. components");

export function image(defaults: { repository: string; tag: string }, what: string) {
  return z
    .object({
      repository: z.string().min(1).regex(/^[^\s:@]+(:[0-9]+)?[^\s:@]*$/).default(defaults.repository).describe(`Image repository of ${what}.`),
      tag: z.string().regex(/^[\w][\w.-]{0,127}$/).default(defaults.tag).describe(`Image tag of ${what}.`),
      digest: z
        .string()
        .regex(/^(sha256:[a-f0-9]{64})?$/)
        .default("")
        .describe("Image digest (sha256:...); when set it pins the image and the tag is kept only for readability."),
      pullPolicy: z.enum(["IfNotPresent", "Always", "Never"]).default("IfNotPresent").describe("Image pull policy."),
    })
    .strict()
    .prefault({})
    .describe(`Container image of ${what}.`);
}

export const resources = (defaults: Record<string, Record<string, string>>, guidance: string) =>
  z.record(z.string(), z.record(z.string(), z.union([z.string(), z.number()]))).default(defaults).describe(`Container resources (https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/). ${guidance}`);

/** An IANA time zone name such as Asia/Tokyo or UTC; an enum, so Helm's schema check knows them too. */
export const timeZone = z.enum(TIME_ZONES);
