/**
 * E2E plumbing: a static server for a built folder, Debian's Chromium driven by playwright-core (never a
 * downloaded browser), the fake office.js, and a guard that fails the run on any request leaving localhost.
 */
import { createServer, type Server } from "node:http";
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { buildSync } from "esbuild";
import { chromium, type Browser, type Page } from "playwright-core";

export const ROOT = join(__dirname, "..", "..");
export const ARTIFACTS = join(ROOT, "test", "artifacts");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".png": "image/png", ".xml": "application/xml" };

export async function serve(dir: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? "/").split("?")[0])).replace(/^(\.\.[/\\])+/, "");
    const file = join(dir, path === "/" ? "index.html" : path);
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return { server, origin: `http://127.0.0.1:${port}` };
}

export function fakeOfficeJs(): string {
  const out = buildSync({ entryPoints: [join(__dirname, "office-fake-entry.ts")], bundle: true, format: "iife", platform: "browser", target: "es2020", write: false });
  return out.outputFiles[0].text;
}

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install chromium), as .ci/run does`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic"],
  });
}

/**
 * Serves the fake office.js, lets requests to `origin` through, and records (and aborts) everything else:
 * a bundle that phones home fails the test that owns this page.
 */
export async function guardNetwork(page: Page, origin: string, extra: Record<string, string> = {}): Promise<string[]> {
  const outside: string[] = [];
  const officeJs = fakeOfficeJs();
  await page.route("**/*", async (route) => {
    const url = route.request().url();
    if (/\/office\.js(\?|$)/.test(url)) return route.fulfill({ status: 200, contentType: "text/javascript", body: officeJs });
    for (const [pattern, body] of Object.entries(extra)) if (url.includes(pattern)) return route.fulfill({ status: 200, contentType: "text/javascript", body });
    if (url.startsWith(origin) || url.startsWith("data:") || url.startsWith("about:")) return route.continue();
    outside.push(url);
    return route.abort();
  });
  return outside;
}

export function artifact(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

/** Records Content-Security-Policy violations on the page; read them with `cspViolations(page)`. */
export async function watchCsp(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
}
