// Shows the compiled chart working on default values: lint and render with Helm 3 and 4.
import { helmBinaries, runHelm } from "../helm/run.ts";

for (const helm of helmBinaries()) {
  const lint = await runHelm(helm, ["lint", "--strict", "chart"]);
  process.stdout.write(`# ${helm.label}: helm lint --strict chart\n${lint.stdout}${lint.stderr}`);
  if (lint.status !== 0) process.exit(1);
}
const [helm] = helmBinaries();
const rendered = await runHelm(helm!, ["template", "gw", "chart", "--namespace", "istio-ingress"]);
process.stdout.write(`# ${helm!.label}: helm template gw chart --namespace istio-ingress\n${rendered.stdout}${rendered.stderr}`);
process.exit(rendered.status);
