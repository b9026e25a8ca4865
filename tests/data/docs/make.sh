#!/bin/sh
# Regenerates the fixtures of tests/data/docs/. Made on Debian bookworm with libreoffice 7.4.7
# (libreoffice-writer), chromium 120+, fonts-wqy-microhei and fonts-noto-cjk. Run from the
# repository root:   sh tests/data/docs/make.sh
#
# - DOCX and PDF: each source (the five corpus/*.txt; three lawrefbook .md files copied here:
#   peishenyuan = 人民陪审员法(2018-04-27), peichang = 国家赔偿法(2012-10-26),
#   fazhi = 山东省法治宣传教育条例(2017-09-30)) is transcribed by make_fodt.py into a flat ODT (one
#   paragraph a source line, running header = the title, footer "— N —"); LibreOffice lays it out on
#   A4 pages and saves it as DOCX and as PDF. The five use WenQuanYi Micro Hei (LibreOffice embeds
#   TrueType subsets), the lawrefbook files Noto Serif CJK SC (CFF, embedded as Type 1 subsets);
#   every font gets a ToUnicode map.
# - zhoucun.html: make_html.py wraps corpus/zhoucun.txt in a government page, GBK bytes.
# - zhoucun-web.pdf: Chromium prints that page (Skia: Type 0 / CIDFontType2 fonts, Identity-H,
#   ToUnicode; its own running header with date and title, footer with URL and page/pages).
# - table.{docx,pdf}, table-wrapped.{docx,pdf}: make_table.py transcribes table.txt and
#   table-wrapped.txt (a line holding tabs is a table's row; `<<page>>` a page break, `<<narrow>>` a
#   7 cm table whose long cells wrap inside their cells) into flat ODTs in WenQuanYi Zen Hei 10.5 pt,
#   justified, single-spaced; LibreOffice saves them as DOCX and PDF (tests/pdf_tables.rs).
# - scan.pdf: Chromium screenshots two articles, make_scan.py puts the PNG in an ODT as a picture,
#   LibreOffice exports it: a PDF with no text layer.
set -eu
here=$(pwd)/tests/data/docs
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for name in lixia shizhong yanzhou zhoucun huancui; do
  python3 "$here/make_fodt.py" "corpus/$name.txt" "WenQuanYi Micro Hei" "$tmp/$name.fodt"
done
for name in peishenyuan peichang fazhi; do
  python3 "$here/make_fodt.py" "$here/$name.md" "Noto Serif CJK SC" "$tmp/$name.fodt"
done
(cd "$tmp" && soffice --headless --convert-to docx:"MS Word 2007 XML" ./*.fodt >/dev/null \
  && soffice --headless --convert-to pdf:writer_pdf_Export ./*.fodt >/dev/null)
cp "$tmp"/*.docx "$tmp"/*.pdf "$here/"

for name in table table-wrapped; do
  python3 "$here/make_table.py" "$here/$name.txt" "$tmp/$name.fodt"
  (cd "$tmp" && soffice --headless --convert-to docx:"MS Word 2007 XML" "$name.fodt" >/dev/null \
    && soffice --headless --convert-to pdf:writer_pdf_Export "$name.fodt" >/dev/null)
  cp "$tmp/$name.docx" "$tmp/$name.pdf" "$here/"
done

python3 "$here/make_html.py" corpus/zhoucun.txt "$here/zhoucun.html"
chromium --headless --no-sandbox --disable-gpu --print-to-pdf="$here/zhoucun-web.pdf" \
  "file://$here/zhoucun.html" >/dev/null 2>&1

printf '%s' '<html><body style="font-family:WenQuanYi Micro Hei;font-size:20px;width:560px">
<p>第一条 为了规范区政府工作，制定本规则。</p><p>第二条 区政府实行区长负责制。</p></body></html>' \
  > "$tmp/scan.html"
chromium --headless --no-sandbox --disable-gpu --window-size=600,140 \
  --screenshot="$tmp/scan.png" "file://$tmp/scan.html" >/dev/null 2>&1
python3 "$here/make_scan.py" "$tmp/scan.png" "$tmp/scan-img.fodt"
(cd "$tmp" && soffice --headless --convert-to pdf ./scan-img.fodt >/dev/null)
cp "$tmp/scan-img.pdf" "$here/scan.pdf"
