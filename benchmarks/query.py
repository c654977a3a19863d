"""Search and filter timings on generated documents (1k, 10k, 100k nodes, CJK titles).

Run: /work/venv/bin/python benchmarks/query.py
Prints the median of several runs per operation; the first search pays for the
normalization cache (shown separately as "cold"). The rows "… (index)" are what the
editor runs: a :class:`~featuretree.model.search.SearchIndex` built once (in slices
between keys), a grown query narrowing the previous matches, a filter over the index;
"floor" is a list comprehension over as many integers as there are nodes.
"""

from __future__ import annotations

import random
import statistics
import time

from featuretree.model import Document, FeatureNode, Suggestion
from featuretree.model.annotations import Priority, SuggestionStatus
from featuretree.model.query import _norm_cached, filter_keep, filter_nodes, parse_filter, search
from featuretree.model.search import Matches, SearchIndex
from featuretree.model.tree import attach

WORDS = [
    "首页",
    "推荐",
    "关注",
    "热榜",
    "会员",
    "续费",
    "消息",
    "私信",
    "设置",
    "账号",
    "安全",
    "发布",
    "回答",
    "文章",
    "视频",
    "搜索",
    "评论",
    "点赞",
    "收藏",
    "分享",
]


def build(n: int, seed: int = 1) -> Document:
    """A tree of ``n`` nodes, branching 5–12, CJK titles, one suggestion on every 5th node."""
    rng = random.Random(seed)
    root = FeatureNode("产品", id="n0")
    frontier = [root]
    count = 1
    while count < n:
        parent = frontier.pop(0)
        for _ in range(rng.randint(5, 12)):
            if count >= n:
                break
            title = "".join(rng.sample(WORDS, 2)) + f" {count}"
            suggestions = ()
            if count % 5 == 0:
                suggestions = (
                    Suggestion(
                        id=f"s{count}",
                        text="优化" + rng.choice(WORDS),
                        priority=rng.choice(list(Priority)),
                        status=rng.choice(list(SuggestionStatus)),
                    ),
                )
            node = FeatureNode(
                title,
                id=f"n{count}",
                notes="说明 " * (count % 3),
                tags=(rng.choice(WORDS),),
                suggestions=suggestions,
            )
            attach(node, parent)
            frontier.append(node)
            count += 1
    return Document(root)


def timed(fn, repeat: int = 7) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs) * 1000


def main() -> None:
    print(f"{'nodes':>7} {'op':<34} {'ms (median)':>12}")
    for n in (1_000, 10_000, 100_000):
        doc = build(n)
        _norm_cached.cache_clear()
        start = time.perf_counter()
        search(doc, "会员")
        cold = (time.perf_counter() - start) * 1000
        print(f"{n:>7} {'search 会员 (cold cache)':<34} {cold:>12.1f}")
        for label, fn in [
            ("search 会员", lambda: search(doc, "会员")),
            ("search 'zz' (no match)", lambda: search(doc, "zz")),
            ("parse_filter", lambda: parse_filter("priority:P0,P1 status:open tag:会员 -#私信")),
            (
                "filter priority:P0 status:open",
                lambda: filter_nodes(doc, parse_filter("priority:P0 status:open")),
            ),
            ("filter tag:会员", lambda: filter_nodes(doc, parse_filter("tag:会员"))),
            ("filter 续费 -has:notes", lambda: filter_nodes(doc, parse_filter("续费 -has:notes"))),
        ]:
            print(f"{n:>7} {label:<34} {timed(fn):>12.1f}")
        index = SearchIndex(doc.root)
        index.build()
        first = Matches.from_index(doc, index, "会")
        for label, fn in [
            ("floor (range comprehension)", lambda: [i for i in range(n)]),
            ("index build (warm caches)", lambda: SearchIndex(doc.root).build()),
            ("search 会员 (index)", lambda: Matches.from_index(doc, index, "会员")),
            (
                "search 会 → 会员 (index, narrowed)",
                lambda: Matches.from_index(doc, index, "会员", first),
            ),
            ("search 'zz' (index)", lambda: Matches.from_index(doc, index, "zz")),
            (
                "filter priority:P0 status:open (index)",
                lambda: filter_keep(doc, parse_filter("priority:P0 status:open"), index),
            ),
            ("filter tag:会员 (index)", lambda: filter_keep(doc, parse_filter("tag:会员"), index)),
            (
                "filter 续费 -has:notes (index)",
                lambda: filter_keep(doc, parse_filter("续费 -has:notes"), index),
            ),
        ]:
            print(f"{n:>7} {label:<34} {timed(fn):>12.1f}")


if __name__ == "__main__":
    main()
