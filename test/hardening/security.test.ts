/**
 * Static checks on what ships: no bundle can make a network request (no fetch, XHR, WebSocket, beacons,
 * EventSource, UrlFetchApp), the only outside URL is Office.js's CDN in the task pane, both pages carry a
 * Content-Security-Policy, the manifest asks for ReadWriteDocument only, and Apps Script for two narrow scopes.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const DIST = join(__dirname, "..", "..", "dist");
const read = (p: string): string => readFileSync(join(DIST, p), "utf8");
const SHIPPED = ["excel/functions.js", "excel/taskpane.js", "excel/taskpane.html", "excel/help.html", "sheets/xsell.js", "sheets/sidebar.html"];

describe("shipped bundles", () => {
  it.each(SHIPPED)("%s has no network API", (file) => {
    expect(read(file)).not.toMatch(/\bfetch\(|XMLHttpRequest|WebSocket|sendBeacon|EventSource|importScripts|UrlFetchApp|navigator\.connection/);
  });
  it.each(SHIPPED)("%s names no outside address but Office.js's CDN (and the Apps Script host in the sidebar's CSP)", (file) => {
    const urls = [...read(file).matchAll(/https?:\/\/[a-zA-Z0-9.-]+/g)].map((m) => m[0]);
    const allowed = file === "excel/taskpane.html" ? ["https://appsforoffice.microsoft.com"] : file === "sheets/sidebar.html" ? ["https://ssl.gstatic.com"] : [];
    for (const u of urls) expect(allowed, `${file} mentions ${u}`).toContain(u);
  });
});

describe("Content-Security-Policy", () => {
  const csp = (file: string): string => {
    const m = /<meta http-equiv="?Content-Security-Policy"? content="([^"]+)"/.exec(read(file));
    expect(m, `${file} has no CSP`).not.toBeNull();
    return m![1];
  };
  it("task pane: scripts only from itself and Office.js, no inline script, no outside connections", () => {
    const policy = csp("excel/taskpane.html");
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self' https://appsforoffice.microsoft.com");
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toContain("object-src 'none'");
    expect(read("excel/taskpane.html")).not.toMatch(/<script>(?!<\/script>)/);
  });
  it("sidebar: nothing by default, its inlined code only, no connections", () => {
    const policy = csp("sheets/sidebar.html");
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("connect-src 'none'");
    expect(policy).toContain("object-src 'none'");
  });
  it("help page: no script at all", () => {
    expect(csp("excel/help.html")).toBe("default-src 'none'; style-src 'unsafe-inline'");
  });
});

describe("permissions", () => {
  it("the add-in manifest asks for ReadWriteDocument and nothing else, with no extra app domains", () => {
    const xml = read("excel/manifest.xml");
    expect([...xml.matchAll(/<Permissions>([^<]+)<\/Permissions>/g)].map((m) => m[1])).toEqual(["ReadWriteDocument"]);
    expect(xml).not.toContain("<AppDomain>");
    expect(xml).not.toMatch(/WebApplicationInfo|Scopes/);
  });
  it("Apps Script asks for the current spreadsheet and the container UI only", () => {
    expect(JSON.parse(read("sheets/appsscript.json")).oauthScopes).toEqual([
      "https://www.googleapis.com/auth/spreadsheets.currentonly",
      "https://www.googleapis.com/auth/script.container.ui",
    ]);
  });
});
