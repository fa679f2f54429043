// The chart's forward output (accessLog.forward) against a Forward-protocol receiver:
// - everywhere: the rendered section, resolved through the pod (Secrets, fields, mounts),
//   says what the receiver of the protocol needs (host, port, tag, shared key and
//   hostname, TLS and its CA, acks and retries), and a sender doing what out_forward does
//   with those settings is accepted by the test's receiver (rig/forward-receiver.ts);
// - with a fluent-bit binary: the chart's real fluent-bit, fed by real nginx, sends to that
//   same receiver (which proves the receiver against the real sender): every day-file line
//   arrives once with the configured tag, a wrong key is refused and retried, TLS is
//   verified against the CA given and fails against another.
// Like the other fluent-bit tests, the second part prints that it did not run without a
// binary: no package registry reachable here ships fluent-bit.
import { afterAll, describe, expect, it } from "vitest";
import { renderWithHelm, type Rendered } from "../../compiler/testing/render.ts";
import chart from "../../resources/index.ts";
import { values as valuesSchema } from "../../values-schema/index.ts";
import { compileToDirectory } from "../support/differential.ts";
import { TestCa } from "./rig/host-certificates.ts";
import { findFluentBit } from "./rig/fluent-bit.ts";
import { templateLine } from "./rig/fluent-bit-output.ts";
import { forwardSettings, sendAsFluentBit, type PodData } from "./rig/forward-output.ts";
import { ForwardReceiver, type ForwardReceiverOptions } from "./rig/forward-receiver.ts";
import { requestsThrough, withForwarding } from "./rig/forwarding.ts";
import { listenerInNamespaceOf } from "./rig/netns.ts";
import { DATA_PATH_HELM } from "./rig/rig.ts";
import { waitFor } from "./rig/wait.ts";

const NOT_RUN = "fluent-bit forward test did not run: no fluent-bit binary (set FLUENT_BIT_BIN or put fluent-bit on PATH); no registry here ships it";
const KEY = "a shared key only fluentd and the gateway know";
const POD_NAME = "gw-7d9f8-abcde";
/** The chart's fluent-bit runs in a network namespace of its own: the receiver listens on its loopback. */
const PORT = 24224;
const TAG = "gateway.access.test";

const ca = TestCa.create("cluster-ca");
const server = ca.issueFiles("fluentd.logging.svc", ["fluentd.logging.svc", "127.0.0.1"]);
const otherCa = TestCa.create("another-ca");
afterAll(() => [ca, otherCa].forEach((authority) => authority.dispose()));

const forward = (extra: Record<string, unknown> = {}) => ({ accessLog: { forward: { enabled: true, host: "127.0.0.1", port: PORT, tag: TAG, ...extra } } });
const CASES = [
  { name: "no key, no TLS", values: forward(), receiver: {} },
  { name: "a shared key from a Secret", values: forward({ sharedKeySecret: { name: "fluentd-shared-key", key: "shared-key" } }), receiver: { sharedKey: KEY } },
  {
    name: "a shared key and TLS verified against the cluster's CA",
    values: forward({ sharedKeySecret: { name: "fluentd-shared-key", key: "shared-key" }, tls: { enabled: true, caSecret: { name: "fluentd-ca", key: "ca.crt" } } }),
    receiver: { sharedKey: KEY, tls: server },
  },
] satisfies { name: string; values: Record<string, unknown>; receiver: ForwardReceiverOptions }[];

const podData = (key = KEY, caCert = ca.certificate): PodData => ({
  secrets: { "fluentd-shared-key": { "shared-key": key }, "fluentd-ca": { "ca.crt": caCert } },
  fields: { "metadata.name": POD_NAME },
});

const chartDir = compileToDirectory(chart).dir;
async function render(values: Record<string, unknown>): Promise<Rendered> {
  const outcome = await renderWithHelm(DATA_PATH_HELM, chartDir, values);
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome.rendered;
}

const RECORDS = [{ request_id: "r1", uri: "/a", date: "2026-12-02" }, { request_id: "r2", uri: "/b?ü", date: "2026-12-02" }];

describe("the rendered forward output, resolved through the pod, against the test's Forward receiver", () => {
  it.each(CASES)("says what the receiver needs: $name", async ({ values }) => {
    const settings = forwardSettings(await render(values));
    const given = valuesSchema.parse(values).accessLog.forward;
    expect(settings).toEqual({
      host: given.host,
      port: given.port,
      tag: given.tag,
      // The pod's own name: fluentd logs it, and refuses a client with its own hostname.
      selfHostnameField: "metadata.name",
      sharedKey: given.sharedKeySecret.name ? { secret: given.sharedKeySecret.name, key: given.sharedKeySecret.key } : undefined,
      tls: given.tls.enabled ? { verify: true, verifyHostname: true, ca: { secret: given.tls.caSecret.name, key: given.tls.caSecret.key } } : undefined,
      // Without acks a chunk written to a fluentd that then dies counts as delivered.
      requireAck: true,
      // fluent-bit's own entry format is not the specification's: fluentd would not read it.
      retainMetadata: false,
      retryLimit: "no_limits",
      storageLimit: valuesSchema.parse(values).fluentBit.storageLimit,
    });
  });

  it.each(CASES)("is accepted, acknowledged and tagged: $name", async ({ values, receiver: options }) => {
    const receiver = await ForwardReceiver.listen(options, { port: 0 });
    try {
      const settings = { ...forwardSettings(await render(values)), port: receiver.port };
      expect(await sendAsFluentBit(settings, podData(), RECORDS)).toEqual({ acked: true });
      expect(receiver.protocolErrors).toEqual([]);
      expect(receiver.events.map(({ tag, record, from }) => ({ tag, record, from }))).toEqual(
        RECORDS.map((record) => ({ tag: TAG, record, from: options.sharedKey ? POD_NAME : undefined })),
      );
    } finally {
      await receiver.close();
    }
  });

  it("is refused with a wrong key in the Secret, and nothing is taken", async () => {
    const receiver = await ForwardReceiver.listen({ sharedKey: KEY }, { port: 0 });
    try {
      const settings = { ...forwardSettings(await render(CASES[1]!.values)), port: receiver.port };
      expect(await sendAsFluentBit(settings, podData("not the key"), RECORDS)).toEqual({ refused: "shared_key mismatch" });
      expect(receiver.events).toEqual([]);
    } finally {
      await receiver.close();
    }
  });

  it("fails TLS verification with another CA in the Secret", async () => {
    const receiver = await ForwardReceiver.listen({ sharedKey: KEY, tls: server }, { port: 0 });
    try {
      const settings = { ...forwardSettings(await render(CASES[2]!.values)), port: receiver.port };
      await expect(sendAsFluentBit(settings, podData(KEY, otherCa.certificate), RECORDS)).rejects.toThrow(/self[- ]signed|unable to (get|verify)/i);
      expect(receiver.events).toEqual([]);
    } finally {
      await receiver.close();
    }
  });
});

const podInputs = (key: string, caFile: string) => ({ env: { POD_NAME, FORWARD_SHARED_KEY: key }, files: { "/fluent-bit/forward-ca/ca.crt": caFile } });
const receiverIn = (options: ForwardReceiverOptions) => async (pid: number) => ForwardReceiver.listen(options, { handle: await listenerInNamespaceOf(pid, PORT) });

describe("the chart's real fluent-bit forwarding to the test's Forward receiver", () => {
  it.each(CASES)("every day-file line arrives once, field for field, with the configured tag: $name", async ({ values, receiver: options }) => {
    const binary = findFluentBit();
    if (!binary) return console.log(NOT_RUN);
    await withForwarding(binary, values, podInputs(KEY, ca.certificateFile), receiverIn(options), async ({ rig, fluentBit, receiver }) => {
      const lines = await requestsThrough(rig, fluentBit, 200);
      await waitFor(() => receiver.events.length >= lines.length, 30_000, `${lines.length} forwarded records`).catch((error: Error) => {
        throw new Error(`${error.message} (got ${receiver.events.length}, receiver errors ${JSON.stringify(receiver.protocolErrors)}); fluent-bit printed: ${fluentBit.output.slice(-3000)}`);
      });
      expect(lines.length).toBeGreaterThanOrEqual(200);
      expect(receiver.protocolErrors).toEqual([]);
      expect(receiver.events.map((event) => templateLine(rig.pipeline, event.record)).sort()).toEqual([...lines].sort());
      expect(new Set(receiver.events.map((event) => event.tag))).toEqual(new Set([TAG]));
      // out_forward sends Forward mode with EventTime (forward_format.c, flb_forward_format) and asks for an ack per chunk.
      expect(new Set(receiver.events.map((event) => event.mode))).toEqual(new Set(["Forward"]));
      expect(receiver.acks).toBeGreaterThan(0);
      if (options.sharedKey) expect(new Set(receiver.events.map((event) => event.from))).toEqual(new Set([POD_NAME]));
    });
  });

  it("a wrong key is refused: nothing accepted, fluent-bit logs the refusal and retries, the day files are whole", async () => {
    const binary = findFluentBit();
    if (!binary) return console.log(NOT_RUN);
    await withForwarding(binary, CASES[1]!.values, podInputs("not the key", ca.certificateFile), receiverIn({ sharedKey: KEY }), async ({ rig, fluentBit, receiver }) => {
      const lines = await requestsThrough(rig, fluentBit, 50);
      await waitFor(() => receiver.refusals.length >= 2, 60_000, "a refused handshake and its retry").catch((error: Error) => {
        throw new Error(`${error.message}; fluent-bit printed: ${fluentBit.output}`);
      });
      expect(receiver.events).toEqual([]);
      expect(lines.length).toBeGreaterThanOrEqual(50);
      // forward.c, secure_forward_pong: "failed authorization: <reason>".
      expect(fluentBit.output).toContain("failed authorization: shared_key mismatch");
    });
  });

  it("TLS verified against another CA fails: nothing accepted, fluent-bit logs the TLS error", async () => {
    const binary = findFluentBit();
    if (!binary) return console.log(NOT_RUN);
    await withForwarding(binary, CASES[2]!.values, podInputs(KEY, otherCa.certificateFile), receiverIn({ sharedKey: KEY, tls: server }), async ({ rig, fluentBit, receiver }) => {
      await requestsThrough(rig, fluentBit, 50);
      await waitFor(() => receiver.protocolErrors.length >= 1, 60_000, "a refused TLS handshake").catch((error: Error) => {
        throw new Error(`${error.message}; fluent-bit printed: ${fluentBit.output}`);
      });
      expect(receiver.events).toEqual([]);
      expect(fluentBit.output).toMatch(/certificate verify failed|self[- ]signed|unable to get local issuer/i);
    });
  });
});
