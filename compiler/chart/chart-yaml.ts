// Chart.yaml and .helmignore: the chart's metadata files.
import { stringify } from "yaml";
import type { ChartMetadata } from "./define.ts";

export const HELMIGNORE = `# Patterns to ignore when building packages.
.DS_Store
.git/
*.swp
*.bak
*.tmp
*.orig
*~
.vscode/
.idea/
# helm-unittest suites and snapshots: for developing the chart, not for installing it.
tests/*_test.yaml
tests/__snapshot__/
`;

export function renderChartYaml(metadata: ChartMetadata): string {
  const chartYaml: Record<string, unknown> = {
    apiVersion: "v2",
    name: metadata.name,
    description: metadata.description,
    type: metadata.type ?? "application",
    version: metadata.version,
    appVersion: metadata.appVersion,
    kubeVersion: metadata.kubeVersion,
    home: metadata.home,
    icon: metadata.icon,
    sources: metadata.sources,
    keywords: metadata.keywords,
    maintainers: metadata.maintainers,
    annotations: metadata.annotations,
  };
  for (const key of Object.keys(chartYaml)) if (chartYaml[key] === undefined) delete chartYaml[key];
  return stringify(chartYaml, { lineWidth: 0 });
}
