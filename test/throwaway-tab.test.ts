/**
 * Adding a tab touches the registry (core/tabs/kinds.ts) and the builders (core/tabs/builders.ts) only. This test
 * adds a throwaway tab to exactly those two modules and finds it, with nothing else changed, in the panes'
 * checkboxes (Excel and Sheets share ui/pane.ts), the Sheets menu and its generated entry points, the sidebar's
 * build call, and the CLI's --tabs, its help and its default tabs.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { TabDef } from "../core/tabs/kinds";
import type { TabInputs } from "../core/tabs/inputs";
import { EXCEL_PANE, paneBody, SHEETS_PANE } from "../ui/pane-body";

const THROWAWAY = vi.hoisted(() => ({ kind: "throwaway", title: "Throwaway", summary: "a tab this test adds", menuLabel: "Build throwaway tab", needs: ["ownership"], checked: true }) as const);

// the registry: one entry more
vi.mock("../core/tabs/kinds", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../core/tabs/kinds")>();
  return { ...actual, ...actual.registry([...actual.TABS, THROWAWAY] as readonly TabDef[]) };
});
// the builders: one builder more
vi.mock("../core/tabs/builders", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../core/tabs/builders")>();
  const { SpecBuilder } = await import("../core/tabs/spec");
  const { ownershipOf } = await import("../core/tabs/inputs");
  const buildThrowaway = (inputs: TabInputs) => {
    const own = ownershipOf("Throwaway", inputs);
    return new SpecBuilder("Throwaway").block(0, 0, [["Accounts", "Products"], [own.accounts.length, own.products.length]]).finish();
  };
  return { BUILDERS: { ...actual.BUILDERS, throwaway: buildThrowaway } };
});

const { TAB_KINDS, buildTab } = await import("../core/tabs");
const { renderTabChoices, checkedTabs, updateTabAvailability } = await import("../ui/pane");
const { sheetsMenuSource } = await import("../scripts/gen-wrappers");
const server = await import("../sheets-addon/src/server");
const { main } = await import("../cli/main");
const { FakeAppsScript } = await import("./fakes/apps-script");

const ROOT = join(__dirname, "..");
const EXAMPLES = join(ROOT, "examples");

// ---------- a DOM just large enough for the panes' tab checkboxes ----------
class FakeElement {
  children: (FakeElement | string)[] = [];
  parent: FakeElement | null = null;
  className = "";
  type = "";
  value = "";
  checked = false;
  disabled = false;
  title = "";
  textContent = "";
  classList = { toggle: () => undefined };
  constructor(readonly tag: string) {}
  append(...xs: (FakeElement | string)[]): void {
    for (const x of xs) this.appendChild(x);
  }
  appendChild(x: FakeElement | string): void {
    if (typeof x !== "string") x.parent = this;
    this.children.push(x);
  }
  remove(): void {
    if (this.parent) this.parent.children = this.parent.children.filter((c) => c !== this);
  }
  closest(): FakeElement | null {
    return this.parent;
  }
  all(): FakeElement[] {
    return this.children.flatMap((c) => (typeof c === "string" ? [] : [c, ...c.all()]));
  }
  querySelectorAll(sel: string): FakeElement[] {
    return this.all().filter((e) => e.tag === sel);
  }
  text(): string {
    return this.children.map((c) => (typeof c === "string" ? c : c.textContent || c.text())).join("");
  }
}

describe("a throwaway tab added to the registry and the builders only", () => {
  it("is a tab kind, and buildTab builds it", () => {
    expect(TAB_KINDS).toContain("throwaway");
    const spec = buildTab("throwaway" as never, { accounts: [["Account"], ["A"]], ownership: [["Account", "Product"], ["A", "CRM"], ["B", "BI"]], asOf: 20000 } as TabInputs);
    expect(spec.name).toBe("Throwaway");
    expect(spec.blocks[0].cells).toEqual([["Accounts", "Products"], [2, 2]]);
  });

  describe("the panes (the Excel task pane and the Sheets sidebar draw their checkboxes with ui/pane.ts)", () => {
    let box: FakeElement;
    beforeEach(() => {
      box = new FakeElement("fieldset");
      vi.stubGlobal("document", {
        createElement: (tag: string) => new FakeElement(tag),
        querySelectorAll: (sel: string) => box.querySelectorAll("input").filter((i) => !sel.includes(":checked") || i.checked),
      });
    });
    afterEach(() => vi.unstubAllGlobals());

    it("shows a checkbox for it, ticked as the registry says, and disabled without its table", () => {
      renderTabChoices(box as unknown as HTMLElement);
      const input = box.querySelectorAll("input").find((i) => i.value === "throwaway");
      expect(input?.checked).toBe(true);
      expect(input?.parent?.text()).toBe(" Throwaway a tab this test adds");
      expect(checkedTabs()).toContain("throwaway");
      updateTabAvailability({ accounts: true, ownership: false });
      expect([input?.disabled, input?.title]).toEqual([true, "Needs an ownership table"]);
    });

    it("are drawn from the registry in both hosts: no tab is written into their HTML", () => {
      const pages = ["excel-addin/taskpane/taskpane.html", "sheets-addon/src/sidebar.html", "ui/pane-body.ts"].map((p) => [p, readFileSync(join(ROOT, p), "utf8")]);
      for (const [page, html] of [...pages, ["Excel pane body", paneBody(EXCEL_PANE)], ["Sheets pane body", paneBody(SHEETS_PANE)]]) {
        for (const kind of TAB_KINDS) expect(html, `${page} ${kind}`).not.toMatch(new RegExp(`value=["']${kind}["']`));
      }
      for (const script of ["excel-addin/taskpane/taskpane.ts", "sheets-addon/src/sidebar.ts"]) expect(readFileSync(join(ROOT, script), "utf8"), script).toMatch(/renderTabChoices\(\$\("tab-choices"\)\)/);
    });
  });

  describe("Google Sheets", () => {
    let app: InstanceType<typeof FakeAppsScript>;
    beforeEach(() => {
      app = new FakeAppsScript({ timeZone: "UTC" });
      for (const [name, value] of Object.entries(app.globals())) vi.stubGlobal(name, value);
      app.spreadsheet.addSheet("Accounts", [["Account", "NPS"], ["A", 50], ["B", 10]]);
      app.spreadsheet.addSheet("Ownership", [["Account", "Product"], ["A", "CRM"], ["B", "BI"], ["C", "CRM"]]);
    });
    afterEach(() => vi.unstubAllGlobals());

    it("puts it in the add-on menu, and menu.js generates the function the item calls", () => {
      server.onOpen({ authMode: "NONE" });
      expect(app.menu!.items).toContainEqual(["Build throwaway tab", "xsellBuildThrowaway"]);
      expect(sheetsMenuSource()).toContain('function xsellBuildThrowaway() {\n  XSELL.buildFromMenu("throwaway");\n}');
    });

    it("builds it from the sidebar's request and from the menu", () => {
      const res = server.buildTabFromRequest({ tab: "throwaway", ownership: "Ownership", asOf: "2026-06-30" } as never);
      expect(res.sheetName).toBe("Throwaway");
      server.buildFromMenu("throwaway" as never);
      expect(app.alerts).toEqual([]);
      expect(app.spreadsheet.sheets.map((s) => s.getName())).toEqual(["Accounts", "Ownership", "Throwaway", "Throwaway (2)"]);
    });
  });

  describe("the CLI", () => {
    const dir = mkdtempSync(join(tmpdir(), "xsell-throwaway-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    let out: string[];
    beforeEach(() => {
      out = [];
      vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
      vi.spyOn(console, "error").mockImplementation(() => undefined);
      vi.spyOn(process.stderr, "write").mockImplementation((() => true) as typeof process.stderr.write);
    });
    afterEach(() => vi.restoreAllMocks());
    const sheetsOf = async (file: string): Promise<string[]> => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      return wb.worksheets.map((w) => w.name);
    };

    it("lists it in report --help and accepts it in --tabs", async () => {
      expect(await main(["report", "--help"])).toBe(0);
      expect(out.join("\n")).toMatch(/--tabs \S*,throwaway\b/);
      expect(out.join("\n")).toMatch(/, \w+ and Throwaway tabs/);
      const o = join(dir, "only.xlsx");
      expect(await main(["report", join(EXAMPLES, "accounts.csv"), "--ownership", join(EXAMPLES, "ownership.csv"), "--tabs", "throwaway", "--as-of", "2026-11-01", "--out", o])).toBe(0);
      expect((await sheetsOf(o)).filter((n) => !n.startsWith("Data"))).toEqual(["Throwaway"]);
    });

    it("writes it by default when its table is given, and not without it", async () => {
      const withOwnership = join(dir, "with.xlsx");
      expect(await main(["report", join(EXAMPLES, "accounts.csv"), "--ownership", join(EXAMPLES, "ownership.csv"), "--as-of", "2026-11-01", "--out", withOwnership])).toBe(0);
      expect(await sheetsOf(withOwnership)).toContain("Throwaway");
      const without = join(dir, "without.xlsx");
      expect(await main(["report", join(EXAMPLES, "accounts.csv"), "--as-of", "2026-11-01", "--out", without])).toBe(0);
      expect(await sheetsOf(without)).not.toContain("Throwaway");
    });
  });
});
