"""Helpers for driving the editor with real key presses (imported by the editor tests)."""

from __future__ import annotations

from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.tree import attach
from featuretree.tui import FeatureTreeApp
from featuretree.tui.screens.editor.screen import EditorScreen
from featuretree.tui.widgets.tree_view import TreeView

SIZE = (100, 30)


def small_document() -> Document:
    """App › (首页 › (搜索, 推荐), 消息, 我的) with fixed ids, to find nodes by name."""
    doc = Document.new("App")
    doc.root.id = "root"
    doc = Document(doc.root)
    shape = {
        "home": ("首页", "root"),
        "search": ("搜索", "home"),
        "feed": ("推荐", "home"),
        "msg": ("消息", "root"),
        "me": ("我的", "root"),
    }
    for node_id, (title, parent) in shape.items():
        attach(FeatureNode(title, id=node_id), doc.node(parent))
        doc.register(doc.node(parent))
    return doc


def editor(app: FeatureTreeApp) -> EditorScreen:
    """The app's editor screen."""
    screen = app.editor
    assert screen is not None
    return screen


def titles(screen: EditorScreen, node_id: str = "root") -> list[str]:
    """The titles of ``node_id``'s children in the model."""
    return [kid.title for kid in screen.doc.node(node_id).kids]


def screen_rows(app: FeatureTreeApp) -> list[str]:
    """The text of the tree view's visible rows, as drawn."""
    tree = app.screen.query_one(TreeView)
    return [tree.render_line(y).text.rstrip() for y in range(tree.size.height)]


def cursor_title(app: FeatureTreeApp) -> str:
    """The title of the node under the cursor."""
    return app.screen.query_one(TreeView).cursor_node.title


def put_cursor(app: FeatureTreeApp, node_id: str) -> None:
    """Move the cursor to a node (setup only: tests press keys for what they check)."""
    screen = editor(app)
    screen.tree.select(screen.doc.node(node_id))


async def burst(pilot, *keys: tuple[str, str | None]) -> None:
    """Keys that reach the app together, as a busy app or an IME commit delivers them
    (``pilot.press`` waits for the app between keys)."""
    from textual import events

    for key, character in keys:
        pilot.app.post_message(events.Key(key, character))
    await pilot.pause()
    await pilot.pause()


def members_document() -> Document:
    """1,241 nodes: 40 modules of 30 features, every third titled 会员N (the rest 首页 j), so
    a search or filter has many matches spread over the tree."""
    root = FeatureNode("产品", id="root")
    for i in range(40):
        module = FeatureNode(f"模块 {i}", id=f"m{i}")
        attach(module, root)
        for j in range(30):
            title = f"会员{i * 30 + j}" if j % 3 == 0 else f"首页 {j}"
            attach(FeatureNode(title, id=f"n{i}-{j}"), module)
    return Document(root)
