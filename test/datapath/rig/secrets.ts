// Secrets as the kubelet mounts them into nginx: the files in a timestamped directory,
// `..data` a symlink to it and each key a symlink through `..data`, so an update swaps every
// file at once by renaming one symlink (kubernetes pkg/volume/util/atomic_writer.go), group
// the pod's fsGroup and mode the volume's defaultMode.
import { chownSync, chmodSync, mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync, existsSync, readlinkSync } from "node:fs";
import { join } from "node:path";

export type SecretData = Record<string, string>;

let generation = 0;

/** Writes (or atomically replaces) the Secret's files in `dir`, as the kubelet's AtomicWriter does. */
export function writeSecretVolume(dir: string, data: SecretData, fsGroup: number, mode: number): void {
  mkdirSync(dir, { recursive: true });
  const version = `..${process.pid}_${++generation}`;
  const versionDir = join(dir, version);
  mkdirSync(versionDir);
  for (const [key, content] of Object.entries(data)) {
    const file = join(versionDir, key);
    writeFileSync(file, content);
    chownSync(file, 0, fsGroup);
    chmodSync(file, mode);
  }
  chownSync(versionDir, 0, fsGroup);
  chmodSync(versionDir, 0o750);
  const previous = existsSync(join(dir, "..data")) ? readlinkSync(join(dir, "..data")) : undefined;
  symlinkSync(version, join(dir, "..data_tmp"));
  renameSync(join(dir, "..data_tmp"), join(dir, "..data"));
  for (const key of Object.keys(data)) if (!existsSync(join(dir, key))) symlinkSync(join("..data", key), join(dir, key));
  if (previous) rmSync(join(dir, previous), { recursive: true, force: true });
}
