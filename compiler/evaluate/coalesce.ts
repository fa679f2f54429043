// Helm's merge of a user's values over the chart's values.yaml (chartutil.CoalesceValues):
// maps merge key by key, anything else is replaced, and a null removes the default.
// Hand-written because the evaluation must see exactly the values Helm's templates see.

type Values = Record<string, unknown>;

const isMap = (value: unknown): value is Values => value !== null && typeof value === "object" && !Array.isArray(value);

export function coalesceValues(defaults: Values, overrides: Values): Values {
  const result: Values = { ...defaults };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === null) {
      delete result[key];
    } else if (isMap(value) && isMap(result[key])) {
      result[key] = coalesceValues(result[key] as Values, value);
    } else {
      result[key] = value;
    }
  }
  return result;
}
