"""Command line: `awardie extract FILES|DIRS|-` (or `python -m awardie extract ...`).

Writes one JSON line per document: {"id", "extraction"} or {"id", "error"}.
`--records` prints the award records as a readable list instead.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Iterator, Optional, Sequence


def _inputs(paths: Sequence[str]) -> Iterator[tuple[str, Optional[str], Optional[str]]]:
    """(id, text, error) for every .txt file named or found in the folders given; '-' is stdin."""
    for p in paths:
        if p == "-":
            yield "stdin", sys.stdin.read(), None
            continue
        path = Path(p)
        files = sorted(path.glob("*.txt")) if path.is_dir() else [path]
        for f in files:
            try:
                yield f.stem, f.read_text(encoding="utf-8"), None
            except (OSError, UnicodeDecodeError) as exc:
                yield f.stem, None, f"{type(exc).__name__}: {exc}"


def _print_records(doc_id: str, ex) -> None:  # type: ignore[no-untyped-def]
    print(f"# {doc_id}: {len(ex.awards)} award records, {len(ex.metrics)} metrics, {len(ex.people)} people")
    for a in ex.awards:
        slots = {k: v for k, v in a.to_gold().items() if v not in (None, [], ()) and k not in ("winner", "award", "evidence")}
        print(f"  {a.winner} ← {a.award}" + (f"  {json.dumps(slots, ensure_ascii=False)}" if slots else ""))
    for m in ex.metrics:
        print(f"  metric {m.span.text!r} = {m.value:g} {m.unit}" + (f" ({m.property})" if m.property else ""))


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="awardie", description="Arabic information extraction for award news.")
    sub = ap.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract records from .txt files, folders of them, or '-' (stdin)")
    ex.add_argument("paths", nargs="+")
    ex.add_argument("--records", action="store_true", help="print award records readably instead of JSONL")
    ex.add_argument("--gold", action="store_true", help="write the gold JSONL shape (ANNOTATION.md)")
    args = ap.parse_args(argv)

    from .pipeline import Pipeline

    pipeline = Pipeline()
    failed = 0
    for doc_id, text, error in _inputs(args.paths):
        if error is None:
            try:
                result = pipeline.extract(text)  # type: ignore[arg-type]
            except Exception as exc:  # one bad document must not stop the batch
                error = f"{type(exc).__name__}: {exc}"
        if error is not None:
            failed += 1
            print(json.dumps({"id": doc_id, "error": error}, ensure_ascii=False))
        elif args.records:
            _print_records(doc_id, result)
        elif args.gold:
            print(result.to_json(gold=True, id=doc_id))
        else:
            print(json.dumps({"id": doc_id, "extraction": json.loads(result.to_json())}, ensure_ascii=False, sort_keys=True))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
