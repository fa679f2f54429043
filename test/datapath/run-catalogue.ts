// Sends the catalogue through one rig, one request at a time, and keeps for each request
// its response, the datagrams that arrived for it and what the parser made of them.
import { values as valuesSchema } from "../../values-schema/index.ts";
import { CATALOGUE } from "./catalogue.ts";
import type { Exchange, LogSettings } from "./expect/record.ts";
import { requestBytes } from "./expect/request.ts";
import type { OutputSettings } from "./expect/line.ts";
import { exchange } from "./rig/client.ts";
import { parseWithOnigmo, type Parsed } from "./rig/parser.ts";
import type { Datagram } from "./rig/receiver.ts";
import { Rig, type Values } from "./rig/rig.ts";
import { waitFor } from "./rig/wait.ts";

export interface Logged extends Exchange {
  readonly datagrams: readonly Datagram[];
  readonly parsed: readonly Parsed[];
}

export interface CatalogueRun {
  readonly rig: Rig;
  readonly settings: LogSettings & { readonly output: OutputSettings & { readonly format: "ltsv" | "json" } };
  readonly logged: readonly Logged[];
}

export async function runCatalogue(values: Values): Promise<CatalogueRun> {
  const rig = await Rig.create(values);
  const received = () => rig.receiver!.datagrams.length;
  const sent: { exchange: Exchange; from: number; to: number }[] = [];
  try {
    await rig.startInChartOrder();
    for (const request of CATALOGUE) {
      if (request.envoyDown) await rig.envoy.stop();
      const from = received();
      const response = await exchange(rig.listenPort, requestBytes(request), request.method);
      // A datagram that never comes is not an error here: "exactly one datagram" reports it.
      await waitFor(() => received() > from, 2_000, `the datagram of "${request.name}"`).catch(() => undefined);
      sent.push({ exchange: { request, response }, from, to: received() });
      if (request.envoyDown) await rig.envoy.start();
    }
    await rig.stopInChartOrder();
    const all = rig.receiver!.datagrams;
    const parsed = parseWithOnigmo(rig.pipeline.regex, all);
    // Whatever arrived after the last request's window belongs to it: "exactly one" sees it.
    sent.at(-1)!.to = all.length;
    const logged = sent.map(({ exchange, from, to }) => ({ ...exchange, datagrams: all.slice(from, to), parsed: parsed.slice(from, to) }));
    return { rig, settings: valuesSchema.parse(rig.values).accessLog, logged };
  } catch (error) {
    rig.dispose();
    throw error;
  }
}
