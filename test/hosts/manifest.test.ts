/**
 * Both manifests checked offline (office-addin-manifest validate calls a Microsoft web service, unreachable here).
 * XML (add-in only manifest): it parses, ids and resource ids are unique and resolve, every URL points at a file
 * webpack emits, the namespace is XSELL, the permission is ReadWriteDocument, functions and task pane share one
 * runtime, and it declares the requirement sets of excel-addin/manifests.ts.
 * JSON (unified manifest for Microsoft 365): validated against Microsoft's published schema, read from the
 * @microsoft/app-manifest package (no network), with its icons and app package checked.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import { AppManifestUtils } from "@microsoft/app-manifest";
import { DOMParser } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import { ADDIN_ID, REQUIREMENTS, UNIFIED_MANIFEST_VERSION } from "../../excel-addin/manifests";

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

  it("declares the requirement sets the code needs (the same list as the unified manifest)", () => {
    const sets = all(one(root, "Requirements"), "Set").map((s) => ({ name: s.getAttribute("Name"), minVersion: s.getAttribute("MinVersion") }));
    expect(sets).toEqual(REQUIREMENTS.map(({ name, minVersion }) => ({ name, minVersion })));
    expect(sets).toContainEqual({ name: "CustomFunctionsRuntime", minVersion: "1.3" }); // CustomFunctions.ErrorCode messages
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

  it("switches every URL, including functions.json help links and the unified manifest, to a production origin at build time", () => {
    const out = mkdtempSync(join(tmpdir(), "xsell-build-"));
    execFileSync(process.execPath, [join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js"), "--mode", "production", "--env", "url=https://addins.example.com/xsell/", "--env", `out=${out}`], { cwd: ROOT, stdio: "pipe" });
    const manifest = readFileSync(join(out, "excel", "manifest.xml"), "utf8");
    expect(manifest).not.toContain("localhost");
    expect(manifest).toContain('DefaultValue="https://addins.example.com/xsell/taskpane.html"');
    const fj = readFileSync(join(out, "excel", "functions.json"), "utf8");
    expect(fj).not.toContain("localhost");
    expect(fj).toContain("https://addins.example.com/xsell/help.html#scoring");
    const unified = JSON.parse(readFileSync(join(out, "excel", "manifest.json"), "utf8")) as { validDomains: string[]; extensions: { runtimes: { code: { page: string } }[] }[] };
    expect(JSON.stringify(unified)).not.toContain("localhost");
    expect(unified.validDomains).toEqual(["addins.example.com"]);
    expect(unified.extensions[0].runtimes[0].code.page).toBe("https://addins.example.com/xsell/taskpane.html");
  });
});

/** A PNG's size and RGBA pixels (the icons are written unfiltered, so inflating IDAT gives the rows). */
function pngInfo(buf: Buffer): { width: number; height: number; pixels: number[][] } {
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  const idat: Buffer[] = [];
  for (let p = 8; p < buf.length; ) {
    const len = buf.readUInt32BE(p);
    const type = buf.toString("ascii", p + 4, p + 8);
    if (type === "IDAT") idat.push(buf.subarray(p + 8, p + 8 + len));
    p += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const pixels: number[][] = [];
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) pixels.push([...raw.subarray(y * (width * 4 + 1) + 1 + x * 4, y * (width * 4 + 1) + 5 + x * 4)]);
  return { width, height, pixels };
}

/** Entries of a stored zip (as xsell-m365.zip is written), read from its central directory. */
function unzipStored(buf: Buffer): Record<string, Buffer> {
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  const out: Record<string, Buffer> = {};
  for (let i = 0; i < count; i++) {
    expect(buf.readUInt32LE(p)).toBe(0x02014b50);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString("utf8", p + 46, p + 46 + nameLen);
    const localName = buf.readUInt16LE(local + 26);
    const extra = buf.readUInt16LE(local + 28);
    out[name] = buf.subarray(local + 30 + localName + extra, local + 30 + localName + extra + size);
    p += 46 + nameLen;
  }
  return out;
}

describe("dist/excel/manifest.json (the unified manifest for Microsoft 365)", () => {
  const dist = join(ROOT, "dist", "excel");
  const manifest = JSON.parse(readFileSync(join(dist, "manifest.json"), "utf8")) as Record<string, unknown> & { $schema: string; id: string; icons: { color: string; outline: string }; extensions: Record<string, unknown>[] };
  const schemaFile = join(ROOT, "node_modules", "@microsoft", "app-manifest", "build", "json-schemas", "teams", `v${UNIFIED_MANIFEST_VERSION}`, "MicrosoftTeams.schema.json");
  const schema = JSON.parse(readFileSync(schemaFile, "utf8"));

  it("validates against Microsoft's published schema for its manifestVersion, read offline from @microsoft/app-manifest", async () => {
    expect(manifest.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${UNIFIED_MANIFEST_VERSION}/MicrosoftTeams.schema.json`);
    expect(manifest.manifestVersion).toBe(UNIFIED_MANIFEST_VERSION);
    expect(await AppManifestUtils.validateAgainstSchema(manifest as never, schema)).toEqual([]);
  });

  it("the validation is not vacuous: the schema rejects a manifest without icons, with a bad id or an unknown field", async () => {
    const { icons: _icons, ...noIcons } = manifest;
    void _icons;
    expect((await AppManifestUtils.validateAgainstSchema(noIcons as never, schema)).join()).toMatch(/icons/);
    expect((await AppManifestUtils.validateAgainstSchema({ ...manifest, id: "xsell" } as never, schema)).length).toBeGreaterThan(0);
    const ext = { ...manifest.extensions[0], ribbonz: [] };
    expect((await AppManifestUtils.validateAgainstSchema({ ...manifest, extensions: [ext] } as never, schema)).join()).toMatch(/additional/i);
  });

  it("is the same add-in as manifest.xml: id, permission, runtime, namespace, functions metadata, requirement sets", () => {
    const xml = readFileSync(join(dist, "manifest.xml"), "utf8");
    expect(manifest.id).toBe(ADDIN_ID);
    expect(xml).toContain(`<Id>${ADDIN_ID}</Id>`);
    expect(manifest.authorization).toEqual({ permissions: { resourceSpecific: [{ name: "Document.ReadWrite.User", type: "Delegated" }] } });
    const ext = manifest.extensions[0] as { requirements: { scopes: string[]; capabilities: unknown[] }; runtimes: { lifetime: string; code: { page: string; script: string }; actions: { id: string }[]; customFunctions: { namespace: { id: string }; metadataUrl: string } }[]; ribbons: { tabs: { groups: { controls: { actionId: string }[] }[] }[] }[] };
    expect(ext.requirements).toEqual({ scopes: ["workbook"], capabilities: REQUIREMENTS.map(({ name, minVersion }) => ({ name, minVersion })) });
    const runtime = ext.runtimes[0];
    expect(runtime.lifetime).toBe("long"); // one shared runtime for functions and pane
    expect(runtime.customFunctions.namespace.id).toBe("XSELL");
    expect(ext.ribbons[0].tabs[0].groups[0].controls[0].actionId).toBe(runtime.actions[0].id);
    for (const url of [runtime.code.page, runtime.code.script, runtime.customFunctions.metadataUrl]) {
      expect(url.startsWith("https://localhost:3000/"), url).toBe(true);
      expect(existsSync(join(dist, url.slice("https://localhost:3000/".length))), url).toBe(true);
    }
  });

  it("ships its icons at the sizes the schema states: color 192×192, outline 32×32 white on transparent", () => {
    const color = pngInfo(readFileSync(join(dist, manifest.icons.color)));
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = pngInfo(readFileSync(join(dist, manifest.icons.outline)));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    for (const [r, g, b, a] of outline.pixels) expect(a === 0 || (r === 255 && g === 255 && b === 255 && a === 255)).toBe(true);
    expect(outline.pixels.some(([, , , a]) => a === 255)).toBe(true);
  });

  it("functions.json's functions fit the published schema's function definition (ids, names, parameters, results, addresses)", async () => {
    const fj = JSON.parse(readFileSync(join(dist, "functions.json"), "utf8")) as { functions: { id: string; name: string; parameters: unknown[]; result: unknown; options?: { requiresParameterAddresses?: boolean } }[] };
    // the same objects the unified manifest would carry inline (its option is spelled requiresParameterAddress there)
    const fnSchema = { $schema: schema.$schema, definitions: schema.definitions, $ref: "#/definitions/extensionFunction" };
    for (const f of fj.functions) {
      const inline = { id: f.id, name: f.name, parameters: f.parameters, result: f.result, ...(f.options?.requiresParameterAddresses ? { requiresParameterAddress: true } : {}) };
      expect(await AppManifestUtils.validateAgainstSchema(inline as never, fnSchema as never), f.id).toEqual([]);
      // Excel's rule for parameter addresses: the result must be a matrix
      if (f.options?.requiresParameterAddresses) expect(f.result, f.id).toEqual({ dimensionality: "matrix" });
    }
    expect((await AppManifestUtils.validateAgainstSchema({ id: "X", name: "x y", parameters: [{ name: "" }], result: {} } as never, fnSchema as never)).length).toBeGreaterThan(0);
  });

  it("packs manifest.json and both icons, byte for byte, into the app package xsell-m365.zip", () => {
    const entries = unzipStored(readFileSync(join(dist, "xsell-m365.zip")));
    expect(Object.keys(entries).sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
    for (const [name, bytes] of Object.entries(entries)) expect(bytes.equals(readFileSync(join(dist, name))), name).toBe(true);
  });
});
