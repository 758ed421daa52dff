/**
 * Build-time pieces of dist/excel/ besides the bundles (webpack.config.js calls these):
 *  - functions.json finished: custom-functions-metadata writes allowCustomDataForDataTypeAny but cannot write
 *    allowErrorForDataTypeAny (no JSDoc tag exists), without which Excel never calls a function whose range holds
 *    an error cell; both are set here;
 *  - the unified manifest for Microsoft 365 (manifest.json, schema 1.24: the first with
 *    extensions.runtimes.customFunctions) with its two icons, and the app package xsell-m365.zip holding the three;
 *  - REQUIREMENTS: the requirement sets the add-in needs, shared by both manifests (tests check them against the
 *    APIs the code calls, and the XML manifest's <Sets> against this list).
 */
import { EXCEL_NAMESPACE } from "../core/catalog";
import { crc32, png } from "../scripts/make-icons";

/** Id shared with manifest.xml (one add-in, two manifests). */
export const ADDIN_ID = "de214495-2d25-4c38-b8e6-6963c1c9e3a1";
export const UNIFIED_MANIFEST_VERSION = "1.24";

/**
 * What the add-in requires of the host, with why. ExcelApi 1.18 (notes) is not here: the renderer asks
 * isSetSupported("ExcelApi", "1.18") and skips notes without it, so Excel 2019/2021 can still install XSELL.
 */
export const REQUIREMENTS: readonly { name: string; minVersion: string; why: string }[] = [
  { name: "SharedRuntime", minVersion: "1.1", why: "functions and task pane share one runtime, so functions can call Excel.run" },
  { name: "CustomFunctionsRuntime", minVersion: "1.3", why: "CustomFunctions.ErrorCode and messages on #VALUE!/#N/A; invocation.parameterAddresses" },
  { name: "ExcelApi", minVersion: "1.9", why: "autoFilter.apply (1.9), getRangeByIndexes and freeze panes (1.7), conditional formats (1.6), functions.date (1.2)" },
];

/** functions.json with `any` parameters accepting data types and error cells. */
export function finishFunctionsJson(text: string): string {
  const meta = JSON.parse(text) as Record<string, unknown>;
  const { allowCustomDataForDataTypeAny: _a, allowErrorForDataTypeAny: _b, ...rest } = meta;
  void _a;
  void _b;
  return JSON.stringify({ allowCustomDataForDataTypeAny: true, allowErrorForDataTypeAny: true, ...rest }, null, 4);
}

/** The unified (JSON) manifest for `origin`, e.g. https://addins.example.com/xsell. */
export function unifiedManifest(origin: string, version: string): Record<string, unknown> {
  const url = (file: string) => `${origin}/${file}`;
  const icons = [16, 32, 80].map((size) => ({ size, url: url(`assets/icon-${size}.png`) }));
  return {
    $schema: `https://developer.microsoft.com/json-schemas/teams/v${UNIFIED_MANIFEST_VERSION}/MicrosoftTeams.schema.json`,
    manifestVersion: UNIFIED_MANIFEST_VERSION,
    id: ADDIN_ID,
    version,
    localizationInfo: { defaultLanguageTag: "en-us" },
    developer: { name: "XSELL", websiteUrl: url("help.html"), privacyUrl: url("help.html#privacy"), termsOfUseUrl: url("help.html#terms") },
    name: { short: "XSELL", full: "XSELL: cross-sell decisions from your account sheets" },
    description: {
      short: "Readiness scores, attach rates, whitespace, retention and scenarios.",
      full: "Cross-sell decisions from your own account sheets: readiness scores, attach rates, whitespace, retention and scenarios. Your data never leaves the workbook.",
    },
    icons: { color: "color.png", outline: "outline.png" },
    accentColor: "#0F766E",
    validDomains: [new URL(origin).host],
    authorization: { permissions: { resourceSpecific: [{ name: "Document.ReadWrite.User", type: "Delegated" }] } },
    extensions: [
      {
        requirements: { scopes: ["workbook"], capabilities: REQUIREMENTS.map(({ name, minVersion }) => ({ name, minVersion })) },
        runtimes: [
          {
            id: "SharedRuntime",
            type: "general",
            code: { page: url("taskpane.html"), script: url("functions.js") },
            lifetime: "long",
            actions: [{ id: "ShowTaskpane", type: "openPage", view: "XSELL.Taskpane", displayName: "XSELL" }],
            customFunctions: { namespace: { id: EXCEL_NAMESPACE, name: EXCEL_NAMESPACE }, metadataUrl: url("functions.json"), allowCustomDataForDataTypeAny: true },
          },
        ],
        ribbons: [
          {
            tabs: [
              {
                builtInTabId: "TabHome",
                groups: [
                  {
                    id: "XSELL.Group",
                    label: "Cross-sell",
                    icons,
                    controls: [
                      {
                        id: "XSELL.TaskpaneButton",
                        type: "button",
                        label: "XSELL",
                        icons,
                        supertip: { title: "XSELL", description: "Open XSELL to build the Scorecard and the other cross-sell tabs from your account table." },
                        actionId: "ShowTaskpane",
                      },
                    ],
                  },
                ],
              },
            ],
          },
        ],
        getStartedMessages: [
          {
            title: "XSELL is ready",
            description: `Type =${EXCEL_NAMESPACE}.SCORE(A1:K401) on your account table, or open the XSELL pane from the Home tab to build the Scorecard and the other cross-sell tabs.`,
            learnMoreUrl: url("help.html"),
          },
        ],
      },
    ],
  };
}

// ---------- icons: the XSELL mark (make-icons.ts) at the unified manifest's sizes ----------

function mark(size: number, ink: (inside: boolean, u: number, v: number) => [number, number, number, number]): Buffer {
  const r = size * 0.18;
  return png(size, (x, y) => {
    const cx = Math.min(Math.max(x + 0.5, r), size - r);
    const cy = Math.min(Math.max(y + 0.5, r), size - r);
    const inside = Math.hypot(x + 0.5 - cx, y + 0.5 - cy) <= r;
    return ink(inside, (x + 0.5) / size, (y + 0.5) / size);
  });
}

const figure = (u: number, v: number): boolean => {
  const bar = (left: number, top: number) => u >= left && u < left + 0.14 && v >= top && v < 0.8;
  const plus = (Math.abs(u - 0.72) < 0.045 && v > 0.16 && v < 0.44) || (Math.abs(v - 0.3) < 0.045 && u > 0.58 && u < 0.86);
  return bar(0.2, 0.58) || bar(0.38, 0.46) || bar(0.56, 0.52) || plus;
};

/** 192×192 full-color icon. */
export function colorIcon(): Buffer {
  return mark(192, (inside, u, v) => (!inside ? [0, 0, 0, 0] : figure(u, v) ? [255, 255, 255, 255] : [15, 118, 110, 255]));
}

/** 32×32 outline icon: white on transparent, as the schema asks. */
export function outlineIcon(): Buffer {
  return mark(32, (inside, u, v) => {
    if (!inside) return [0, 0, 0, 0];
    const border = u < 0.09 || u > 0.91 || v < 0.09 || v > 0.91;
    return border || figure(u, v) ? [255, 255, 255, 255] : [0, 0, 0, 0];
  });
}

// ---------- a stored (uncompressed) zip, enough for the app package ----------


/** A zip of `files` (name → bytes), entries stored, dated 1980-01-01 so builds are byte-identical. */
export function zip(files: Record<string, Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of Object.entries(files)) {
    const n = Buffer.from(name, "utf8");
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, n, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
