import { describe, expect, it } from "vitest";
import { StringIndex } from "../../core/string-index";

describe("StringIndex", () => {
  it("gives one id per name ignoring case, surrounding and repeated spaces and Unicode form, keeping the first spelling", () => {
    const ix = new StringIndex(2);
    expect(ix.add("Acme Corp")).toBe(0);
    expect(ix.add("  acme CORP\u00a0")).toBe(0);
    expect(ix.add("Acme  Corp")).toBe(0); // repeated inner spaces are one
    expect(ix.add("Acme\tCorp")).toBe(0);
    expect(ix.add("ÉCOLE")).toBe(1);
    expect(ix.get("école")).toBe(1);
    expect(ix.get("e\u0301cole")).toBe(1); // decomposed é
    expect(ix.add("Plan A")).toBe(2);
    expect(ix.add("Plan A+")).toBe(3); // punctuation is never dropped
    expect(ix.add("PlanA")).toBe(4);
    expect(ix.get("Globex")).toBe(-1);
    expect(ix.keys).toEqual(["Acme Corp", "ÉCOLE", "Plan A", "Plan A+", "PlanA"]);
  });
  it("survives growth with many keys and hash collisions", () => {
    const ix = new StringIndex(1);
    for (let i = 0; i < 50000; i++) expect(ix.add(`Account ${i}`)).toBe(i);
    for (let i = 0; i < 50000; i += 997) expect(ix.get(`ACCOUNT ${i}`)).toBe(i);
    expect(ix.size).toBe(50000);
  });
});
