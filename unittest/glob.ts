// The `-f` globs that name suite files ('tests/*_test.yaml'), relative to the chart:
// `*` and `?` stay within a path segment, `**` spans segments, `[...]` is a class.
import { readdirSync } from "node:fs";
import { join } from "node:path";

export function globToRegExp(glob: string): RegExp {
  let source = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*" && glob[i + 1] === "*") {
      i++;
      if (glob[i + 1] === "/") {
        i++;
        source += "(?:.*/)?";
      } else {
        source += ".*";
      }
    } else if (c === "*") source += "[^/]*";
    else if (c === "?") source += "[^/]";
    else if (c === "[") {
      const close = glob.indexOf("]", i + 1);
      if (close < 0) source += "\\[";
      else {
        source += `[${glob.slice(i + 1, close).replace(/^!/, "^").replace(/\\/g, "\\\\")}]`;
        i = close;
      }
    } else source += c.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

/** Files under `root` matching any of the globs, as sorted paths relative to `root`. */
export function expandGlobs(root: string, globs: readonly string[]): string[] {
  const patterns = globs.map((glob) => globToRegExp(glob.replace(/^\.\//, "")));
  return walk(root, "")
    .filter((file) => patterns.some((pattern) => pattern.test(file)))
    .sort();
}

function walk(root: string, prefix: string): string[] {
  return readdirSync(join(root, prefix), { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === ".git" || entry.name === "node_modules") return [];
    const relative = `${prefix}${entry.name}`;
    return entry.isDirectory() ? walk(root, `${relative}/`) : [relative];
  });
}
