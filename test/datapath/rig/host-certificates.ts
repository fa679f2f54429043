// Certificates made for one test run with the openssl command: a CA and host certificates
// it signs, each as a kubernetes.io/tls Secret's data (tls.crt, tls.key), as cert-manager
// writes them. Nothing is kept: the directory goes with the test.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SecretData } from "./secrets.ts";

export class TestCa {
  private serial = 0;

  private constructor(readonly dir: string) {}

  /** A self-signed CA (EC P-256, one day). */
  static create(): TestCa {
    const dir = mkdtempSync(join(tmpdir(), "test-ca-"));
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "1", "-subj", "/CN=datapath test CA", "-keyout", join(dir, "ca.key"), "-out", join(dir, "ca.crt"));
    return new TestCa(dir);
  }

  /** PEM of the CA certificate, for the client's trust. */
  get certificateFile(): string {
    return join(this.dir, "ca.crt");
  }

  /**
   * A host certificate for `hosts` (subjectAltName DNS entries; the first is the CN), as a TLS
   * Secret's data. RSA, so the default ciphers' ECDHE-RSA suites are the ones negotiated.
   */
  issue(commonName: string, hosts: string[]): SecretData {
    const name = `host-${++this.serial}`;
    const [key, request, certificate, extensions] = ["key", "csr", "crt", "ext"].map((suffix) => join(this.dir, `${name}.${suffix}`)) as [string, string, string, string];
    writeFileSync(extensions, `subjectAltName=${hosts.map((host) => `DNS:${host}`).join(",")}\n`);
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", `/CN=${commonName}`, "-keyout", key, "-out", request);
    openssl("x509", "-req", "-in", request, "-CA", join(this.dir, "ca.crt"), "-CAkey", join(this.dir, "ca.key"), "-set_serial", String(1000 + this.serial), "-days", "1", "-extfile", extensions, "-out", certificate);
    return { "tls.crt": readFileSync(certificate, "utf8"), "tls.key": readFileSync(key, "utf8") };
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function openssl(...args: string[]): void {
  execFileSync("openssl", args, { stdio: ["ignore", "ignore", "pipe"] });
}
