// `helm test`: nginx answers through the Service on every port that targets it. Any HTTP
// status from Envoy is fine (404 without Gateway routes); none, or nginx's own 502/503/504
// (Envoy unreachable), fails.
import type { IPod } from "kubernetes-models/v1/Pod";
import { and, defineTemplate, each, eq, lines, ne, release, resource, spreadYaml, tpl, when } from "../compiler/index.ts";
import { restrictedSecurityContext } from "./pod/security.ts";
import { resourceLabels } from "./metadata.ts";
import { helpers, v } from "./values.ts";

const script = lines(
  // Stryker disable next-line StringLiteral: defensive only; the script has no unset variable, and its one failing command is guarded.
  "set -eu",
  each(v.service.ports, (port) =>
    when(
      eq(port.targetPort, v.nginx.listenPort),
      lines(
        // curl prints 000 when nothing answers and exits non-zero, which `set -e` would make
        // the script's end before the line below names the port.
        tpl`code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 http://${helpers.fullname}.${release.namespace}.svc:${port.port}/ || true)`,
        tpl`echo "port ${port.port}: HTTP $code"`,
        'case "$code" in 000|502|503|504) exit 1;; esac',
      ),
    ),
  ),
);

export const testPod = defineTemplate(
  "tests/test-connection.yaml",
  () =>
    resource<IPod>({
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: tpl`${helpers.fullname}-test-connection`,
        namespace: release.namespace,
        labels: resourceLabels(),
        annotations: { "helm.sh/hook": "test", "helm.sh/hook-delete-policy": "before-hook-creation,hook-succeeded", ...spreadYaml(v.commonAnnotations) },
      },
      spec: {
        restartPolicy: "Never",
        containers: [
          {
            name: "curl",
            image: v.tests.image,
            command: ["sh", "-c", script],
            securityContext: restrictedSecurityContext(100, 101),
            resources: { requests: { cpu: "10m", memory: "16Mi" }, limits: { memory: "64Mi" } },
          },
        ],
      },
    }),
  { when: and(v.tests.enabled, ne(v.service.type, "None")) },
);
