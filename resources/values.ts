// The symbolic values every resource definition reads from, and the chart's helpers.
import { defaultTo, lines, standardHelpers, symbolicValues, textHelper, when } from "../compiler/index.ts";
import { values } from "../values-schema/index.ts";

export const CHART_NAME = "ingressgateway-accesslog";
export const v = symbolicValues(values);

const standard = standardHelpers(CHART_NAME, v);

const serviceAccountName = textHelper(
  `${CHART_NAME}.serviceAccountName`,
  "The ServiceAccount the pods run as: the created one, or the named existing one.",
  lines(when(v.gateway.serviceAccount.create, lines(defaultTo(v.gateway.serviceAccount.name, standard.fullname)), lines(defaultTo(v.gateway.serviceAccount.name, "default")))),
);

export const helpers = { ...standard, serviceAccountName };
