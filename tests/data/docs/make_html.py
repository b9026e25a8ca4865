#!/usr/bin/env python3
"""Wraps a corpus .txt in a government web page as such sites publish regulations: GB2312 declared,
GBK bytes, a top navigation bar, a breadcrumb, a side column of links, the article body in
<div class="TRS_Editor"> (one <p> a line, the notice's closing lines joined with <br>), print and
close links, and a footer with the site's registration numbers. Only the body is the document.

usage: make_html.py SOURCE.txt OUT.html
"""
import sys
from html import escape

src, out = sys.argv[1], sys.argv[2]
lines = [l.strip() for l in open(src, encoding="utf-8").read().split("\n")]
lines = [l for l in lines if l]
# The notice's signature and date share one paragraph, broken by <br>, as editors often paste them.
body = []
i = 0
while i < len(lines):
    l = lines[i]
    if l.endswith("人民政府") and i + 1 < len(lines) and lines[i + 1][:4].isdigit():
        body.append(f'<p style="text-align:right">{escape(l)}<br/>\n{escape(lines[i + 1])}</p>')
        i += 2
        continue
    if l.startswith("第") and "章" in l[:5]:
        body.append(f'<p style="text-align:center"><strong>{escape(l)}</strong></p>')
    else:
        body.append(f'<p style="text-indent:2em">{escape(l)}</p>')
    i += 1
nav = "".join(f'<li><a href="/col/{n}/index.html">{t}</a></li>' for n, t in enumerate(
    ["首页", "走进周村", "政务公开", "政务服务", "互动交流", "专题专栏", "政策文件", "政府信息公开"]))
side = "".join(f'<li><a href="/art/2022/{n}.html" title="{t}">{t}</a></li>' for n, t in enumerate([
    "淄博市周村区人民政府关于印发周村区国民经济和社会发展第十四个五年规划纲要的通知",
    "淄博市周村区人民政府办公室关于进一步加强政务公开工作的通知",
    "周村区人民政府关于调整区政府领导同志工作分工的通知",
    "关于公布区政府部门权责清单的公告",
    "周村区重大行政决策程序规定",
]))
page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>淄博市周村区人民政府关于印发周村区人民政府工作规则的通知_政策文件_周村区人民政府</title>
<meta name="ArticleTitle" content="淄博市周村区人民政府关于印发周村区人民政府工作规则的通知" />
<style type="text/css">body{{font-family:"微软雅黑","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;}} .nav li{{float:left;}} .TRS_Editor p{{line-height:2;}}</style>
<script type="text/javascript">var siteName = "周村区人民政府"; function doZoom(s){{ /* 字号：大 中 小 */ }}</script>
</head>
<body>
<div class="top"><img src="/images/logo.png" alt="周村区人民政府" /><span>无障碍浏览</span> <span>长者模式</span></div>
<ul class="nav">{nav}</ul>
<div class="main">
<div class="left"><h3>相关文章</h3><ul>{side}</ul></div>
<div class="right">
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/col/2/index.html">政务公开</a> &gt; <a href="/col/6/index.html">政策文件</a></div>
<h1 class="title">淄博市周村区人民政府关于印发周村区人民政府工作规则的通知</h1>
<div class="info">发布日期：2022-04-06&nbsp;&nbsp;来源：周村区人民政府办公室&nbsp;&nbsp;字号：[<a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a> <a href="javascript:doZoom(12)">小</a>]</div>
<div id="zoom" class="TRS_Editor">
{chr(10).join(body)}
</div>
<div class="tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
</div>
<div class="footer">
<p>主办单位：淄博市周村区人民政府办公室&nbsp;&nbsp;联系电话：0533-6422000</p>
<p>网站标识码：3703060001&nbsp;&nbsp;鲁ICP备05001234号&nbsp;&nbsp;鲁公网安备 37030602000123号</p>
</div>
</body>
</html>
"""
open(out, "wb").write(page.encode("gbk", errors="xmlcharrefreplace"))
