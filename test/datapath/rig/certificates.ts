// A CA and a server certificate made with the real openssl for the TLS tests: fluentd's
// certificate signed by a private CA, as a cluster's own CA would sign it.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface Pem {
  readonly key: string;
  readonly cert: string;
  readonly certFile: string;
  readonly keyFile: string;
}

function openssl(args: string[], cwd: string): void {
  execFileSync("openssl", args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
}

/** A self-signed CA named `name` under dir/name. */
export function certificateAuthority(dir: string, name: string): Pem & { readonly dir: string } {
  const home = join(dir, name);
  mkdirSync(home, { recursive: true, mode: 0o755 });
  openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", `/CN=${name}`, "-keyout", "ca.key", "-out", "ca.crt"], home);
  return { dir: home, key: readFileSync(join(home, "ca.key"), "utf8"), cert: readFileSync(join(home, "ca.crt"), "utf8"), certFile: join(home, "ca.crt"), keyFile: join(home, "ca.key") };
}

/** A server certificate signed by ca for the names (DNS names and IP addresses). */
export function serverCertificate(ca: ReturnType<typeof certificateAuthority>, names: readonly string[]): Pem {
  const san = names.map((name) => (/^[0-9.]+$/.test(name) ? `IP:${name}` : `DNS:${name}`)).join(",");
  writeFileSync(join(ca.dir, "san.ext"), `subjectAltName=${san}\n`);
  openssl(["req", "-newkey", "rsa:2048", "-nodes", "-subj", `/CN=${names[0]}`, "-keyout", "server.key", "-out", "server.csr"], ca.dir);
  openssl(["x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2", "-extfile", "san.ext", "-out", "server.crt"], ca.dir);
  return { key: readFileSync(join(ca.dir, "server.key"), "utf8"), cert: readFileSync(join(ca.dir, "server.crt"), "utf8"), certFile: join(ca.dir, "server.crt"), keyFile: join(ca.dir, "server.key") };
}
