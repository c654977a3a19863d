"""``featuretree diff`` and ``featuretree merge``: versions of a document, as git sees them.

Both follow ``diff``'s exit statuses rather than the other commands': 0 equal (or merged
cleanly), 1 different (or merged with conflicts), 2 trouble (a broken file, documents of
different products, a file that cannot be written) — a one-line message, nothing written.

Git hands these commands files with no extension (``.merge_file_a1b2c3``), so a file
whose extension names no format is read as what its content looks like.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import NamedTuple

from rich.text import Text

from featuretree import formats
from featuretree.cli.common import (
    STDIO,
    UsageError,
    refuse_existing,
    report_warnings,
    stdout_console,
    stdout_holds_unicode,
    write_output,
)
from featuretree.formats.errors import FormatError
from featuretree.formats.prd import document_language
from featuretree.model.annotations import DocumentMeta, Revision
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.storage.atomic import WriteError, atomic_write, is_special
from featuretree.versions import ChangeKind, Conflict, Diff, UnrelatedError, diff, merge, report

NULL_FILE = os.devnull
"""What git names the missing side of an added or deleted file."""

GIT_ARGS = 7
"""``GIT_EXTERNAL_DIFF`` is run as ``path old-file old-hex old-mode new-file new-hex
new-mode`` (two more, the new path and a rename note, for a renamed file)."""

KIND_STYLE = {
    ChangeKind.ADDED: "green",
    ChangeKind.REMOVED: "red",
    ChangeKind.RENAMED: "yellow",
    ChangeKind.MOVED: "cyan",
    ChangeKind.REORDERED: "cyan",
    ChangeKind.CHANGE_ADDED: "green",
    ChangeKind.SUGGESTION_ADDED: "green",
    ChangeKind.REVISION_ADDED: "green",
    ChangeKind.CHANGE_REMOVED: "red",
    ChangeKind.SUGGESTION_REMOVED: "red",
    ChangeKind.REVISION_REMOVED: "red",
}
"""Colours in a terminal; other kinds are yellow (changed in place)."""


class _Trouble(Exception):
    """A one-line reason for exit status 2."""


def _format_of(path: str, fmt: str | None) -> str:
    """The format ``path`` is read as: ``fmt``, its extension's, or its content's."""
    if fmt:
        return fmt
    if path != STDIO:
        known = formats.for_path(path)
        if known is not None:
            return known.name
    return ""


def _load(path: str, fmt: str | None) -> tuple[Document, str]:
    """Read ``path`` (``-``: stdin), its format guessed from the content when its name
    does not say (git's temporary files); returns the document and the format name."""
    name = _format_of(path, fmt)
    if name and path != STDIO:
        return formats.load(path, name), name
    if path == STDIO:
        data = sys.stdin.buffer.read(formats.MAX_INPUT_BYTES + 1)
        source = "<stdin>"
    else:
        try:
            if os.path.getsize(path) > formats.MAX_INPUT_BYTES:
                raise FormatError("file too large (the limit is 512 MiB)", source=path)
            data = Path(path).read_bytes()
        except IsADirectoryError:
            raise FormatError("is a folder, not a file", source=path) from None
        except OSError as exc:
            raise FormatError(f"cannot read: {exc.strerror or exc}", source=path) from None
        source = path
    if len(data) > formats.MAX_INPUT_BYTES:
        raise FormatError("input too large (the limit is 512 MiB)", source=source)
    name = name or formats.sniff(data)
    return formats.loads(data, name, source=source), name


def _load_all(paths: list[str], fmt: str | None) -> list[tuple[Document, str]]:
    if sum(1 for p in paths if p == STDIO) > 1:
        raise UsageError("standard input (-) can be read only once")
    loaded = []
    for path in paths:
        try:
            doc, name = _load(path, fmt)
        except FormatError as exc:
            raise _Trouble(str(exc).splitlines()[0]) from None
        report_warnings(doc, limit=5)
        loaded.append((doc, name))
    return loaded


class _Holds(NamedTuple):
    """What a file of one format keeps of a document, beside its tree."""

    fields: frozenset[str]
    """The document-information fields it keeps."""
    revisions: bool
    ids: bool
    """Whether its nodes keep featuretree's ids (OPML and Mermaid make them up)."""


def _held(fmt_name: str) -> _Holds:
    """What a file of ``fmt_name`` keeps (XMind and FreeMind: no document information
    and no revisions; OPML the title and author, and no ids): found by writing a document
    that has them all and reading it back, as the save's loss check does. Everything
    for a format that keeps everything."""
    fmt = formats.by_name(fmt_name) if fmt_name else None
    every = _Holds(frozenset(DocumentMeta.model_fields), True, True)
    if fmt is None or fmt.lossless or not fmt.can_write:
        return every
    probe = Document(
        FeatureNode("产品", id="probe000"),
        meta=DocumentMeta(
            title="标题",
            product="产品",
            platform="iOS",
            app_version="1.0",
            author="作者",
            created=dt.date(2026, 1, 1),
            updated=dt.date(2026, 1, 2),
        ),
        revisions=[Revision(version="v1.0", date=dt.date(2026, 1, 1), summary="首版")],
    )
    try:
        back = fmt.reader(fmt.writer(probe))
    except FormatError:
        return every
    return _Holds(
        frozenset(f for f in every.fields if getattr(back.meta, f) == getattr(probe.meta, f)),
        back.revisions == probe.revisions,
        back.root.id == probe.root.id,
    )


def _with_unheld(doc: Document, fmt_name: str, source: Document) -> Document:
    """``doc`` read from a file of ``fmt_name``, with what that format cannot hold (the
    document information, the revision history) taken from ``source``.

    A colleague's XMind or FreeMind has no place for them, so their absence is not an
    edit: merged as one, it deleted the product, author and every revision of the PM's
    file without a conflict; diffed, it listed them as removed in the 修改记录.
    """
    holds = _held(fmt_name)
    # What the reader put in a field the format cannot hold is its own guess (FreeMind's
    # title is the root's), not a colleague's edit: the source's value stands.
    unheld = {
        f: getattr(source.meta, f) for f in DocumentMeta.model_fields if f not in holds.fields
    }
    if unheld:
        doc.meta = doc.meta.model_copy(update=unheld)
    if not holds.revisions:
        doc.revisions = tuple(source.revisions)
    return doc


def run_diff(args: argparse.Namespace) -> int:
    """Print what changed from OLD to NEW; 0 when nothing did, 1 when something did."""
    files: list[str] = args.files
    git = len(files) in (GIT_ARGS, GIT_ARGS + 2)
    if git:
        label, old_path, new_path = files[0], files[1], files[4]
    elif len(files) == 2:
        label, (old_path, new_path) = "", files
    else:
        raise UsageError(
            f"diff needs OLD and NEW (or git's {GIT_ARGS} external-diff arguments); "
            f"got {len(files)} {'file' if len(files) == 1 else 'files'}"
        )
    try:
        status = _diff(args, label, old_path, new_path)
    except _Trouble as exc:
        if git:
            # git stops every later file's diff at an external diff that fails ("fatal:
            # external diff died"): the trouble is said in the diff's place instead.
            print(f"featuretree diff {label}: cannot compare: {exc}")
            return 0
        print(f"featuretree diff: {exc}", file=sys.stderr)
        return 2
    # git stops at the first external diff that exits non-zero: "different" is 0 there.
    return 0 if git else status


def _diff(args: argparse.Namespace, label: str, old_path: str, new_path: str) -> int:
    if NULL_FILE in (old_path, new_path):  # git: the file was added or deleted
        ((doc, _),) = _load_all([new_path if old_path == NULL_FILE else old_path], args.from_format)
        word = "added" if old_path == NULL_FILE else "deleted"
        print(f"featuretree: {label or doc.root.title}: {word} ({len(doc)} nodes)")
        return 1
    (old, old_format), (new, new_format) = _load_all([old_path, new_path], args.from_format)
    new = _with_unheld(new, new_format, old)
    old = _with_unheld(old, old_format, new)
    try:
        result = diff(old, new)
    except UnrelatedError as exc:
        raise _Trouble(f"{old_path} and {new_path}: {exc}") from None
    language = document_language(new)
    out = args.output or STDIO
    if out != STDIO and not label:
        # A file for the team: UTF-8 whatever a shell's > writes (Windows PowerShell's is
        # UTF-16), atomic, an existing one replaced only with --force (kept as OUT~).
        text = _report_text(args.report_format, result, language, (old, new), ascii=False)
        try:
            write_output(out, text.encode("utf-8"), fmt=_TEXT_FILE, force=args.force)
        except WriteError as exc:
            raise _Trouble(exc.args[0] if exc.args else str(exc)) from None
        print(f"wrote {out}", file=sys.stderr)
    elif args.report_format in ("json", "md"):
        ascii_only = not stdout_holds_unicode()
        sys.stdout.write(
            _report_text(args.report_format, result, language, (old, new), ascii=ascii_only)
        )
    else:
        _print_text(result, language, label)
    return 0 if result.equal else 1


_TEXT_FILE = formats.Format("text", "text", ())
"""What ``write_output`` is told the report is: a text file (not binary)."""


def _report_text(
    kind: str, result: Diff, language: str, docs: tuple[Document, Document], *, ascii: bool
) -> str:
    """The changes as ``kind`` (json, md or text) says them, ending with a newline;
    ``ascii``: JSON's non-ASCII text as escapes (a stdout that cannot hold it)."""
    if kind == "json":
        return json.dumps(report.as_json(result), ensure_ascii=ascii, indent=2) + "\n"
    if kind == "md":
        versions = (_version(docs[0]), _version(docs[1]))
        title = " → ".join(v for v in versions if v) if versions[0] != versions[1] else ""
        return report.markdown(result, language, title=title)
    lines = [line for _, line in report.text_lines(result, language)]
    return "".join(line + "\n" for line in [*lines, report.summary(result, language)])


def _version(doc: Document) -> str:
    """The version a document calls itself: its last revision's, else its app version."""
    return doc.revisions[-1].version if doc.revisions else doc.meta.app_version


def _print_text(result: Diff, language: str, label: str) -> None:
    console = stdout_console()
    lines = report.text_lines(result, language)
    head = f"featuretree diff {label}" if label else ""
    if not console.is_terminal:
        write = sys.stdout.write
        if head:
            write(head + "\n")
        for _, line in lines:
            write(line + "\n")
        write(report.summary(result, language) + "\n")
        return
    if head:
        console.print(Text(head, style="bold"), soft_wrap=True)
    for change, line in lines:
        console.print(Text(line, style=KIND_STYLE.get(change.kind, "yellow")), soft_wrap=True)
    console.print(Text(report.summary(result, language), style="bold"), soft_wrap=True)


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def run_merge(args: argparse.Namespace) -> int:
    """Merge BASE, OURS and THEIRS; 0 clean, 1 conflicts, 2 trouble."""
    out = args.output or STDIO
    over_ours = out != STDIO and _same_file(out, args.ours)
    try:
        if not over_ours:
            refuse_existing(out, args.force)
        loaded = _load_all([args.base, args.ours, args.theirs], args.from_format)
        (base, _), (ours, ours_format), (theirs, theirs_format) = loaded
        ours = _with_unheld(ours, ours_format, base)
        theirs = _with_unheld(theirs, theirs_format, base)
        fmt_name = ours_format
        if out != STDIO and not is_special(out):
            known = formats.for_path(out)
            fmt_name = known.name if known is not None else ours_format
        fmt = formats.resolve(None, fmt_name, writing=True)
        try:
            result = merge(base, ours, theirs)
        except UnrelatedError as exc:
            raise _Trouble(_unrelated(exc, loaded, [args.base, args.ours, args.theirs])) from None
        data = formats.dumps(result.document, fmt.name)
        if over_ours:
            # A git merge driver writes the result over %A (OURS) by contract; OURS was
            # read above, so nothing is lost, and no OUT~ is left in git's way.
            atomic_write(out, data)
        else:
            write_output(out, data, fmt=fmt, force=args.force)
    except (_Trouble, WriteError, FormatError) as exc:
        message = exc.args[0] if exc.args else str(exc)
        print(f"featuretree merge: {str(message).splitlines()[0]}", file=sys.stderr)
        return 2
    for conflict in result.conflicts:
        print(f"featuretree merge: {_conflict_line(conflict)}", file=sys.stderr)
    if result.conflicts:
        count = len(result.conflicts)
        tagged = any(conflict.node_id is not None for conflict in result.conflicts)
        print(
            f"featuretree merge: {count} conflict{'s' if count != 1 else ''} decided"
            + (
                "; the nodes are tagged `conflict` (find them with f, tag:conflict)"
                if tagged
                else ""
            ),
            file=sys.stderr,
        )
        return 1
    return 0


def _unrelated(exc: UnrelatedError, loaded: list[tuple[Document, str]], paths: list[str]) -> str:
    """Why the three files do not merge; when one is of a format that keeps no node ids,
    that is why (a merge matches nodes by id), not "their roots are not the same node"
    about two roots of the same title."""
    for (_, fmt_name), path in zip(loaded, paths):
        if not _held(fmt_name).ids:
            fmt = formats.by_name(fmt_name)
            label = fmt.label if fmt is not None else fmt_name
            return (
                f"{path} is {label}, which keeps no node ids, and merge matches nodes by id: "
                "ask for the file as featuretree JSON, Markdown, XMind or FreeMind (or "
                "compare it with featuretree diff, which matches by path and title)"
            )
    return str(exc)


def _conflict_line(conflict: Conflict) -> str:
    where = conflict.path or "document"
    winner = conflict.winner.upper()
    loser = "THEIRS" if winner == "OURS" else "OURS"
    if conflict.what == "deleted":
        return f"CONFLICT {where}: deleted by {loser}, changed by {winner}: kept"
    if conflict.what == "revision_version":
        return (
            f"CONFLICT document: {conflict.other} revisions are named {conflict.kept} (each "
            "side wrote one): all kept; give one a new number in the document's revisions"
        )
    if conflict.other is None:
        return f"CONFLICT {where}: {conflict.what} deleted by {loser}, changed by {winner}: kept"
    return (
        f"CONFLICT {where}: {conflict.what}: kept {winner}'s {_short(conflict.kept)}, "
        f"{loser} had {_short(conflict.other)}"
    )


def _short(value: object) -> str:
    text = " ".join(str(getattr(value, "value", value)).split())
    return f"“{text if len(text) <= 60 else text[:59] + '…'}”"
