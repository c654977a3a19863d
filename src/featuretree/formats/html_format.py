"""The 功能结构图 as one self-contained web page (``.html``), something a PM mails around.

The picture is the SVG of :mod:`.svg_format`, inline; a small inline script (no network:
no CDN, no web fonts) pans it (drag), zooms it (wheel, or the + / − / fit buttons),
folds and unfolds a subtree (the round toggle under a box), and shows a clicked box's
notes, tags, links, change log and suggestions beside it. Below, the whole document's
suggestions table (优化建议), as in the PRD export. The node details travel as JSON in a
``<script type="application/json">`` block, escaped so that no user text can close it.

Writer only, like the SVG: featuretree cannot open a page again. Deterministic output.
"""

from __future__ import annotations

import html
import json
from collections.abc import Collection

from featuretree.formats.prd import PATH_SEPARATOR, document_language, suggestion_rows
from featuretree.formats.svg_format import (
    picture_layout,
    svg_document,
)
from featuretree.i18n import text_in
from featuretree.model.document import Document
from featuretree.model.layout import Direction
from featuretree.model.node import FeatureNode

__all__ = ["write_html"]

_STYLE = """
body{margin:0;font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;
color:#1f2933;background:#f6f7f9}
header{padding:12px 20px;background:#fff;border-bottom:1px solid #dde1e6}
header h1{font-size:20px;margin:0}
header p{margin:4px 0 0;color:#5b6b7f;font-size:13px}
main{display:flex;height:70vh;min-height:360px}
#view{flex:1;overflow:hidden;position:relative;background:#fff;cursor:grab;
border-bottom:1px solid #dde1e6}
#view.dragging{cursor:grabbing}
#view svg{width:100%;height:100%;display:block}
#tools{position:absolute;right:12px;top:12px;display:flex;gap:4px}
#tools button{width:32px;height:32px;font-size:16px;border:1px solid #c5ccd6;
background:#fff;border-radius:6px;cursor:pointer}
#details{width:340px;overflow:auto;padding:12px 16px;background:#fff;
border-left:1px solid #dde1e6;font-size:14px}
#details h2{font-size:16px;margin:0 0 8px}
#details h3{font-size:13px;color:#5b6b7f;margin:14px 0 4px}
#details ul{padding-left:18px;margin:4px 0}
#details .empty{color:#9aa5b1}
#details .notes{white-space:pre-wrap}
g.node{cursor:pointer}
g.node.selected rect{stroke:#1a73e8;stroke-width:3}
g.toggle{cursor:pointer}
section{padding:12px 20px 32px}
section h2{font-size:16px}
table{border-collapse:collapse;background:#fff;font-size:13px;width:100%}
th,td{border:1px solid #dde1e6;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#eef1f5}
"""

_SCRIPT = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("ft-data").textContent);
  var labels = data.labels;
  var svg = document.querySelector("#view svg");
  var base = svg.viewBox.baseVal;  // live: copy the picture's own size before zooming
  var full = {x: base.x, y: base.y, width: base.width, height: base.height};
  var box = {x: full.x, y: full.y, w: full.width, h: full.height};
  function apply() {
    svg.setAttribute("viewBox", box.x + " " + box.y + " " + box.w + " " + box.h);
  }
  function zoom(factor, cx, cy) {
    var nw = Math.min(Math.max(box.w * factor, 40), full.width * 20);
    var k = nw / box.w;
    box.x = cx - (cx - box.x) * k;
    box.y = cy - (cy - box.y) * k;
    box.w = nw;
    box.h = box.h * k;
    apply();
  }
  function toSvg(evt) {
    var r = svg.getBoundingClientRect();
    var scale = Math.max(box.w / r.width, box.h / r.height);
    var offX = (r.width * scale - box.w) / 2, offY = (r.height * scale - box.h) / 2;
    return {x: box.x - offX + (evt.clientX - r.left) * scale,
            y: box.y - offY + (evt.clientY - r.top) * scale, scale: scale};
  }
  function fit() {
    box = {x: full.x, y: full.y, w: full.width, h: full.height};
    apply();
  }
  svg.addEventListener("wheel", function (evt) {
    evt.preventDefault();
    var p = toSvg(evt);
    zoom(evt.deltaY > 0 ? 1.15 : 1 / 1.15, p.x, p.y);
  }, {passive: false});
  var view = document.getElementById("view");
  var drag = null, moved = false;
  view.addEventListener("mousedown", function (evt) {
    drag = {x: evt.clientX, y: evt.clientY, bx: box.x, by: box.y, s: toSvg(evt).scale};
    moved = false;
  });
  window.addEventListener("mousemove", function (evt) {
    if (!drag) return;
    var dx = evt.clientX - drag.x, dy = evt.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) { moved = true; view.classList.add("dragging"); }
    box.x = drag.bx - dx * drag.s;
    box.y = drag.by - dy * drag.s;
    apply();
  });
  window.addEventListener("mouseup", function () { drag = null; view.classList.remove("dragging"); });
  document.getElementById("zoom-in").onclick = function () {
    zoom(1 / 1.3, box.x + box.w / 2, box.y + box.h / 2);
  };
  document.getElementById("zoom-out").onclick = function () {
    zoom(1.3, box.x + box.w / 2, box.y + box.h / 2);
  };
  document.getElementById("zoom-fit").onclick = fit;

  var groups = {}, edges = {};
  svg.querySelectorAll("g.node").forEach(function (g) { groups[g.getAttribute("data-id")] = g; });
  svg.querySelectorAll("path[data-child]").forEach(function (p) { edges[p.getAttribute("data-child")] = p; });
  var folded = {};
  function setHidden(id, hidden) {
    var stack = (data.nodes[id].kids || []).slice();
    while (stack.length) {
      var kid = stack.pop();
      if (groups[kid]) groups[kid].style.display = hidden ? "none" : "";
      if (edges[kid]) edges[kid].style.display = hidden ? "none" : "";
      if (toggles[kid]) toggles[kid].style.display = hidden ? "none" : "";
      if (!hidden && folded[kid]) continue;  // a folded subtree stays folded inside
      (data.nodes[kid].kids || []).forEach(function (k) { stack.push(k); });
    }
  }
  var NS = "http://www.w3.org/2000/svg";
  var toggles = {};
  Object.keys(groups).forEach(function (id) {
    var kids = (data.nodes[id].kids || []).filter(function (k) { return groups[k]; });
    if (!kids.length) return;
    var rect = groups[id].querySelector("rect");
    var x = +rect.getAttribute("x"), y = +rect.getAttribute("y");
    var w = +rect.getAttribute("width"), h = +rect.getAttribute("height");
    var cx = data.direction === "right" ? x + w : x + w / 2;
    var cy = data.direction === "right" ? y + h / 2 : y + h;
    var t = document.createElementNS(NS, "g");
    t.setAttribute("class", "toggle");
    t.setAttribute("data-for", id);
    var c = document.createElementNS(NS, "circle");
    c.setAttribute("cx", cx); c.setAttribute("cy", cy); c.setAttribute("r", 7);
    c.setAttribute("fill", "#fff"); c.setAttribute("stroke", "#5b6b7f");
    var s = document.createElementNS(NS, "text");
    s.setAttribute("x", cx); s.setAttribute("y", cy + 4); s.setAttribute("font-size", 12);
    s.setAttribute("text-anchor", "middle"); s.setAttribute("fill", "#5b6b7f");
    s.textContent = "\u2212";
    t.appendChild(c); t.appendChild(s);
    groups[id].parentNode.appendChild(t);
    toggles[id] = t;
    t.addEventListener("click", function (evt) {
      evt.stopPropagation();
      if (moved) return;
      folded[id] = !folded[id];
      s.textContent = folded[id] ? "+" : "\u2212";
      setHidden(id, folded[id]);
    });
  });

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function list(title, items, render) {
    var out = document.createDocumentFragment();
    out.appendChild(el("h3", title));
    if (!items || !items.length) { out.appendChild(el("p", labels.none, "empty")); return out; }
    var ul = el("ul");
    items.forEach(function (item) { ul.appendChild(render(item)); });
    out.appendChild(ul);
    return out;
  }
  var panel = document.getElementById("details");
  var selected = null;
  function show(id) {
    var n = data.nodes[id];
    if (selected) selected.classList.remove("selected");
    selected = groups[id];
    if (selected) selected.classList.add("selected");
    panel.textContent = "";
    panel.appendChild(n.title ? el("h2", n.title) : el("h2", labels.untitled, "empty"));
    panel.appendChild(el("p", n.path + " \u00b7 " + n.status, "empty"));
    if (n.tags.length) panel.appendChild(el("p", "# " + n.tags.join("  # ")));
    panel.appendChild(el("h3", labels.notes));
    panel.appendChild(n.notes ? el("div", n.notes, "notes") : el("p", labels.none, "empty"));
    if (n.links.length) {
      panel.appendChild(list(labels.links, n.links, function (l) {
        var li = el("li"), a = el("a", l.title || l.url);
        a.href = /^(https?:|mailto:)/i.test(l.url) ? l.url : "#";
        a.rel = "noopener noreferrer";
        li.appendChild(a);
        return li;
      }));
    }
    panel.appendChild(list(labels.changelog, n.changelog, function (c) {
      return el("li", [c.version, c.date, c.author].filter(Boolean).join(" \u00b7 ") + "\uff1a" + c.summary);
    }));
    panel.appendChild(list(labels.suggestions, n.suggestions, function (s) {
      var li = el("li", s.priority + " \u00b7 " + s.status + "\uff1a" + s.text);
      if (s.rationale) li.appendChild(el("div", s.rationale, "empty"));
      return li;
    }));
  }
  Object.keys(groups).forEach(function (id) {
    groups[id].addEventListener("click", function () { if (!moved) show(id); });
  });
  show(data.root);
  // A picture larger than the window opens at full size on its root, not shrunk to fit.
  var r = svg.getBoundingClientRect();
  if (r.width && (full.width > r.width || full.height > r.height)) {
    var rr = groups[data.root].querySelector("rect").getBoundingClientRect();
    var p = toSvg({clientX: rr.left + rr.width / 2, clientY: rr.top + rr.height / 2});
    box = {x: full.x, y: full.y, w: r.width, h: r.height};
    if (data.direction === "right") box.y = Math.max(full.y, p.y - r.height / 2);
    else box.x = Math.max(full.x, p.x - r.width / 2);
    apply();
  }
})();
"""


def _json_for_script(value: object) -> str:
    """JSON that cannot end its ``<script>`` element: ``<``, ``>`` and ``&`` are escaped."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def write_html(
    doc: Document,
    *,
    direction: Direction = "down",
    depth: int | None = None,
    stack: int = 1,
    folded: Collection[str | FeatureNode] = (),
    keep: Collection[str | FeatureNode] | None = None,
) -> bytes:
    """``doc`` as one web page: the picture (pan, zoom, fold, details) and its suggestions.

    Options as for :func:`featuretree.formats.svg_format.write_svg`.
    """
    language = document_language(doc)
    layout = picture_layout(
        doc, direction=direction, depth=depth, stack=stack, folded=folded, keep=keep
    )
    picture = svg_document(doc, layout, interactive=True)
    picture = picture.split("\n", 1)[1]  # no XML declaration inside HTML
    nodes: dict[str, dict[str, object]] = {}
    stack_nodes = [(doc.root, "")]
    while stack_nodes:
        node, parent_path = stack_nodes.pop()
        path = node.title if not parent_path else f"{parent_path}{PATH_SEPARATOR}{node.title}"
        nodes[node.id] = {
            "title": node.title,
            "path": path,
            "status": text_in(language, f"status.{node.status.value}"),
            "notes": node.notes,
            "tags": list(node.tags),
            "links": [{"title": link.title, "url": link.url} for link in node.links],
            "changelog": [
                {
                    "version": c.version or "",
                    "date": c.date.isoformat(),
                    "author": c.author or "",
                    "summary": c.summary,
                }
                for c in node.changelog
            ],
            "suggestions": [
                {
                    "priority": s.priority.value,
                    "status": text_in(language, f"sstatus.{s.status.value}"),
                    "text": s.text,
                    "rationale": s.rationale or "",
                }
                for s in node.suggestions
            ],
            "kids": [kid.id for kid in node.kids],
        }
        stack_nodes.extend((kid, path) for kid in reversed(node.kids))
    data = {
        "root": doc.root.id,
        "direction": direction,
        "nodes": nodes,
        "labels": {
            "notes": text_in(language, "detail.notes"),
            "links": text_in(language, "detail.links"),
            "changelog": text_in(language, "detail.changelog"),
            "suggestions": text_in(language, "detail.suggestions"),
            "none": "—",
            "untitled": text_in(language, "app.untitled_row"),
        },
    }
    title = doc.meta.title or doc.root.title
    esc = html.escape
    meta_bits = [
        bit
        for bit in (doc.meta.product, doc.meta.platform, doc.meta.app_version, doc.meta.author)
        if bit
    ]
    rows = suggestion_rows(doc.iter_suggestions(), language)
    columns = ("path", "priority", "status", "text", "author", "date")
    out = [
        "<!DOCTYPE html>\n",
        f'<html lang="{"zh-CN" if language == "zh" else "en"}">\n<head>\n<meta charset="utf-8">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f"<title>{esc(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n",
        f"<header><h1>{esc(title)}</h1>",
        f"<p>{esc(' · '.join(meta_bits))}</p>" if meta_bits else "",
        '</header>\n<main>\n<div id="view">\n',
        picture,
        '<div id="tools"><button id="zoom-in" title="+">+</button>'
        '<button id="zoom-out" title="−">−</button>'
        '<button id="zoom-fit" title="fit">⤢</button></div>\n</div>\n',
        '<aside id="details"></aside>\n</main>\n<section>\n',
        f"<h2>{esc(text_in(language, 'prd.suggestions_caption'))}</h2>\n",
    ]
    if rows:
        out.append("<table>\n<thead><tr>")
        out.extend(f"<th>{esc(text_in(language, f'prd.col.{name}'))}</th>" for name in columns)
        out.append("</tr></thead>\n<tbody>\n")
        for row in rows:
            out.append(
                "<tr>" + "".join(f"<td>{esc(cell)}</td>" for cell in row.cells()) + "</tr>\n"
            )
        out.append("</tbody>\n</table>\n")
    else:
        out.append(f"<p>{esc(text_in(language, 'prd.no_suggestions'))}</p>\n")
    out.extend(
        [
            "</section>\n",
            f'<script type="application/json" id="ft-data">{_json_for_script(data)}</script>\n',
            f"<script>{_SCRIPT}</script>\n</body>\n</html>\n",
        ]
    )
    return "".join(out).encode("utf-8")
