/**
 * The task pane's Content-Security-Policy: the built policy is exactly the documented one (every source in it has
 * its reason in excel-addin/taskpane/taskpane.html), scripts stay strict, and each relaxation is one Office.js
 * itself needs, shown from the Office.js files the @microsoft/office-js package ships: its Excel host scripts set
 * inline styles (office-js #1687), frame a page from its own CDN, and use `new Function` only inside try/catch
 * (so no 'unsafe-eval').
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "..", "..");
const OFFICE = join(ROOT, "node_modules", "@microsoft", "office-js", "dist");
const officeJs = (file: string): string => readFileSync(join(OFFICE, file), "utf8");
const HOST_SCRIPTS = ["excel-web-16.00.js", "excel-win32-16.01.js", "excel-mac-16.00.js"];

function policy(html: string): Map<string, string[]> {
  const m = /<meta http-equiv="?Content-Security-Policy"? content="([^"]+)"/.exec(html);
  expect(m).not.toBeNull();
  return new Map(
    m![1]
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name, sources]),
  );
}

describe("task pane CSP", () => {
  const built = policy(readFileSync(join(ROOT, "dist", "excel", "taskpane.html"), "utf8"));
  const source = readFileSync(join(ROOT, "excel-addin", "taskpane", "taskpane.html"), "utf8");
  const reasons = /<!--\s*\n\s*Content-Security-Policy, one reason per source[^\n]*\n([\s\S]*?)-->/.exec(source)![1];

  it("is the policy documented in taskpane.html, with a reason for every source", () => {
    const documented = new Map<string, string[]>();
    for (const m of reasons.matchAll(/^\s{4}([a-z-]+) ((?:'[^']+'|https:\/\/[^\s]+|data:)(?: (?:'[^']+'|data:))*)/gm)) documented.set(m[1], [...(documented.get(m[1]) ?? []), ...m[2].split(" ")]);
    expect(new Map([...built].map(([k, v]) => [k, [...v].sort()]))).toEqual(new Map([...documented].map(([k, v]) => [k, [...v].sort()])));
    expect(built.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it("keeps scripts strict: only its own files and Office.js's CDN, no inline script, no eval", () => {
    expect(built.get("script-src")).toEqual(["'self'", "https://appsforoffice.microsoft.com"]);
    expect(built.get("connect-src")).toEqual(["'self'"]);
    expect(built.get("object-src")).toEqual(["'none'"]);
    expect(built.get("base-uri")).toEqual(["'none'"]);
    const html = readFileSync(join(ROOT, "dist", "excel", "taskpane.html"), "utf8");
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // every script has a src
    expect(html).not.toMatch(/\son[a-z]+="/); // no inline event handlers
  });

  it("needs 'unsafe-inline' styles because Office.js's Excel host scripts write inline styles", () => {
    for (const file of HOST_SCRIPTS) expect(officeJs(file), file).toMatch(/\.style\.(cssText|height|width|visibility)=/);
  });

  it("needs frame-src for Office.js's CDN because office.js frames its own prompt page from there", () => {
    const web = officeJs("excel-web-16.00.js");
    expect(web).toContain('"AgaveErrorUX/index.html#"');
    expect(web).toContain('createElement("iframe")');
    expect(built.get("frame-src")).toEqual(["https://appsforoffice.microsoft.com"]);
  });

  it("needs no 'unsafe-eval': Office.js's only `new Function` sits in a try/catch with a fallback", () => {
    let seen = 0;
    for (const file of ["office.js", ...HOST_SCRIPTS]) {
      const text = officeJs(file);
      for (const m of text.matchAll(/new Function\(|[^.\w]eval\(/g)) {
        seen++;
        const before = text.slice(Math.max(0, m.index! - 40), m.index!);
        expect(before, `${file}: ${text.slice(m.index! - 40, m.index! + 40)}`).toMatch(/try\{[^}]*$/);
      }
    }
    expect(seen).toBeGreaterThan(0);
    expect([...built.values()].flat()).not.toContain("'unsafe-eval'");
  });
});
