// The chart's forward output as the pod gives it to fluent-bit: the rendered [OUTPUT]
// section with its ${VAR}s resolved through the container's env (Secrets, the pod name) and
// its files through the container's mounts (the CA Secret). And a sender that does with
// those settings what fluent-bit 5.1's out_forward does (plugins/out_forward/forward.c), to
// check them against the test's receiver where no fluent-bit binary is.
import type { IContainer } from "kubernetes-models/v1/Container";
import type { IConfigMap } from "kubernetes-models/v1/ConfigMap";
import type { IVolume } from "kubernetes-models/v1/Volume";
import { decodeMultiStream, encode } from "@msgpack/msgpack";
import { createHash, randomBytes } from "node:crypto";
import { connect as connectTcp, type Socket } from "node:net";
import { connect as connectTls, checkServerIdentity } from "node:tls";
import type { Rendered } from "../../../compiler/testing/render.ts";
import { containerNamed, podSpecOf } from "../../support/rendered-pod.ts";
import { sections } from "./fluent-bit-conf.ts";
import { eventTimeCodec, sharedKeyDigest, type EventTime } from "./forward-receiver.ts";

/** A value the pod takes from a Secret: its name and key. */
export interface SecretKey {
  readonly secret: string;
  readonly key: string;
}

export interface ForwardSettings {
  readonly host: string;
  readonly port: number;
  readonly tag: string;
  /** Self_Hostname: where the pod's env takes it from (a fieldRef). */
  readonly selfHostnameField: string;
  readonly sharedKey: SecretKey | undefined;
  readonly tls: { readonly verify: boolean; readonly verifyHostname: boolean; readonly ca: SecretKey | undefined } | undefined;
  readonly requireAck: boolean;
  /** Entries [[time, metadata], record] (fluent-bit's own) instead of the spec's [time, record]. */
  readonly retainMetadata: boolean;
  readonly retryLimit: string;
  readonly storageLimit: string;
}

/**
 * Every key the chart may write in the section, each modelled below. A key the chart adds
 * later fails here until the model (and the test) says what it does.
 */
const MODELLED = new Set(["name", "alias", "match", "host", "port", "tag", "self_hostname", "shared_key", "tls", "tls.verify", "tls.verify_hostname", "tls.ca_file", "require_ack_response", "retain_metadata_in_forward_mode", "storage.total_limit_size", "retry_limit"]);

/** fluent-bit's booleans (src/flb_utils.c, flb_utils_bool): on, true, yes, 1. */
const on = (value: string | undefined) => value !== undefined && ["on", "true", "yes", "1"].includes(value.toLowerCase());

export function forwardSettings(rendered: Rendered): ForwardSettings {
  const configMap = rendered["fluent-bit-configmap.yaml"]?.[0] as IConfigMap | undefined;
  const outputs = sections(configMap?.data?.["fluent-bit.conf"] ?? "").filter((section) => section.kind === "OUTPUT" && section.entries.get("name") === "forward");
  if (outputs.length !== 1) throw new Error(`expected one forward output, found ${outputs.length}`);
  const entries = outputs[0]!.entries;
  const unmodelled = [...entries.keys()].filter((key) => !MODELLED.has(key));
  if (unmodelled.length > 0) throw new Error(`the forward output sets ${unmodelled.join(", ")}, which the test does not model`);
  const get = (key: string) => {
    const found = entries.get(key);
    if (found === undefined) throw new Error(`the forward output has no ${key}`);
    return found;
  };

  const spec = podSpecOf(rendered);
  const fluentBit = containerNamed(spec, "fluent-bit");
  const fromEnv = (value: string) => envSource(fluentBit, value);
  const selfHostname = fromEnv(get("self_hostname"));
  if (!selfHostname.fieldPath) throw new Error(`Self_Hostname ${get("self_hostname")} is not the pod's own field`);
  const sharedKey = entries.has("shared_key") ? fromEnv(get("shared_key")).secret : undefined;
  if (entries.has("shared_key") && !sharedKey) throw new Error("Shared_Key does not come from a Secret");

  const caFile = entries.get("tls.ca_file");
  const ca = caFile === undefined ? undefined : mountedSecretFile(fluentBit, spec.volumes ?? [], caFile);
  return {
    host: get("host"),
    port: Number(get("port")),
    tag: get("tag"),
    selfHostnameField: selfHostname.fieldPath,
    sharedKey,
    tls: on(entries.get("tls")) ? { verify: on(entries.get("tls.verify") ?? "on"), verifyHostname: on(entries.get("tls.verify_hostname")), ca } : undefined,
    requireAck: on(entries.get("require_ack_response")),
    // Its default is true (forward.c, the config map's retain_metadata_in_forward_mode).
    retainMetadata: on(entries.get("retain_metadata_in_forward_mode") ?? "true"),
    retryLimit: get("retry_limit"),
    storageLimit: get("storage.total_limit_size"),
  };
}

/** `${VAR}` as fluent-bit expands it from the environment, and where the pod's env takes VAR from. */
function envSource(container: IContainer, value: string): { secret?: SecretKey; fieldPath?: string } {
  const name = /^\$\{([A-Z_][A-Z0-9_]*)\}$/.exec(value)?.[1];
  if (!name) throw new Error(`${value} is not a \${VAR} the pod's env fills in`);
  const entry = container.env?.find((candidate) => candidate.name === name);
  if (!entry) throw new Error(`fluent-bit's container has no env ${name}: fluent-bit would send the literal ${value}`);
  const secretRef = entry.valueFrom?.secretKeyRef;
  if (secretRef) return { secret: { secret: secretRef.name!, key: secretRef.key } };
  return { fieldPath: entry.valueFrom?.fieldRef?.fieldPath };
}

/** The Secret and key a path in the container is mounted from (a secret volume with items). */
function mountedSecretFile(container: IContainer, volumes: readonly IVolume[], path: string): SecretKey {
  const mount = container.volumeMounts?.find((candidate) => path.startsWith(`${candidate.mountPath}/`));
  if (!mount) throw new Error(`${path} is in no volume mounted into fluent-bit`);
  const volume = volumes.find((candidate) => candidate.name === mount.name);
  const item = volume?.secret?.items?.find((candidate) => `${mount.mountPath}/${candidate.path}` === path);
  if (!volume?.secret || !item) throw new Error(`${path} is not a file of a Secret volume`);
  return { secret: volume.secret.secretName!, key: item.key };
}

/** What the pod's Secrets and fields hold, which the settings name. */
export interface PodData {
  readonly secrets: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly fields: Readonly<Record<string, string>>;
}

const secretValue = (data: PodData, ref: SecretKey) => {
  const value = data.secrets[ref.secret]?.[ref.key];
  if (value === undefined) throw new Error(`the pod's Secret ${ref.secret} has no key ${ref.key}`);
  return value;
};

export type SendOutcome = { readonly acked: boolean } | { readonly refused: string };

/**
 * One flush as out_forward makes it with these settings: a TLS or TCP connection to
 * host:port, the handshake when there is a shared key (forward.c, secure_forward_handshake:
 * PING with a random 16-byte salt, the PONG's digest checked), then the records in Forward
 * mode, [tag, [[EventTime, record], ...], option], the option (chunk: base64 of the first
 * 16 bytes of the entries' sha512, and size) sent when an ack is required, and the ack read
 * (forward_read_ack). `connectTo` replaces the host's address, as DNS would.
 */
export async function sendAsFluentBit(settings: ForwardSettings, data: PodData, records: readonly Record<string, string>[], connectTo = "127.0.0.1"): Promise<SendOutcome> {
  const socket = await open(settings, data, connectTo);
  const replies = decodeMultiStream(socket, { extensionCodec: eventTimeCodec, rawStrings: true })[Symbol.asyncIterator]();
  const next = async () => (await replies.next()).value as unknown;
  const text = (value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString("utf8") : value);
  try {
    if (settings.sharedKey) {
      const key = secretValue(data, settings.sharedKey);
      const hostname = data.fields[settings.selfHostnameField]!;
      const [helo, options] = (await next()) as [Uint8Array, { nonce: Uint8Array }];
      if (text(helo) !== "HELO") throw new Error(`expected HELO, got ${JSON.stringify(text(helo))}`);
      const salt = randomBytes(16);
      socket.write(encode(["PING", hostname, salt, sharedKeyDigest(salt, hostname, options.nonce, key), "", ""]));
      const pong = ((await next()) as unknown[]).map(text);
      if (pong[1] !== true) return { refused: String(pong[2]) };
      if (pong[4] !== sharedKeyDigest(salt, String(pong[3]), options.nonce, key)) return { refused: "PONG shared_key digest mismatch" };
    }
    const now = Date.now();
    const time: EventTime = { seconds: Math.floor(now / 1000), nanoseconds: (now % 1000) * 1e6 };
    const entries = records.map((record) => [settings.retainMetadata ? [time, {}] : time, record]);
    const packed = Buffer.concat(entries.map((entry) => encode(entry, { extensionCodec: eventTimeCodec })));
    const chunk = createHash("sha512").update(packed).digest().subarray(0, 16).toString("base64");
    const message = settings.requireAck ? [settings.tag, entries, { chunk, size: entries.length }] : [settings.tag, entries];
    socket.write(encode(message, { extensionCodec: eventTimeCodec }));
    if (!settings.requireAck) return { acked: false };
    const ack = (await next()) as { ack?: Uint8Array } | undefined;
    return { acked: text(ack?.ack) === chunk };
  } finally {
    socket.destroy();
  }
}

async function open(settings: ForwardSettings, data: PodData, address: string): Promise<Socket> {
  if (!settings.tls) {
    const socket = connectTcp({ host: address, port: settings.port });
    await new Promise((resolve, reject) => socket.once("connect", resolve).once("error", reject));
    return socket;
  }
  const { verify, verifyHostname, ca } = settings.tls;
  const socket = connectTls({
    host: address,
    port: settings.port,
    servername: /^[0-9.]+$/.test(settings.host) ? undefined : settings.host,
    ca: ca ? secretValue(data, ca) : undefined,
    rejectUnauthorized: verify,
    // fluent-bit checks the name only with tls.verify_hostname (src/tls/openssl.c, setup_hostname_validation).
    checkServerIdentity: (_name, cert) => (verifyHostname ? checkServerIdentity(settings.host, cert) : undefined),
  });
  await new Promise((resolve, reject) => socket.once("secureConnect", resolve).once("error", reject));
  return socket;
}
