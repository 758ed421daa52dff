/**
 * The XSELL core: host-free analytics, the function catalog and the tab builders. Hosts import from here
 * (or from the module they need); nothing in core touches Office.js, Apps Script, the DOM or the file system.
 */
export * from "./errors";
export * from "./values";
export * from "./headers";
export * from "./table";
export * from "./model";
export * from "./score";
export * from "./ownership";
export * from "./adjacency";
export * from "./whitespace";
export * from "./triggers";
export * from "./retention";
export * from "./scenario";
export * from "./catalog";
export * as functions from "./functions";
export * as tabs from "./tabs";
