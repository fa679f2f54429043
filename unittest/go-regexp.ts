// helm-unittest patterns are Go regexp (RE2) syntax. JavaScript shares most of it; this
// translates the parts that differ and rejects what JavaScript cannot express the same way.

export class GoRegexpError extends Error {}

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alnum: "0-9A-Za-z", alpha: "A-Za-z", ascii: "\\x00-\\x7F", blank: "\\t ", cntrl: "\\x00-\\x1F\\x7F",
  digit: "0-9", graph: "!-~", lower: "a-z", print: " -~", punct: "!-\\/:-@\\[-`{-~",
  space: "\\t\\n\\v\\f\\r ", upper: "A-Z", word: "0-9A-Za-z_", xdigit: "0-9A-Fa-f",
};

const cache = new Map<string, RegExp>();

export function compileGoRegexp(pattern: string): RegExp {
  const cached = cache.get(pattern);
  if (cached) return cached;
  let source = pattern;
  const flags = new Set<string>();
  const leading = /^\(\?([imsU]+)\)/.exec(source);
  if (leading) {
    for (const flag of leading[1]!) {
      if (flag === "U") throw new GoRegexpError(`pattern ${JSON.stringify(pattern)}: the (?U) flag has no JavaScript equivalent`);
      flags.add(flag);
    }
    source = source.slice(leading[0].length);
  }
  source = source
    .replace(/\\Q(.*?)(\\E|$)/gs, (_, literal: string) => literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .replace(/\(\?P</g, "(?<")
    .replace(/\\A/g, "(?<![\\s\\S])")
    .replace(/\\z/g, "(?![\\s\\S])")
    .replace(/\[:(\^?)([a-z]+):\]/g, (_, negated: string, name: string) => {
      const members = POSIX_CLASSES[name];
      if (!members || negated) throw new GoRegexpError(`pattern ${JSON.stringify(pattern)}: class [:${negated}${name}:] is not supported`);
      return members;
    });
  let compiled: RegExp;
  try {
    compiled = new RegExp(source, [...flags].join("") + "u");
  } catch {
    try {
      compiled = new RegExp(source, [...flags].join(""));
    } catch (error) {
      throw new GoRegexpError(`invalid regular expression ${JSON.stringify(pattern)}: ${(error as Error).message}`);
    }
  }
  cache.set(pattern, compiled);
  return compiled;
}
