// Helm's merge of a user's values over the chart's values.yaml (chartutil.CoalesceValues):
// maps present on both sides merge key by key, anything else is replaced, and a null
// removes a key that values.yaml defines (a null for a key it does not define stays null).
// Hand-written because the evaluation must see exactly the values Helm's templates see.

type Values = Record<string, unknown>;

const isMap = (value: unknown): value is Values => value !== null && typeof value === "object" && !Array.isArray(value);

export function coalesceValues(defaults: Values, overrides: Values): Values {
  const result: Values = { ...defaults };
  for (const [key, value] of Object.entries(overrides)) {
    const known = Object.prototype.hasOwnProperty.call(defaults, key);
    if (value === null && known) {
      delete result[key];
    } else if (isMap(value) && isMap(result[key])) {
      result[key] = coalesceValues(result[key] as Values, value);
    } else {
      result[key] = value;
    }
  }
  return result;
}
