// Every resource's metadata: its name, the release's namespace, the chart's labels with the
// user's commonLabels, and commonAnnotations: the official istio/gateway chart's `labels`
// and `annotations`, which it puts on each resource it renders.
import { mergeMaps, release, spreadYaml, toYaml, withValue, type Expr, type ExprLike } from "../compiler/index.ts";
import { helpers, v } from "./values.ts";

type StringMap = Expr<Record<string, string>>;

/**
 * The chart's labels, then a resource's own extra labels merged with commonLabels (the
 * resource's own win: sprig's merge keeps the first map's keys). The chart's labels win over
 * both: the compiler drops a spread key the chart writes itself.
 */
export const resourceLabels = (own?: StringMap) => ({
  ...helpers.labels.spread(),
  ...spreadYaml(own === undefined ? v.commonLabels : mergeMaps(own, v.commonLabels)),
});

/** commonAnnotations, under a resource's own annotations when it has some. */
export const resourceAnnotations = (own?: StringMap) => withValue(own === undefined ? v.commonAnnotations : mergeMaps(own, v.commonAnnotations), (annotations) => ({ annotations: toYaml(annotations) }));

export const resourceMetadata = (name: ExprLike<string>, own: { labels?: StringMap; annotations?: StringMap } = {}) => ({
  name,
  namespace: release.namespace,
  labels: resourceLabels(own.labels),
  ...resourceAnnotations(own.annotations),
});
