// Kubernetes resource quantities as the API server reads them: written by hand from the
// grammar in k8s.io/apimachinery pkg/api/resource/quantity.go (the comment above Quantity,
// and ParseQuantity, which refuses an empty string). No npm package parses them.

const SUFFIXES: Record<string, number> = {
  "": 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

const SIGNED_NUMBER = String.raw`[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)`;
const QUANTITY = new RegExp(`^(${SIGNED_NUMBER})(?:(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)|[eE](${SIGNED_NUMBER}))?$`);

/** The quantity's value (bytes for memory, cores for CPU), or an error naming it where the API server would refuse it. */
export function quantity(text: string | number): number {
  if (typeof text === "number") return text;
  const match = QUANTITY.exec(text);
  if (!match) throw new Error(`${JSON.stringify(text)} is not a Kubernetes quantity: the API server would refuse the object`);
  const [, number, suffix, exponent] = match;
  return Number(number) * (exponent !== undefined ? 10 ** Number(exponent) : SUFFIXES[suffix ?? ""]!);
}

/**
 * A fluent-bit size setting in bytes, as fluent-bit reads it (src/flb_utils.c,
 * flb_utils_size_to_bytes): K, M and G are powers of 1000, an optional B after them, no
 * suffix is bytes; anything else is refused.
 */
export function fluentBitBytes(size: string): number {
  const match = /^([0-9]+(?:\.[0-9]*)?)(?:([KMG])B?)?$/i.exec(size);
  if (!match) throw new Error(`${JSON.stringify(size)} is not a size fluent-bit reads`);
  const unit = { K: 1e3, M: 1e6, G: 1e9 }[(match[2] ?? "").toUpperCase() as "K" | "M" | "G"] ?? 1;
  return Math.trunc(Number(match[1]) * unit);
}
