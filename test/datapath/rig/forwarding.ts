// The chart's fluent-bit with forwarding on, fed by real nginx, and a receiver listening in
// its network namespace: what every forward test sets up and takes down.
import { FluentBitReceiver, type PodInputs } from "./fluent-bit-receiver.ts";
import { startLoad } from "./load.ts";
import { Rig } from "./rig.ts";
import { waitFor } from "./wait.ts";

export interface Closable {
  close(): Promise<void>;
}

export interface Forwarding<R extends Closable> {
  readonly rig: Rig;
  readonly fluentBit: FluentBitReceiver;
  /** The receiver started last. */
  readonly receiver: R;
  /** Starts another receiver in the namespace (after an outage); it becomes `receiver`. */
  startReceiver(): Promise<R>;
}

export async function withForwarding<R extends Closable>(
  binary: string,
  values: Record<string, unknown>,
  pod: PodInputs,
  startReceiver: (namespacePid: number) => Promise<R>,
  body: (forwarding: Forwarding<R>) => Promise<void>,
): Promise<void> {
  const rig = await Rig.create(values);
  const receivers: R[] = [];
  let fluentBit: FluentBitReceiver | undefined;
  try {
    rig.envoy.record = false;
    await rig.envoy.start();
    const started = await FluentBitReceiver.start(rig, binary, rig.pod.maxDgramQlen, pod);
    fluentBit = started;
    const next = async () => {
      receivers.push(await startReceiver(started.pid));
      return receivers.at(-1)!;
    };
    await next();
    await rig.startNginx();
    await body({ rig, fluentBit: started, get receiver() { return receivers.at(-1)!; }, startReceiver: next });
  } finally {
    await rig.nginx?.quit();
    await fluentBit?.stop();
    for (const receiver of receivers) await receiver.close();
    await rig.envoy.stop();
    rig.dispose();
  }
}

/** `count` requests through nginx (at least), then the day files settled: their lines. */
export async function requestsThrough(rig: Rig, fluentBit: FluentBitReceiver, count: number): Promise<string[]> {
  const load = startLoad(rig.listenPort, 4, "forward");
  await waitFor(() => load.responded.size >= count, 30_000, `${count} responses`);
  await load.stop();
  await fluentBit.settle();
  return fluentBit.writtenLines().map(({ line }) => line);
}
