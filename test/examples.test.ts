/** The bundled sample data is what its checked-in generator writes: regenerating it changes nothing. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateOutcomes, generateSample, generateSubscriptions, PRICES, PRODUCTS, toCsv } from "../examples/generate";

const EX = join(__dirname, "..", "examples");

describe("examples/", () => {
  const data = generateSample();
  it.each([
    ["accounts.csv", () => toCsv(data.accounts)],
    ["ownership.csv", () => toCsv(data.ownership)],
    ["retention.csv", () => toCsv(data.retention)],
    ["prices.csv", () => toCsv([["Product", "Price"], ...PRODUCTS.map((p) => [p, String(PRICES[p])])])],
    ["subscriptions.csv", () => toCsv(generateSubscriptions(data))],
    ["outcomes.csv", () => toCsv(generateOutcomes(data))],
  ])("%s is what examples/generate.ts writes", (file, make) => {
    expect(make()).toBe(readFileSync(join(EX, file), "utf8"));
  });
});
