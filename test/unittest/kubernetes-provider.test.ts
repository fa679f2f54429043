// `kubernetesProvider`: `lookup` answered from the test's objects, as helm-unittest 1.1.0
// answers it with client-go's fake dynamic client (pkg/unittest/k8s_fake_client.go;
// test_job.go:402-406; the suite's objects after the test's, test_suite.go:360-370). The
// runner serves them to `helm template --dry-run=server` from a fake API server; Helm 3 keeps
// that render client-side but for lookup. Helm 4's server dry run validates every object
// against the cluster (v4.1.4 pkg/action/install.go:394-421), so there the test fails and says so.
import { describe, expect, it } from "vitest";
import { helmBinaries, helmVersion } from "../../helm/index.ts";
import { guessResource } from "../../unittest/kubernetes/fake-api-server.ts";
import { runFixture, testOutcomes } from "./support.ts";

describe.each(helmBinaries())("kubernetesProvider, $label", (helm) => {
  const major = Number(/v(\d+)\./.exec(helmVersion(helm.path))?.[1]);

  it("answers lookup from the suite's and the test's objects with Helm 3 (get, list by namespace, sorted, unknown kinds empty); with Helm 4 says to use Helm 3", async () => {
    const run = await runFixture(helm, "kubernetes-provider");
    const results = testOutcomes(run);
    if (major === 3) {
      expect(results).toEqual([
        ["gets and lists as client-go's fake client does", "passed", ""],
        ["adds a test's objects to the suite's", "passed", ""],
        ["finds nothing", "passed", ""],
      ]);
    } else {
      expect(results).toEqual([
        ["gets and lists as client-go's fake client does", "failed", expect.stringContaining("renders through Helm 3 only")],
        ["adds a test's objects to the suite's", "failed", expect.stringContaining("--helm <Helm 3>")],
        // A scheme without objects leaves the plugin on its plain render, and the runner too.
        ["finds nothing", "passed", ""],
      ]);
    }
  });
});

describe("the resource the fake client files an object under", () => {
  // k8s.io/apimachinery pkg/api/meta/restmapper.go:129-151, UnsafeGuessKindToResource.
  it("is apimachinery's guess from the kind", () => {
    // "Gateway" → "gatewaies": the guess is unsafe, and the plugin's fake client files by it.
    expect(["Pod", "Ingress", "NetworkPolicy", "Endpoints", "Gateway", "Class", ""].map(guessResource)).toEqual([
      "pods",
      "ingresses",
      "networkpolicies",
      "endpoints",
      "gatewaies",
      "classes",
      "",
    ]);
  });
});
