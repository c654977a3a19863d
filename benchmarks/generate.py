"""Generate large, realistic feature trees for benchmarks.

    python benchmarks/generate.py 100000 -o /tmp/big.json [--seed 1]

Other benchmarks import :func:`make_document`. Trees branch 5–12 ways down to at
most 8 levels, with Chinese titles, some notes, tags, statuses, change-log entries and
suggestions, so that reading and writing cost what they cost on real documents.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from featuretree.model import (
    ChangeEntry,
    Document,
    FeatureNode,
    FeatureStatus,
    Suggestion,
    ids,
)
from featuretree.model.annotations import DocumentMeta, Priority, Revision, SuggestionStatus
from featuretree.model.tree import attach

MAX_DEPTH = 8
_WORDS = (
    "首页",
    "推荐",
    "关注",
    "热榜",
    "视频",
    "会员",
    "消息",
    "我的",
    "设置",
    "搜索",
    "评论",
    "收藏",
    "分享",
    "支付",
    "订单",
    "入库",
    "出库",
    "盘点",
    "库位",
    "波次",
    "拣货",
    "复核",
    "通知",
    "私信",
    "草稿",
    "创作",
    "数据",
    "权限",
    "策略",
    "报表",
)
_SUFFIX = ("管理", "列表", "详情", "入口", "设置", "流程", "弹窗", "引导", "配置", "记录")


def _title(rng: random.Random) -> str:
    return rng.choice(_WORDS) + rng.choice(_WORDS) + rng.choice(_SUFFIX)


def _annotate(node: FeatureNode, rng: random.Random, serial: int, every: bool = False) -> None:
    """Some annotations, each at its own rate; ``every``: all of them on every node."""
    if every or rng.random() < 0.15:
        node.notes = f"{_title(rng)}：说明第 {serial} 条。\n第二行备注，含 English words。"
    if every or rng.random() < 0.1:
        node.tags = (rng.choice(("主链路", "P0", "实验", "待评审")),)
    node.status = rng.choices(list(FeatureStatus), weights=(85, 6, 6, 3))[0]
    if every and node.status is FeatureStatus.EXISTING:
        node.status = FeatureStatus.CHANGED
    if every or rng.random() < 0.08:
        node.changelog = tuple(
            ChangeEntry(
                version=f"v{rng.randint(1, 12)}.{rng.randint(0, 9)}",
                date=dt.date(2026, rng.randint(1, 12), rng.randint(1, 28)),
                author=rng.choice(("林晓", "陈一鸣", None)),
                summary=f"调整{_title(rng)}的交互",
            )
            for _ in range(rng.randint(1, 3))
        )
    if every or rng.random() < 0.05:
        node.suggestions = tuple(
            Suggestion(
                id=f"s{serial}x{k}",
                text=f"优化{_title(rng)}",
                rationale="用户反馈集中在此处",
                priority=rng.choice(list(Priority)),
                status=rng.choice(list(SuggestionStatus)),
                created=dt.date(2026, rng.randint(1, 12), rng.randint(1, 28)),
            )
            for k in range(rng.randint(1, 2))
        )


def make_document(n: int, seed: int = 0, annotate_all: bool = False) -> Document:
    """A document of exactly ``n`` nodes, the same for the same ``(n, seed)``.

    ``annotate_all``: every node has notes, a tag, a status, change-log entries and
    suggestions (the worst case for readers of the annotations).
    """
    rng = random.Random(seed)
    ids.seed(seed)
    taken: set[str] = set()

    def new_node(serial: int) -> FeatureNode:
        node_id = ids.new_id(taken)
        taken.add(node_id)
        node = FeatureNode(_title(rng), id=node_id)
        _annotate(node, rng, serial, annotate_all)
        return node

    root = new_node(0)
    root.title = "大型产品功能结构图"
    count = 1
    # Breadth-first: every node gets 5–12 children until n is reached or depth runs out.
    frontier = [(root, 0)]
    while count < n and frontier:
        next_frontier = []
        for parent, depth in frontier:
            if count >= n:
                break
            for _ in range(min(rng.randint(5, 12), n - count)):
                child = new_node(count)
                attach(child, parent)
                count += 1
                if depth + 1 < MAX_DEPTH:
                    next_frontier.append((child, depth + 1))
        # The last level is only partly filled: spread it over the tree, not its left edge.
        rng.shuffle(next_frontier)
        frontier = next_frontier
    ids.seed(None)
    meta = DocumentMeta(title=f"基准测试 {n} 节点", product="Benchmark", author="generate.py")
    revisions = [Revision(version="v1.0", date=dt.date(2026, 1, 1), summary="生成")]
    return Document(root, meta=meta, revisions=revisions)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("nodes", type=int, help="how many nodes")
    parser.add_argument(
        "-o", "--output", required=True, help="file to write (format from extension)"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--annotate-all", action="store_true", help="annotate every node")
    args = parser.parse_args()
    from featuretree import formats

    doc = make_document(args.nodes, args.seed, args.annotate_all)
    formats.save(doc, args.output)
    print(f"wrote {args.output}: {len(doc)} nodes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
