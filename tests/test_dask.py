"""awardie.dask on a real local cluster: two worker processes, every input back exactly once."""
from __future__ import annotations

from collections import Counter

import pytest

db = pytest.importorskip("dask.bag", reason="dask is not installed (pip install awardie[dask])")
distributed = pytest.importorskip("distributed", reason="dask.distributed is not installed (pip install awardie[dask])")

from awardie.dask import extract_bag, extract_partition  # noqa: E402

COMPANIES = ["الأمل", "النور", "الفجر", "الرواد", "المستقبل"]
AWARDS = ["الابتكار الصناعي", "التميز الحكومي", "الجودة", "الريادة"]


def _docs(n: int) -> list[tuple[str, str]]:
    return [(f"doc-{i:02d}", f"فازت شركة {COMPANIES[i % 5]} للتقنية بجائزة {AWARDS[i % 4]} لعام {2000 + i}.")
            for i in range(n)]


def _worker_pipelines() -> int:
    import awardie.dask

    return len(awardie.dask._pipelines)


def test_extract_partition_by_hand() -> None:
    rows = extract_partition(["فازت شركة النور بجائزة الجودة لعام 2019.", ("x", 42), {"id": "y", "text": ""}],
                             ner="none")
    assert rows[0]["id"] is None and rows[0]["extraction"]["awards"][0]["year"] == 2019
    assert rows[1] == {"id": "x", "error": rows[1]["error"], "type": "TypeError"}
    assert rows[2]["id"] == "y" and rows[2]["extraction"]["entities"] == []
    (gold,) = extract_partition([("z", "فازت شركة النور بجائزة الجودة.")], ner="none", gold=True)
    assert gold["id"] == "z" and gold["awards"][0]["winner"] == "شركة النور" and "text_sha256" in gold


def test_bag_on_local_cluster() -> None:
    docs = _docs(20)
    items = docs + [("poisoned", None)]
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None,
                                  silence_logs=40) as cluster, distributed.Client(cluster) as client:
        bag = db.from_sequence(items, npartitions=6)
        rows = extract_bag(bag, ner="none").compute()
        per_worker = client.run(_worker_pipelines)

    counts = Counter(r["id"] for r in rows)
    assert counts == Counter(doc_id for doc_id, _ in items)  # every input exactly once
    by_id = {r["id"]: r for r in rows}
    for i, (doc_id, text) in enumerate(docs):
        ex = by_id[doc_id]["extraction"]
        assert ex["text"] == text
        (award,) = ex["awards"]
        assert award["year"] == 2000 + i and award["winner"] == f"شركة {COMPANIES[i % 5]} للتقنية"
    assert by_id["poisoned"]["type"] == "TypeError" and "extraction" not in by_id["poisoned"]
    assert len(per_worker) == 2
    # one Pipeline per worker process that ran a partition, reused across its partitions
    assert all(n <= 1 for n in per_worker.values()) and sum(per_worker.values()) >= 1
