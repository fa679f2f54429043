// Certificates made for one test run with the openssl command: a private CA and host
// certificates it signs, as files (for nginx, fluent-bit and a Forward receiver) and as a
// kubernetes.io/tls Secret's data (tls.crt, tls.key), as cert-manager writes them. Nothing
// is kept: the directory goes with the test.
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SecretData } from "./secrets.ts";

/** One issued certificate: its PEM files and their contents. */
export interface HostCertificate {
  readonly certFile: string;
  readonly keyFile: string;
  readonly cert: string;
  readonly key: string;
}

export class TestCa {
  private serial = 0;

  private constructor(readonly dir: string) {}

  /** A self-signed CA (EC P-256, one day) whose subject is `name`. */
  static create(name = "datapath test CA"): TestCa {
    const dir = mkdtempSync(join(tmpdir(), "test-ca-"));
    // The rig's programs run under the pod's UIDs, not ours: they must be able to read the
    // certificate files they are pointed at (mkdtemp makes the directory 0700).
    chmodSync(dir, 0o755);
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "1", "-subj", `/CN=${name}`, "-keyout", join(dir, "ca.key"), "-out", join(dir, "ca.crt"));
    return new TestCa(dir);
  }

  /** The CA certificate's file, for a client's trust. */
  get certificateFile(): string {
    return join(this.dir, "ca.crt");
  }

  /** The CA certificate's PEM, as a Secret's `ca.crt` holds it. */
  get certificate(): string {
    return readFileSync(this.certificateFile, "utf8");
  }

  /**
   * A host certificate for `names` (subjectAltName entries: DNS names, or IP addresses as
   * IP entries), with `commonName` as its CN. RSA, so the default ciphers' ECDHE-RSA suites are
   * the ones negotiated.
   */
  issueFiles(commonName: string, names: readonly string[]): HostCertificate {
    const name = `host-${++this.serial}`;
    const [keyFile, request, certFile, extensions] = ["key", "csr", "crt", "ext"].map((suffix) => join(this.dir, `${name}.${suffix}`)) as [string, string, string, string];
    const subjectAltNames = names.map((entry) => (/^[0-9.]+$/.test(entry) ? `IP:${entry}` : `DNS:${entry}`));
    writeFileSync(extensions, `subjectAltName=${subjectAltNames.join(",")}\n`);
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", `/CN=${commonName}`, "-keyout", keyFile, "-out", request);
    openssl("x509", "-req", "-in", request, "-CA", join(this.dir, "ca.crt"), "-CAkey", join(this.dir, "ca.key"), "-set_serial", String(1000 + this.serial), "-days", "1", "-extfile", extensions, "-out", certFile);
    chmodSync(keyFile, 0o644);
    return { certFile, keyFile, cert: readFileSync(certFile, "utf8"), key: readFileSync(keyFile, "utf8") };
  }

  /** A host certificate as a kubernetes.io/tls Secret's data. */
  issue(commonName: string, names: readonly string[]): SecretData {
    const { cert, key } = this.issueFiles(commonName, names);
    return { "tls.crt": cert, "tls.key": key };
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function openssl(...args: string[]): void {
  execFileSync("openssl", args, { stdio: ["ignore", "ignore", "pipe"] });
}
