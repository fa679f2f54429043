// Datagrams that are not the line the rendered nginx writes, derived from one it did write:
// what fluent-bit's parser must refuse (the real fluent-bit tier drops and counts them; the
// CI tier checks the same regex under Ruby's Onigmo, fluent-bit's regex engine).

/** The syslog header and the JSON payload of one of nginx's datagrams. */
export function splitDatagram(datagram: string): { header: string; payload: string } {
  const header = /^<[0-9]+>[A-Z][a-z]{2} [ 0-9][0-9] [0-9:]{8} [A-Za-z0-9_]+: /.exec(datagram)?.[0];
  if (!header) throw new Error(`not a datagram of nginx's: ${datagram.slice(0, 80)}`);
  return { header, payload: datagram.slice(header.length) };
}

/** Each with the reason it is not nginx's line; `good` is a datagram the rendered nginx sent. */
export function notNginxDatagrams(good: string): { readonly why: string; readonly text: string }[] {
  const { header, payload } = splitDatagram(good);
  return [
    { why: "not syslog", text: "not syslog at all" },
    { why: "not JSON", text: `${header}not json` },
    // What the chart used to file under undated/ with {method}-style placeholders.
    { why: "no date", text: `${header}${payload.replace(/,"date":"[^"]*"\}$/, "}")}` },
    { why: "a date and nothing else", text: `${header}{"date":"2026-12-02"}` },
    { why: "a key nginx does not write", text: `${header}${payload.replace('"date":', '"extra":"x","date":')}` },
    { why: "a date that is not a day", text: `${header}${payload.replace(/"date":"[^"]*"/, '"date":"unknown"')}` },
    { why: "cut in the middle", text: `${header}${payload.slice(0, Math.floor(payload.length / 2))}` },
    { why: "a bare quote inside a value", text: `${header}${payload.replace(/"method":"([^"]*)"/, '"method":"$1"x"')}` },
  ];
}
