/** The XSELL core: host-free analytics, the function catalog and the tab builders. */
export * from "./errors";
export * from "./values";
export * from "./headers";
export * from "./table";
export * from "./model";
export * from "./score";
export * as functions from "./functions";
