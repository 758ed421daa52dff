/**
 * The Apps Script bundle's entry: everything the top-level functions in entrypoints.js and functions.js call,
 * exposed as the global XSELL.
 */
export { call, onOpen, onInstall, showSidebar, sidebarState, columnReport, buildTabFromRequest, buildFromMenu, setAsOfToday, setAsOfTodayFromMenu } from "./server";
