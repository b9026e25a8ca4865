#!/usr/bin/env python3
"""Wraps a PNG in a flat ODT as one picture and no text, so that LibreOffice exports a PDF without a
text layer, as a scanner does. usage: make_scan.py IMAGE.png OUT.fodt"""
import base64
import sys

png = base64.b64encode(open(sys.argv[1], "rb").read()).decode()
open(sys.argv[2], "w", encoding="utf-8").write(f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:body><office:text><text:p><draw:frame draw:name="scan" text:anchor-type="as-char"
 svg:width="15cm" svg:height="3.5cm"><draw:image><office:binary-data>{png}</office:binary-data>
</draw:image></draw:frame></text:p></office:text></office:body></office:document>
""")
