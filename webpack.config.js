/**
 * Builds dist/excel/ (custom functions + task pane + manifest, one shared runtime) in production mode.
 *   npm run build                                  → dist/excel for https://localhost:3000
 *   npm run build -- --env url=https://host/xsell  → dist/excel whose manifest and help links use that origin
 *   npm run dev-server                             → https://localhost:3000 with office-addin-dev-certs
 */
require("tsx/cjs"); // lets this config import the TypeScript catalog for the generated help page
const path = require("node:path");
const webpack = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const { helpPage } = require("./excel-addin/help.ts");
const { finishFunctionsJson, unifiedManifest, colorIcon, outlineIcon, zip } = require("./excel-addin/manifests.ts");
const { paneBody, EXCEL_PANE, SHEETS_PANE } = require("./ui/pane-body.ts");

const DEV_ORIGIN = "https://localhost:3000";

/** Replaces the development origin in emitted text assets (functions.json's help links) with the production one. */
class OriginPlugin {
  constructor(origin, assets) {
    this.origin = origin;
    this.assets = assets;
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("OriginPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "OriginPlugin", stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONS }, () => {
        compilation.emitAsset("help.html", new webpack.sources.RawSource(helpPage()));
      });
      compilation.hooks.processAssets.tap({ name: "OriginPlugin", stage: webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT - 1 }, () => {
        for (const name of this.assets) {
          const asset = compilation.getAsset(name);
          if (!asset) continue;
          const text = asset.source.source().toString().split(DEV_ORIGIN).join(this.origin);
          compilation.updateAsset(name, new webpack.sources.RawSource(text));
        }
      });
    });
  }
}

/**
 * Finishes dist/excel/: functions.json lets `any` parameters receive error cells and data types (the JSDoc
 * generator writes only the latter), and the unified manifest for Microsoft 365 (manifest.json, its color and
 * outline icons, and the app package xsell-m365.zip holding the three) is written for the target origin.
 */
class ExcelManifestsPlugin {
  constructor(origin, version) {
    this.origin = origin;
    this.version = version;
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("ExcelManifestsPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "ExcelManifestsPlugin", stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONS }, () => {
        const fj = compilation.getAsset("functions.json");
        if (fj) compilation.updateAsset("functions.json", new webpack.sources.RawSource(finishFunctionsJson(fj.source.source().toString())));
        const manifest = Buffer.from(`${JSON.stringify(unifiedManifest(this.origin, this.version), null, 2)}\n`);
        const color = colorIcon();
        const outline = outlineIcon();
        compilation.emitAsset("manifest.json", new webpack.sources.RawSource(manifest));
        compilation.emitAsset("color.png", new webpack.sources.RawSource(color));
        compilation.emitAsset("outline.png", new webpack.sources.RawSource(outline));
        compilation.emitAsset("xsell-m365.zip", new webpack.sources.RawSource(zip({ "manifest.json": manifest, "color.png": color, "outline.png": outline })));
      });
    });
  }
}

const fs = require("node:fs");

/** A host page with the shared pane body (ui/pane-body.ts) put in place of its `<!--XSELL:PANE-->`. */
const withPane = (page, host) => {
  const html = fs.readFileSync(path.join(__dirname, page), "utf8");
  if (!html.includes("<!--XSELL:PANE-->")) throw new Error(`${page} has no <!--XSELL:PANE--> for the pane body`);
  return html.replace("<!--XSELL:PANE-->", () => paneBody(host));
};

/**
 * Assembles dist/sheets/: xsell.js = the minified bundle (var XSELL) followed by the plain top-level functions
 * Apps Script calls (custom functions with their JSDoc for argument hints, triggers, menu and sidebar targets),
 * appended after minification so their names, parameters and comments survive; sidebar.html with the shared
 * pane body and its CSS and JS inlined (Apps Script serves one file); appsscript.json.
 */
class AppsScriptPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("AppsScriptPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "AppsScriptPlugin", stage: webpack.Compilation.PROCESS_ASSETS_STAGE_SUMMARIZE }, () => {
        const read = (p) => fs.readFileSync(path.join(__dirname, p), "utf8");
        const bundle = compilation.getAsset("xsell.js").source.source().toString();
        const tail = [read("sheets-addon/src/functions.js"), read("sheets-addon/src/menu.js"), read("sheets-addon/src/entrypoints.js")].join("\n");
        compilation.updateAsset("xsell.js", new webpack.sources.RawSource(`${bundle}\n${tail}`));
        const js = compilation.getAsset("sidebar.js").source.source().toString().replace(/<\/script/gi, "<\\/script");
        const css = read("excel-addin/taskpane/taskpane.css").replace(/<\/style/gi, "");
        const html = withPane("sheets-addon/src/sidebar.html", SHEETS_PANE).replace("/*XSELL:CSS*/", () => css).replace("/*XSELL:JS*/", () => js);
        compilation.deleteAsset("sidebar.js");
        compilation.emitAsset("sidebar.html", new webpack.sources.RawSource(html));
        compilation.emitAsset("appsscript.json", new webpack.sources.RawSource(read("sheets-addon/appsscript.json")));
      });
    });
  }
}

const tsRule = { test: /\.ts$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { configFile: "tsconfig.build.json", transpileOnly: true } } };

module.exports = async (env = {}, argv = {}) => {
  const mode = argv.mode || "production";
  const origin = String(env.url || process.env.XSELL_URL || DEV_ORIGIN).replace(/\/+$/, "");
  if (!/^https:\/\//.test(origin)) throw new Error(`--env url must be an https:// origin, got ${origin}`);
  const serving = Boolean(env.WEBPACK_SERVE);
  const excel = {
    name: "excel",
    mode,
    devtool: mode === "development" ? "source-map" : false,
    entry: {
      functions: "./excel-addin/functions/functions.ts",
      taskpane: "./excel-addin/taskpane/taskpane.ts",
    },
    output: { path: path.resolve(env.out || path.join(__dirname, "dist"), "excel"), filename: "[name].js", clean: true },
    resolve: { extensions: [".ts", ".js"] },
    module: { rules: [tsRule] },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./excel-addin/functions/functions.ts" }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        // the page's head (CSP, Office.js) with the pane body shared with the Sheets sidebar
        templateContent: () => withPane("excel-addin/taskpane/taskpane.html", EXCEL_PANE),
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
        scriptLoading: "blocking",
        inject: "body",
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "excel-addin/assets", to: "assets" },
          { from: "excel-addin/taskpane/taskpane.css", to: "taskpane.css" },
          { from: "excel-addin/manifest.xml", to: "manifest.xml", transform: (content) => content.toString().split(DEV_ORIGIN).join(origin) },
        ],
      }),
      new OriginPlugin(origin, ["functions.json", "help.html"]),
      new ExcelManifestsPlugin(origin, require("./package.json").version),
    ],
    devServer: {
      port: 3000,
      static: false,
      headers: { "Access-Control-Allow-Origin": "*" },
      server: serving ? { type: "https", options: await require("office-addin-dev-certs").getHttpsServerOptions() } : "http",
    },
  };
  const sheets = {
    name: "sheets",
    mode,
    devtool: false,
    target: ["web", "es2019"],
    entry: {
      // the server bundle becomes `var XSELL = …` for the top-level functions; the sidebar is a plain script
      xsell: { import: "./sheets-addon/src/main.ts", library: { name: "XSELL", type: "var" } },
      sidebar: "./sheets-addon/src/sidebar.ts",
    },
    output: {
      path: path.resolve(env.out || path.join(__dirname, "dist"), "sheets"),
      filename: "[name].js",
      clean: true,
      iife: true,
    },
    resolve: { extensions: [".ts", ".js"] },
    module: { rules: [{ ...tsRule, use: { ...tsRule.use, options: { ...tsRule.use.options, compilerOptions: { target: "ES2019" } } } }] },
    optimization: { splitChunks: false, runtimeChunk: false },
    performance: { hints: false },
    plugins: [new AppsScriptPlugin()],
  };
  return [excel, sheets];
};
