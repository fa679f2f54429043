// sprig's toJson is Go's encoding/json: map keys sorted as strings (encode.go, mapEncoder
// sorts the keys), so "0123" comes before "500". A JS object would list the integer-like
// key first; the random differential test met it with labels {"500", "0123"}.
import { describe, expect, it } from "vitest";
import { goJson } from "../../compiler/ir/go-json.ts";

describe("goJson", () => {
  it("sorts every map's keys as strings, integer-like ones included, and escapes HTML as Go does", () => {
    expect(goJson({ labels: { "500": "on", "0123": "", b: [{ z: 1, "10": 2, "9": 3 }] }, a: "<&>" })).toBe(
      '{"a":"\\u003c\\u0026\\u003e","labels":{"0123":"","500":"on","b":[{"10":2,"9":3,"z":1}]}}',
    );
    expect(goJson([null, true, 1.5, "x"])).toBe('[null,true,1.5,"x"]');
  });
});
