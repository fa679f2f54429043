// A fingerprint of a file and everything it imports, transitively: what a cached result
// about the file (its truthiness diagnostics) depends on. Packages are left out; a changed
// package changes package-lock.json, which the cache key includes.
import { createHash } from "node:crypto";
import ts from "typescript";

export function closureFingerprints(program: ts.Program, files: readonly ts.SourceFile[]): Map<string, string> {
  const options = program.getCompilerOptions();
  const cache = ts.createModuleResolutionCache(program.getCurrentDirectory(), (name) => name, options);
  const imports = new Map<string, string[]>();
  const importsOf = (file: ts.SourceFile): string[] => {
    let found = imports.get(file.fileName);
    if (found) return found;
    found = [];
    for (const statement of file.statements) {
      const specifier = (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier;
      if (!specifier || !ts.isStringLiteral(specifier)) continue;
      const resolved = ts.resolveModuleName(specifier.text, file.fileName, options, ts.sys, cache).resolvedModule;
      if (resolved && !resolved.isExternalLibraryImport) found.push(resolved.resolvedFileName);
    }
    imports.set(file.fileName, found);
    return found;
  };
  const textHash = new Map<string, string>();
  const hashOf = (fileName: string): string => {
    let hash = textHash.get(fileName);
    if (hash === undefined) {
      hash = createHash("sha1").update(program.getSourceFile(fileName)?.text ?? "(missing)").digest("hex");
      textHash.set(fileName, hash);
    }
    return hash;
  };

  const fingerprints = new Map<string, string>();
  for (const file of files) {
    const seen = new Set<string>([file.fileName]);
    const queue = [file.fileName];
    while (queue.length > 0) {
      const source = program.getSourceFile(queue.pop()!);
      if (!source) continue;
      for (const next of importsOf(source)) if (!seen.has(next)) (seen.add(next), queue.push(next));
    }
    const entries = [...seen].sort().map((fileName) => `${fileName}:${hashOf(fileName)}`);
    fingerprints.set(file.fileName, createHash("sha1").update(entries.join("\n")).digest("hex"));
  }
  return fingerprints;
}
