"""
Renders every chart LibreOffice imported from a workbook to its own PNG, through LibreOffice's UNO API (Debian's
python3-uno): starts a headless soffice listening on a pipe, loads the file, and exports each chart shape with
the drawing GraphicExportFilter. Prints one line per chart: sheet<TAB>index<TAB>png path.

usage: /usr/bin/python3 export-charts.py <workbook> <out dir> <profile dir>
"""
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def main():
    workbook, out_dir, profile = sys.argv[1], sys.argv[2], sys.argv[3]
    pipe = "xsell_charts_%d" % os.getpid()
    office = subprocess.Popen(
        ["soffice", "--headless", "--norestore", "--invisible", "-env:UserInstallation=file://" + profile, "--accept=pipe,name=%s;urp;" % pipe],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        ctx = None
        for _ in range(240):
            try:
                ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
                break
            except Exception:
                time.sleep(0.25)
        if ctx is None:
            raise SystemExit("soffice did not start")
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(workbook)), "_blank", 0, (prop("Hidden", True),))
        doc.calculateAll()
        sheets = doc.Sheets
        for s in range(sheets.Count):
            sheet = sheets.getByIndex(s)
            page = sheet.DrawPage
            k = 0
            for i in range(page.Count):
                shape = page.getByIndex(i)
                if shape.ShapeType != "com.sun.star.drawing.OLE2Shape" or not shape.supportsService("com.sun.star.drawing.OLE2Shape"):
                    continue
                if shape.CLSID.lower() != "12dcae26-281f-416f-a234-c3086127382e":  # a chart
                    continue
                k += 1
                path = os.path.join(out_dir, "%s-chart-%d.png" % (sheet.Name.lower().replace(" ", "-"), k))
                exporter = smgr.createInstanceWithContext("com.sun.star.drawing.GraphicExportFilter", ctx)
                exporter.setSourceDocument(shape)
                size = shape.Size  # 1/100 mm; export at about 96 dpi
                exporter.filter((
                    prop("URL", uno.systemPathToFileUrl(os.path.abspath(path))),
                    prop("MediaType", "image/png"),
                    prop("FilterData", uno.Any("[]com.sun.star.beans.PropertyValue", (prop("PixelWidth", int(size.Width * 96 / 2540)), prop("PixelHeight", int(size.Height * 96 / 2540))))),
                ))
                print("%s\t%d\t%s" % (sheet.Name, k, path), flush=True)
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()


main()
