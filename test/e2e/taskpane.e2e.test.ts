/**
 * The built task pane in headless Chromium against the fake Excel host: pick the sample sheet, build the tabs,
 * check their contents, check that hostile names render as text, and that nothing leaves localhost.
 */
import type { Server } from "node:http";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sample } from "../hosts/excel-shape";
import { artifact, cspViolations, guardNetwork, launch, ROOT, serve, watchCsp } from "./harness";

const HOSTILE = "<img src=x onerror=alert(1)>";
let browser: Browser;
let server: Server;
let origin: string;

beforeAll(async () => {
  ({ server, origin } = await serve(join(ROOT, "dist", "excel")));
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  server?.close();
});

async function openPane(): Promise<{ page: Page; outside: string[]; dialogs: string[] }> {
  const accounts = sample("accounts.csv");
  // the top account by score (as of 2026-11-01) gets a hostile name, so the pane's top-5 list must show it
  accounts[accounts.findIndex((r) => r[0] === "Soylent Robotics")][0] = HOSTILE;
  accounts[0][4] = "<script>alert(2)</script> Seats";
  // the same account renamed in ownership too, so it keeps its next product and heads the opportunities
  const ownership = sample("ownership.csv").map((r) => (r[0] === "Soylent Robotics" ? [HOSTILE, ...r.slice(1)] : r));
  const page = await browser.newPage({ viewport: { width: 320, height: 900 } });
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const outside = await guardNetwork(page, origin);
  await watchCsp(page);
  await page.addInitScript((seed) => {
    (window as unknown as Record<string, unknown>).__XSELL_FAKE_DATA__ = seed;
  }, { sheets: [{ name: "Accounts", values: accounts }, { name: "Ownership", values: ownership }, { name: "Prices", values: sample("prices.csv") }, { name: "Retention", values: sample("retention.csv") }, { name: HOSTILE, values: [["x"]] }] });
  await page.goto(`${origin}/taskpane.html`);
  return { page, outside, dialogs };
}

describe("Excel task pane (built) in Chromium with a fake Excel host", () => {
  it("reads the sheet, shows the mapping, builds every tab and lists the results as text", async () => {
    const { page, outside, dialogs } = await openPane();
    await page.click("#use-sheet");
    await page.waitForSelector("#mapping-section:not([hidden])");
    expect(await page.textContent("#source-info")).toContain("400 account rows × 21 columns");
    // the recognized columns are preselected; the hostile header shows as text in the options
    expect(await page.$eval('select[data-field="Account"]', (s) => (s as HTMLSelectElement).selectedOptions[0].textContent)).toBe("Account");
    const licenseOptions = await page.$$eval('select[data-field="Licenses"] option', (os) => os.map((o) => o.textContent));
    expect(licenseOptions).toContain("<script>alert(2)</script> Seats");
    // the renamed header no longer matches an alias, so Licenses is offered as "not in this table" to fix by hand
    expect(await page.$eval('select[data-field="Licenses"]', (s) => (s as HTMLSelectElement).value)).toBe("-1");
    await page.selectOption('select[data-field="Licenses"]', "4");
    expect(await page.$eval('select[data-field="NPS"]', (s) => (s as HTMLSelectElement).selectedOptions[0].textContent)).toBe("NPS");
    expect(await page.$eval("#ownership-sheet", (s) => (s as HTMLSelectElement).value)).toBe("Ownership");
    await page.selectOption("#retention-sheet", "Retention");
    await page.check('#tab-choices input[value="retention"]');
    await page.fill("#as-of", "2026-11-01");
    await page.click("#build");
    await page.waitForSelector("#results:not([hidden])", { timeout: 60_000 });
    expect(await page.textContent("#error")).toBe("");
    const built = await page.$$eval("#built li", (lis) => lis.map((l) => l.textContent));
    expect(built.map((b) => b?.split(" — ")[0])).toEqual(["Scorecard", "Whitespace", "Adjacency", "Retention (2)", "Scenario"]);
    const top = await page.$$eval("#top li", (lis) => lis.map((l) => l.textContent ?? ""));
    expect(top.length).toBe(5);
    // the hostile account name is shown as text, never as markup
    // the first opportunity by expected ARR of its next product (the sample's largest)
    expect(top[0]).toBe(`${HOSTILE}: 100 (High) → Data Warehouse (35% propensity, $10,398 expected ARR)`);
    expect(await page.$$eval("img", (imgs) => imgs.map((i) => i.getAttribute("src")))).toEqual(["assets/icon-32.png"]);
    expect(await page.$$eval("script", (s) => s.filter((x) => (x.textContent ?? "").includes("alert")).length)).toBe(0);
    expect(dialogs).toEqual([]);

    const model = await page.evaluate(() => {
      const m = (window as unknown as { __XSELL_FAKE_MODEL__: { sheets: { name: string; values: unknown[][]; formulas: Map<string, string>; serialize(): string }[] } }).__XSELL_FAKE_MODEL__;
      return m.sheets.map((s) => ({ name: s.name, head: s.values.slice(0, 3), formulas: [...s.formulas.entries()].slice(0, 3), rows: s.values.length }));
    });
    expect(model.map((s) => s.name)).toEqual(["Accounts", "Ownership", "Prices", "Retention", HOSTILE, "Scorecard", "Whitespace", "Adjacency", "Retention (2)", "Scenario"]);
    const scorecard = model.find((s) => s.name === "Scorecard")!;
    expect(scorecard.head[0].slice(0, 9)).toEqual(["Account", "Score", "Band", "Top reasons", "Next best product", "Propensity", "Expected ARR", "Triggers", "Coverage"]);
    expect(scorecard.rows).toBe(401);
    expect(model.find((s) => s.name === "Scenario")!.formulas[0]).toEqual(["13,1", "=B3*B4"]);
    expect(model.find((s) => s.name === "Retention (2)")!.head[0].slice(0, 9)).toEqual(["Measure", "Value", "", "Account", "Start ARR", "End ARR", "Change", "Movement", "Products at start"]);
    await page.screenshot({ path: artifact("excel-taskpane.png"), fullPage: true });
    expect(await cspViolations(page)).toEqual([]);
    expect(outside).toEqual([]);
    await page.close();
  }, 120_000);

  it("leaves the source sheet exactly as it was and says why a tab cannot be built", async () => {
    const { page, outside } = await openPane();
    const before = await page.evaluate(() => (window as unknown as { __XSELL_FAKE_MODEL__: { sheets: { serialize(): string }[] } }).__XSELL_FAKE_MODEL__.sheets[0].serialize());
    await page.click("#use-sheet");
    await page.waitForSelector("#tabs-section:not([hidden])");
    await page.selectOption("#ownership-sheet", "");
    expect(await page.isDisabled('#tab-choices input[value="whitespace"]')).toBe(true);
    expect(await page.getAttribute('#tab-choices input[value="whitespace"]', "title")).toBe("Needs an ownership table");
    // map the account column away: the scorecard must explain, in plain words, what is missing
    await page.selectOption('select[data-field="Account"]', "-1");
    await page.click("#build");
    await page.waitForSelector("#error:not([hidden])");
    expect(await page.textContent("#error")).toContain('Scorecard: no column "Account" (to name each account on the scorecard)');
    const after = await page.evaluate(() => (window as unknown as { __XSELL_FAKE_MODEL__: { sheets: { serialize(): string }[] } }).__XSELL_FAKE_MODEL__.sheets[0].serialize());
    expect(after).toBe(before);
    expect(outside).toEqual([]);
    await page.close();
  }, 60_000);
});
