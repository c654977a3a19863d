"""Markdown (``.md``): a feature tree as a document for GitHub, wikis and markmap.

Writing
-------
The tree becomes headings for its top three levels and nested ``-`` lists below::

    # 知乎 <!-- id: k3x9a0qp -->

    > **文档信息**
    >
    > | 产品 | 平台 | App 版本 | 作者 |
    > | --- | --- | --- | --- |
    > | 知乎 | iOS | 9.0 | 张三 |
    >
    > **版本修订记录**
    >
    > | 版本 | 日期 | 作者 | 说明 |
    > | --- | --- | --- | --- |
    > | v1.0 | 2024-03-01 | 张三 | 初稿 |

    ## 首页 <!-- id: 9wq0c2rd -->

    ### 推荐 <!-- id: m1n2b3v4 -->

    > 状态: **修改** · 标签: `增长` `算法`
    >
    > 第一行备注\\
    > 第二行备注
    >
    > **修改记录**
    >
    > | 版本 | 日期 | 作者 | 说明 |
    > | --- | --- | --- | --- |
    > | 9.0 | 2024-03-01 | 张三 | 新增视频卡片 |
    >
    > **优化建议**
    >
    > - **P1** · 已采纳 — 支持不感兴趣反馈<!-- id: s0a1b2c3 -->\\
    >   理由: 减少重复推荐\\
    >   提出: 李四 · 2024-03-02

    - 视频卡片 <!-- id: x7y8z9w0 -->
      > 状态: **新增**
      - 自动播放 <!-- id: q1w2e3r4 -->

Conventions:

* Everything a node carries besides its title lives in ONE blockquote right under it:
  a status/tags line (``状态: **new** · 标签: `a` `b```, each left out when default or
  empty), the notes as paragraphs (hard line breaks inside, ``&nbsp;`` for each empty line
  a paragraph break cannot express), then the captioned ``**修改记录**`` table and
  ``**优化建议**`` list (``**P1** · 已采纳 — text``, then ``理由:`` and ``提出: author ·
  date`` lines; multi-line text uses ``<br>``). The root has a second blockquote before
  its own with ``**文档信息**`` (meta; ``文档标题`` only when it differs from the root
  title) and ``**版本修订记录**``. Labels and values are in the document's language
  (:func:`.language.document_language`, guessed from its titles): the Chinese shown here,
  or ``Status: **new** · Tags:``, ``**Change log**``, ``| Version | Date | Author |
  Summary |``, ``**Suggestions**`` (``**P1** · accepted — text``, ``Rationale:``,
  ``Proposed by:``), ``Links:``, ``**Document info**``, ``**Revision history**`` for an
  English one (:mod:`.markdown_labels`). The reader takes either set in any file.
* markmap (markmap-lib 0.18: markdown-it to HTML, then markmap-html-parser) turns
  headings, list items, tables and code blocks into nodes and skips blockquotes and
  paragraphs under headings, keeping one kind of child per heading (sub-headings, else
  tables/code, else lists). So annotations never become nodes, but those of the three
  heading levels are not shown at all, and a list item's quote is shown inside the
  item's own node, as a block of text. For a mind map, :func:`.markdown_writer.write_outline`
  (``--outline``) writes titles and structure only.
* A link whose text is part of the title (``[GitHub](url)``, ``[coc-markmap](url) for
  Neovim``, as markmap files have them) is written in the title, as a link, the node's
  links in their order: markmap shows no quote under a heading, so on a ``链接:`` line
  such a link would vanish from the map. Other links go on the ``链接:`` line.
* Ids travel in HTML comments (``<!-- id: ... -->``) that GitHub and markmap do not
  show, after titles and suggestion texts. A file without any (markmap, hand-written)
  gets ids made from each node's place and title (the same on every read) and is
  written back without id comments, so saving a colleague's file changes only the
  lines edited; featuretree JSON and the recovery copy keep the ids.
* A title or note is plain text, and is escaped so it reads literally everywhere
  (CommonMark, GFM): ``a*b*c``, ``1. 不是列表``, ``[注]`` stay text. The one exception
  is markmap's own syntax, which CommonMark reads as text anyway: a complete
  ``==mark==``, ``++ins++``, ``~sub~``, ``^sup^``, ``$math$`` or ``$$math$$`` (KaTeX's
  rule: :func:`.markdown_syntax.math_end`) and a title starting ``[ ] `` or ``[x] ``
  (markmap's checkbox) are written as they are, so a map read from markmap looks the
  same there after a round trip; math over several lines of notes too, when no line of
  it could start a block or lose a space. A lone or unmatched delimiter (``$5 到
  $10``, ``a==b``, ``约 ~100``) is escaped. Typed in featuretree, such a construct
  is drawn by markmap as well: the title is the same string either way. In table cells
  math holding ``|`` is escaped (the pipe would split the cell); the ``链接:`` line is
  escaped whole. Leading and trailing whitespace is written as character references.
  CJK is never escaped. (GitHub still draws ``:smile:`` as an emoji: its filter runs
  after Markdown.)
* A document read from Markdown keeps each node's form (``Document.carried``): a list
  item right under a heading (markmap pages) stays a list item, a ``####`` heading stays
  a heading, where Markdown allows it (a heading only under a heading, within six
  levels, and never after a list item of the same parent). A heading's notes read from
  paragraphs and blocks outside a quote are written so again while the node has nothing
  a quote must hold (status, tags, links off the title, change log, suggestions): markmap
  draws a table or code block there as a node of the map. Its front matter is written
  back as it was (markmap's options included), its ``title:`` following the root's
  title when it was the root's; a root that is the front matter's title gets no ``#``
  heading while it needs none (no annotations, several top-level nodes). Its numbered
  lists stay numbered (:func:`.markdown_writer.list_markers`): as written while a list
  holds the items read, in their order; else numbered again from its lowest number. Items
  under a numbered one are indented to its text (``1. `` three spaces, ``10. `` four), so
  that CommonMark nests them. Numbered lists are read by markdown-it (:mod:`markdown_lines`
  leaves them to it).
* List nesting is real indentation down to 16 list levels (tree depth 18); deeper items stay at that
  indentation and carry ``<!-- id: ..., depth: N -->`` (N = depth in the tree), so a
  5,000- or 100,000-level chain stays linear in size instead of quadratic. They keep a
  colleague's numbers there too: one flat list, a blank line before a number other than
  1 that starts a list in it; the reader takes a numbered item's place among the
  siblings it is put after.
* A numbered item that has to be written as a heading (after a heading of its parent)
  loses its number: :func:`carried_losses` counts it for the save question
  (``list_number``).

Reading
-------
Any Markdown outline: ATX/setext headings and list items (ordered or not) are nodes,
nested by heading level and list nesting (markmap's rules). A list item's first
paragraph is its title; inline markup becomes plain text (link text, code span text,
image alt text kept), but markmap's own syntax stays as written (``[x] 完成``,
``==重点==``, ``$E=mc^2$``: math is read as KaTeX reads it, so ``*``, ``_`` and
backslashes inside it are TeX, not Markdown). Paragraphs, code blocks, tables, other blockquotes and HTML under a
node become its notes. Front matter sets the document title (markmap's ``title:``) over a
top heading; over several top-level nodes it is the root's title, and the document has no
title of its own (``Document.title_is_root``: it follows a renamed root), as a file with
neither a front-matter title nor an info table has; the title is not repeated in an info
table when the front matter holds it.
One top-level node is the root (text above it joins its notes); several, or none, get a
root titled from the front matter (as markmap draws it), else "Untitled" — or, for
several opened from a file, the file's name (``Document.root_from_file_name``: markmap
draws an empty root there, so saving over the file is said to add one). Every id is checked: an invalid or
repeated one is replaced (``doc.warnings`` says so).

What is kept only as text is counted in ``Document.not_imported`` (the editor's and
the CLI's "Not imported: 2 tables (kept as text), 5 bold spans"): bold, italic and
strikethrough spans, code spans (their text stays, without backticks, as a reader sees
it rendered), images (the alt text stays), tags of display HTML (``<span>``: dropped,
their content kept), and indented code blocks, HTML blocks and tables without outer
pipes (kept as text in the notes). A fenced code block, or a table whose every row
starts with ``|``, is kept in the notes as written (fences, separator row, markup in
cells) and written back as it is, in the node's blockquote: nothing of it is lost. A ``<word>`` that is not display HTML (``支持 <video> 标签``) is the user's text
and stays. featuretree's own annotation markup (captions, status, tags, suggestions) is
read as such, never counted.

Speed: featuretree's own layout (headings, ``-`` items, one blockquote per node) is read
line by line (:mod:`markdown_lines`) with markdown-it only for inline runs that have
markup; any other text goes through markdown-it's token stream. Both give the same
document (tests/formats/test_markdown_lines.py).

Limits: markdown-it's block parser recurses once per container level, so lists/quotes
are read down to 99 nested levels (``markdown_reader.MAX_LIST_LEVELS``); deeper input is a clear
``FormatError``, never a truncated tree.
"""

from __future__ import annotations

from featuretree.formats.markdown_writer import write_markdown
from featuretree.model.document import Document


def read_markdown(data: bytes) -> Document:
    """Read a Markdown feature tree (see :func:`.markdown_reader.read_markdown`)."""
    # Imported on first use: markdown-it is ~40 ms of every start-up otherwise, and most
    # starts open a JSON file.
    from featuretree.formats.markdown_reader import read_markdown as read

    return read(data)


def carried_losses(doc: Document, back: Document) -> dict[str, int]:
    """What the file written lacks of what the reader carried (see
    :func:`.markdown_losses.carried_losses`); the save question names it."""
    from featuretree.formats.markdown_losses import carried_losses as compare

    return compare(doc, back)


__all__ = ["carried_losses", "read_markdown", "write_markdown"]
