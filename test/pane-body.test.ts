/**
 * The pane body shared by the Excel task pane and the Sheets sidebar (ui/pane-body.ts): every element the pane
 * scripts look up is in each host's body exactly once, host parameters stay text, and both built pages carry it.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXCEL_PANE, paneBody, SHEETS_PANE, type PaneHost } from "../ui/pane-body";

const ROOT = join(__dirname, "..");
const idsLookedUp = (file: string): string[] => [...readFileSync(join(ROOT, file), "utf8").matchAll(/\$(?:<[^>]+>)?\("([a-z-]+)"\)/g)].map((m) => m[1]);
const ids = (html: string): string[] => [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);

describe.each([
  ["Excel", EXCEL_PANE, "excel-addin/taskpane/taskpane.ts", "dist/excel/taskpane.html"],
  ["Sheets", SHEETS_PANE, "sheets-addon/src/sidebar.ts", "dist/sheets/sidebar.html"],
] as const)("the %s pane body", (_host, host, script, built) => {
  const html = paneBody(host);

  it("has every element its script and ui/pane.ts look up, each id once", () => {
    const wanted = new Set([...idsLookedUp("ui/pane.ts"), ...idsLookedUp(script)]);
    expect(wanted.size).toBeGreaterThan(15);
    for (const id of wanted) expect(ids(html).filter((x) => x === id), id).toHaveLength(1);
    expect(new Set(ids(html)).size).toBe(ids(html).length);
  });

  it.runIf(existsSync(join(ROOT, built)))("is in the built page, in place of the marker", () => {
    const page = readFileSync(join(ROOT, built), "utf8");
    expect(page).not.toContain("XSELL:PANE");
    expect(page).toContain("Fix any that are wrong; unused signals earn no points.");
    expect(page).toMatch(/id="?source-info"?/);
  });
});

describe("pane body parameters", () => {
  it("differ only where the hosts do: the file's name, the source buttons, the icon and the as-of hint", () => {
    expect(paneBody(EXCEL_PANE)).toContain("Nothing leaves this workbook.");
    expect(paneBody(SHEETS_PANE)).toContain("Nothing leaves this spreadsheet.");
    expect(paneBody(EXCEL_PANE)).toContain('<button id="use-selection" type="button" disabled>Use selection</button>');
    expect(paneBody(SHEETS_PANE)).not.toContain("<img");
    expect(paneBody(SHEETS_PANE)).toContain('aria-describedby="as-of-hint"');
    expect(paneBody(EXCEL_PANE)).not.toContain("as-of-hint");
  });

  it("are escaped: a parameter never becomes markup", () => {
    const hostile: PaneHost = { file: "<b>book</b>", icon: 'x" onerror="alert(1)', sources: [{ id: 'a"b', label: "<script>" }], sourceHint: "&amp;", asOfHint: false };
    const html = paneBody(hostile);
    expect(html).toContain("Nothing leaves this &#60;b&#62;book&#60;/b&#62;.");
    expect(html).toContain('<img src="x&#34; onerror=&#34;alert(1)"');
    expect(html).toContain('<button id="a&#34;b" type="button">&#60;script&#62;</button>');
    expect(html).toContain(">&#38;amp;</p>");
    expect(html).not.toMatch(/<script|<b>|onerror="/);
  });
});
