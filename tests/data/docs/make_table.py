#!/usr/bin/env python3
"""Writes a flat OpenDocument text (.fodt) holding tables, for the PDF table fixtures (see make.sh).
One paragraph a source line, justified; consecutive lines holding tabs are one table, a tab between
its cells (each column as wide as the table's width over the number of columns); a line `<<page>>`
starts a new page; a line `<<narrow>>` makes the next table 7 cm wide, so that a long cell wraps
over several lines inside its cell. A4 pages, WenQuanYi Zen Hei 10.5 pt, the title as a running
header and "— N —" as the footer, as make_fodt.py writes them.

usage: make_table.py SOURCE OUT.fodt
"""
import sys
from xml.sax.saxutils import escape

src, out = sys.argv[1], sys.argv[2]
lines = open(src, encoding="utf-8").read().rstrip("\n").split("\n")
title = lines[0]
body, table, page, narrow, n = [], [], False, False, 0


def flush():
    global table, narrow, n
    if not table:
        return
    n += 1
    cols = max(len(r) for r in table)
    style = "Narrow" if narrow else "Wide"
    rows = "".join(
        "<table:table-row>"
        + "".join(
            '<table:table-cell table:style-name="Cell" office:value-type="string">'
            f'<text:p text:style-name="CellText">{escape(c)}</text:p></table:table-cell>'
            for c in r + [""] * (cols - len(r))
        )
        + "</table:table-row>"
        for r in table
    )
    body.append(
        f'<table:table table:name="T{n}" table:style-name="{style}">'
        f'<table:table-column table:style-name="{style}Col" table:number-columns-repeated="{cols}"/>'
        f"{rows}</table:table>"
    )
    table, narrow = [], False


for line in lines:
    if line == "<<page>>":
        flush()
        page = True
    elif line == "<<narrow>>":
        flush()
        narrow = True
    elif "\t" in line:
        table.append(line.split("\t"))
    else:
        flush()
        style = "BodyPage" if page else "Body"
        page = False
        body.append(f'<text:p text:style-name="{style}">{escape(line)}</text:p>')
flush()

doc = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="Doc" svg:font-family="'WenQuanYi Zen Hei'"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:text-properties style:font-name="Doc" style:font-name-asian="Doc" fo:font-size="10.5pt"
   style:font-size-asian="10.5pt" fo:language="zh" fo:country="CN" style:language-asian="zh"
   style:country-asian="CN"/>
 </style:default-style>
 <style:style style:name="Body" style:family="paragraph">
  <style:paragraph-properties fo:text-align="justify" fo:line-height="100%"/>
 </style:style>
 <style:style style:name="CellText" style:family="paragraph"/>
 <style:style style:name="Header" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center"/>
 </style:style>
 <style:style style:name="Footer" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:style style:name="BodyPage" style:family="paragraph" style:parent-style-name="Body">
  <style:paragraph-properties fo:break-before="page"/>
 </style:style>
 <style:style style:name="Wide" style:family="table">
  <style:table-properties style:width="15.6cm" table:align="left"/>
 </style:style>
 <style:style style:name="WideCol" style:family="table-column">
  <style:table-column-properties style:column-width="5.2cm"/>
 </style:style>
 <style:style style:name="Narrow" style:family="table">
  <style:table-properties style:width="7cm" table:align="left"/>
 </style:style>
 <style:style style:name="NarrowCol" style:family="table-column">
  <style:table-column-properties style:column-width="3.5cm"/>
 </style:style>
 <style:style style:name="Cell" style:family="table-cell">
  <style:table-cell-properties fo:padding="0.1cm" fo:border="0.5pt solid #000000"/>
 </style:style>
 <style:page-layout style:name="A4">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.5cm"
   fo:margin-bottom="1.5cm" fo:margin-left="2.8cm" fo:margin-right="2.6cm"/>
  <style:header-style><style:header-footer-properties fo:min-height="0.8cm" fo:margin-bottom="0.4cm"/></style:header-style>
  <style:footer-style><style:header-footer-properties fo:min-height="0.8cm" fo:margin-top="0.4cm"/></style:footer-style>
 </style:page-layout>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="A4">
  <style:header><text:p text:style-name="Header">{escape(title)}</text:p></style:header>
  <style:footer><text:p text:style-name="Footer">— <text:page-number text:select-page="current">1</text:page-number> —</text:p></style:footer>
 </style:master-page>
</office:master-styles>
<office:body><office:text>
{chr(10).join(body)}
</office:text></office:body>
</office:document>
"""
open(out, "w", encoding="utf-8").write(doc)
