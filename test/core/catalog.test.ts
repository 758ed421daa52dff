import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as catalog from "../../core/functions";
import { CATALOG, functionTableMarkdown, sheetsName } from "../../core/catalog";

describe("the catalog metadata", () => {
  it("describes exactly the functions core/functions.ts exports, with matching arity", () => {
    const exported = Object.keys(catalog).filter((k) => k.startsWith("XSELL_")).sort();
    expect(CATALOG.map(sheetsName).sort()).toEqual(exported);
    for (const f of CATALOG) {
      const impl = (catalog as Record<string, (...a: unknown[]) => unknown>)[sheetsName(f)];
      expect(impl.length, sheetsName(f)).toBe(f.params.length);
      const optionalAfterRequired = f.params.findIndex((p) => p.optional);
      if (optionalAfterRequired >= 0) expect(f.params.slice(optionalAfterRequired).every((p) => p.optional), sheetsName(f)).toBe(true);
    }
  });
  it("is the function table in the README, word for word", () => {
    const readme = readFileSync(join(__dirname, "..", "..", "README.md"), "utf8");
    const start = readme.indexOf("<!-- functions:start -->");
    const end = readme.indexOf("<!-- functions:end -->");
    expect(start).toBeGreaterThan(0);
    expect(readme.slice(start + "<!-- functions:start -->".length, end).trim()).toBe(functionTableMarkdown());
  });
});

describe("catalog descriptions", () => {
  it("fit the 128 characters the unified manifest's function schema allows", () => {
    for (const f of CATALOG) expect(f.description.length, f.id).toBeLessThanOrEqual(128);
  });
});
