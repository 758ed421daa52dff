/**
 * The manifest checked offline (office-addin-manifest validate calls a Microsoft web service, unreachable here):
 * it parses, ids and resource ids are unique and resolve, every URL points at a file webpack emits, the
 * namespace is XSELL, the permission is ReadWriteDocument, and functions and task pane share one runtime.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DOMParser } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "..", "..");
type El = { getAttribute(n: string): string | null; getElementsByTagName(n: string): ArrayLike<El>; textContent: string | null; localName: string; parentNode: El | null };

function parse(path: string): El {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level: string, msg: string) => { if (level !== "warning") errors.push(msg); } }).parseFromString(readFileSync(path, "utf8"), "text/xml") as unknown as { documentElement: El };
  expect(errors).toEqual([]);
  return doc.documentElement;
}
const all = (root: El, tag: string): El[] => Array.from(root.getElementsByTagName(tag));
const one = (root: El, tag: string): El => {
  const found = all(root, tag);
  expect(found.length, tag).toBe(1);
  return found[0];
};

describe("excel-addin/manifest.xml (as built into dist/excel)", () => {
  const built = join(ROOT, "dist", "excel", "manifest.xml");
  const root = parse(built);

  it("is a task pane add-in for workbooks asking only for ReadWriteDocument", () => {
    expect(root.localName).toBe("OfficeApp");
    expect(root.getAttribute("xsi:type")).toBe("TaskPaneApp");
    expect(one(root, "Permissions").textContent).toBe("ReadWriteDocument");
    expect(all(root, "Host").map((h) => h.getAttribute("Name") ?? h.getAttribute("xsi:type"))).toEqual(["Workbook", "Workbook"]);
    expect(one(root, "Id").textContent).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it("declares the XSELL namespace and the shared runtime for both functions and task pane", () => {
    const sets = all(root, "Set").map((s) => `${s.getAttribute("Name")}@${s.getAttribute("MinVersion")}`);
    expect(sets).toContain("SharedRuntime@1.1");
    const runtime = one(root, "Runtime");
    expect(runtime.getAttribute("lifetime")).toBe("long");
    const runtimeId = runtime.getAttribute("resid");
    const cf = all(root, "ExtensionPoint").find((e) => e.getAttribute("xsi:type") === "CustomFunctions")!;
    const page = one(one(cf as El, "Page"), "SourceLocation").getAttribute("resid");
    const action = all(root, "Action").find((a) => a.getAttribute("xsi:type") === "ShowTaskpane")!;
    expect(page).toBe(runtimeId);
    expect(one(action, "SourceLocation").getAttribute("resid")).toBe(runtimeId);
    expect(one(root, "FunctionFile").getAttribute("resid")).toBe(runtimeId);
    const nsId = one(cf, "Namespace").getAttribute("resid");
    const ns = all(root, "bt:String").find((s) => s.getAttribute("id") === nsId)!;
    expect(ns.getAttribute("DefaultValue")).toBe("XSELL");
  });

  it("has unique ids, and every resid resolves to a resource", () => {
    const resources = [...all(root, "bt:Image"), ...all(root, "bt:Url"), ...all(root, "bt:String")].filter((e) => e.parentNode && ["Images", "Urls", "ShortStrings", "LongStrings"].includes(e.parentNode.localName));
    const ids = resources.map((e) => e.getAttribute("id")!);
    expect(new Set(ids).size).toBe(ids.length);
    const controlIds = [...all(root, "Group"), ...all(root, "Control")].map((e) => e.getAttribute("id"));
    expect(new Set(controlIds).size).toBe(controlIds.length);
    const refs = Array.from(readFileSync(built, "utf8").matchAll(/resid="([^"]+)"/g), (m) => m[1]);
    expect(refs.length).toBeGreaterThan(10);
    for (const r of refs) expect(ids, r).toContain(r);
    for (const id of ids) expect(refs, `resource ${id} is never used`).toContain(id);
  });

  it("points every URL at a file webpack emitted", () => {
    const urls = Array.from(readFileSync(built, "utf8").matchAll(/(?:DefaultValue)="(https:\/\/[^"]+)"/g), (m) => m[1]);
    expect(urls.length).toBeGreaterThan(8);
    for (const url of urls) {
      expect(url.startsWith("https://localhost:3000/"), url).toBe(true);
      const file = url.slice("https://localhost:3000/".length).split("#")[0];
      expect(existsSync(join(ROOT, "dist", "excel", file)), file).toBe(true);
    }
  });

  it("switches every URL, including functions.json help links, to a production origin at build time", () => {
    const out = mkdtempSync(join(tmpdir(), "xsell-build-"));
    execFileSync(process.execPath, [join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js"), "--mode", "production", "--env", "url=https://addins.example.com/xsell/", "--env", `out=${out}`], { cwd: ROOT, stdio: "pipe" });
    const manifest = readFileSync(join(out, "excel", "manifest.xml"), "utf8");
    expect(manifest).not.toContain("localhost");
    expect(manifest).toContain('DefaultValue="https://addins.example.com/xsell/taskpane.html"');
    const fj = readFileSync(join(out, "excel", "functions.json"), "utf8");
    expect(fj).not.toContain("localhost");
    expect(fj).toContain("https://addins.example.com/xsell/help.html#scoring");
  });
});
