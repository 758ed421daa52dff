/** Bundled as the e2e's office.js: a fake Excel host seeded from window.__XSELL_FAKE_DATA__. */
import { FakeWorkbook, installFakeOffice, type FakeValue } from "../fakes/excel-host";

interface Seed {
  sheets: { name: string; values: FakeValue[][] }[];
}
const w = window as unknown as Record<string, unknown>;
const seed = (w.__XSELL_FAKE_DATA__ as Seed | undefined) ?? { sheets: [{ name: "Sheet1", values: [] }] };
const model = new FakeWorkbook();
for (const s of seed.sheets) model.addSheet(s.name, s.values);
w.__XSELL_FAKE_MODEL__ = model;
installFakeOffice(w, model);
