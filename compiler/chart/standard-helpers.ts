// The helpers every chart has (as `helm create` writes them): name, fullname, chart,
// selectorLabels, labels. Defined with the same combinators as any template, so the
// TypeScript evaluation computes exactly what Helm renders.
import { chart, contains, defaultTo, release, replaceAll, tpl, trimSuffix, truncate, type Expr } from "../dsl/index.ts";
import { lines, textHelper, when, yamlHelper } from "../dsl/index.ts";

export interface NameOverrides {
  readonly nameOverride: Expr<string>;
  readonly fullnameOverride: Expr<string>;
}

/** Kubernetes names are at most 63 characters; a trailing "-" left by truncation is dropped. */
const dnsName = (value: Expr<string>): Expr<string> => trimSuffix(truncate(value, 63), "-");

export function standardHelpers(prefix: string, v: NameOverrides) {
  const name = textHelper(`${prefix}.name`, "Expand the name of the chart.", dnsName(defaultTo(v.nameOverride, chart.name)));

  const fullname = textHelper(
    `${prefix}.fullname`,
    "Create a default fully qualified app name, at most 63 characters (DNS names are limited to that).\nIf the release name contains the chart name it is used as the full name.",
    lines(
      when(
        v.fullnameOverride,
        lines(dnsName(v.fullnameOverride)),
        lines(
          when(
            contains(release.name, defaultTo(v.nameOverride, chart.name)),
            lines(dnsName(release.name)),
            lines(dnsName(tpl`${release.name}-${defaultTo(v.nameOverride, chart.name)}`)),
          ),
        ),
      ),
    ),
  );

  const chartLabel = textHelper(
    `${prefix}.chart`,
    "Chart name and version as used by the helm.sh/chart label.",
    dnsName(replaceAll(tpl`${chart.name}-${chart.version}`, "+", "_")),
  );

  const selectorLabels = yamlHelper(`${prefix}.selectorLabels`, "Selector labels: a small stable subset; changing them would orphan existing pods.", {
    "app.kubernetes.io/name": name,
    "app.kubernetes.io/instance": release.name,
  });

  const labels = yamlHelper(`${prefix}.labels`, "Common labels.", {
    "helm.sh/chart": chartLabel,
    ...selectorLabels.spread(),
    ...when(chart.appVersion, { "app.kubernetes.io/version": chart.appVersion }),
    "app.kubernetes.io/managed-by": release.service,
  });

  return { name, fullname, chart: chartLabel, selectorLabels, labels };
}
