#!/usr/bin/env python3
"""Writes a flat OpenDocument text (.fodt) from a corpus .txt or a lawrefbook .md file, one paragraph
per source line, on A4 pages with the title as a running header on every page and a "— N —" page
number as the footer, as Chinese government documents are printed. LibreOffice then lays it out and
saves it as DOCX and PDF (see make.sh); this script only transcribes the text.

usage: make_fodt.py SOURCE FONT OUT.fodt
"""
import re
import sys
from xml.sax.saxutils import escape

src, font, out = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(src, encoding="utf-8").read().replace("\r\n", "\n")
markdown = src.endswith(".md")
if markdown:
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)

lines = text.split("\n")
title = ""
for line in lines:
    s = line.strip().lstrip("#").strip()
    if s.endswith(("规则", "法", "条例", "规定", "办法")) and len(s) <= 40:
        title = s
        break


def para(line):
    style = "Body"
    if markdown and line.lstrip().startswith("#"):
        line = line.lstrip().lstrip("#").strip()
        style = "Heading"
    # Runs of ASCII spaces must be written as <text:s/> or ODF collapses them.
    body = escape(line).replace("\t", "<text:tab/>")
    body = re.sub(r" {2,}", lambda m: ' <text:s text:c="%d"/>' % (len(m.group()) - 1), body)
    if body.startswith(" "):
        body = "<text:s/>" + body[1:]
    return '<text:p text:style-name="%s">%s</text:p>' % (style, body)


paras = "\n".join(para(l) for l in lines)
doc = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="Doc" svg:font-family="'{font}'"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:text-properties style:font-name="Doc" style:font-name-asian="Doc" fo:font-size="14pt"
   style:font-size-asian="14pt" fo:language="zh" fo:country="CN" style:language-asian="zh"
   style:country-asian="CN"/>
 </style:default-style>
 <style:style style:name="Body" style:family="paragraph">
  <style:paragraph-properties fo:line-height="150%"/>
 </style:style>
 <style:style style:name="Heading" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center" fo:margin-top="0.3cm" fo:margin-bottom="0.3cm"/>
  <style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/>
 </style:style>
 <style:style style:name="Header" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center"/>
  <style:text-properties fo:font-size="10.5pt" style:font-size-asian="10.5pt"/>
 </style:style>
 <style:style style:name="Footer" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center"/>
  <style:text-properties fo:font-size="10.5pt" style:font-size-asian="10.5pt"/>
 </style:style>
</office:styles>
<office:automatic-styles>
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
{paras}
</office:text></office:body>
</office:document>
"""
open(out, "w", encoding="utf-8").write(doc)
