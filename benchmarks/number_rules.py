#!/usr/bin/env python3
"""Score the number rules (find_years, find_metrics) against gold YEAR and METRIC entities.

    python benchmarks/number_rules.py                  # ../shared/data/award_news/dev
    python benchmarks/number_rules.py --dev DIR        # any folder with gold.jsonl and <id>.txt
    python benchmarks/number_rules.py --errors         # also list misses and false alarms (offsets only)

Prints exact and overlap precision/recall/F1 per type, metric-record matching
(value, unit and overlapping span, as in ANNOTATION.md) and, for metrics whose
span overlaps a gold metric, the accuracy of value and unit; and the time per
document. Reads the texts from the shared data folder; copies none of them.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from awardie.rules.numbers import find_metrics, find_years, year_value  # noqa: E402
from awardie.text import normalise  # noqa: E402


def prf(tp_p: int, n_pred: int, tp_g: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_g / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_spans(pred: list[tuple[int, int]], gold: list[tuple[int, int]]) -> dict[str, tuple[int, int, int, int]]:
    ps, gs = set(pred), set(gold)
    exact = (len(ps & gs), len(ps), len(ps & gs), len(gs))
    tp_p = sum(1 for p in pred if any(overlaps(p, g) for g in gold))
    tp_g = sum(1 for g in gold if any(overlaps(p, g) for p in pred))
    return {"exact": exact, "overlap": (tp_p, len(pred), tp_g, len(gold))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", type=Path, default=ROOT.parent / "shared" / "data" / "award_news" / "dev")
    ap.add_argument("--errors", action="store_true", help="list misses and false alarms by document and offsets")
    args = ap.parse_args(argv)
    gold_path = args.dev / "gold.jsonl"
    if not gold_path.exists():
        print(f"no gold file at {gold_path}", file=sys.stderr)
        return 2
    docs = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]

    totals: dict[str, dict[str, list[int]]] = {t: {"exact": [0] * 4, "overlap": [0] * 4} for t in ("YEAR", "METRIC")}
    rec = [0, 0, 0, 0]  # metric records: tp_pred, n_pred, tp_gold, n_gold
    slot = {"value": [0, 0], "unit": [0, 0]}
    year_vals = [0, 0]
    elapsed = 0.0
    errors: list[str] = []
    find_metrics("تحميل القواعد: 5 جوائز عام 2015")  # load and compile the rules before timing
    for doc in docs:
        text = (args.dev / f"{doc['id']}.txt").read_text(encoding="utf-8")
        t0 = time.perf_counter()
        norm = normalise(text)
        years = find_years(text, norm=norm)
        metrics = find_metrics(text, norm=norm)
        elapsed += time.perf_counter() - t0

        pred = {"YEAR": [(e.start, e.end) for e in years], "METRIC": [(m.start, m.end) for m in metrics]}
        for typ in ("YEAR", "METRIC"):
            gold = [(e["start"], e["end"]) for e in doc["entities"] if e["type"] == typ]
            for mode, nums in score_spans(pred[typ], gold).items():
                for k in range(4):
                    totals[typ][mode][k] += nums[k]
            if args.errors:
                for g in gold:
                    if g not in pred[typ]:
                        hit = [p for p in pred[typ] if overlaps(p, g)]
                        errors.append(f"{doc['id']} {typ} miss {g} {'overlapped by ' + str(hit) if hit else ''}")
                for p in pred[typ]:
                    if not any(overlaps(p, g) for g in gold):
                        errors.append(f"{doc['id']} {typ} false {p}")

        # metric records: value, unit and overlapping span
        golds = []
        for m in doc.get("metrics", []):
            span = m.get("start"), m.get("end")
            if span[0] is None:
                ent = next((e for e in doc["entities"] if e["type"] == "METRIC" and e["text"] == m["text"]), None)
                span = (ent["start"], ent["end"]) if ent else (-1, -1)
            golds.append((span, float(m["value"]), m["unit"]))
        preds = [((m.start, m.end), m.value, m.unit) for m in metrics]

        def same(a, b) -> bool:
            return overlaps(a[0], b[0]) and abs(a[1] - b[1]) <= 1e-6 * max(1.0, abs(b[1])) and a[2] == b[2]

        rec[0] += sum(1 for p in preds if any(same(p, g) for g in golds))
        rec[1] += len(preds)
        rec[2] += sum(1 for g in golds if any(same(p, g) for p in preds))
        rec[3] += len(golds)
        for g in golds:
            p = next((p for p in preds if overlaps(p[0], g[0])), None)
            if p is None:
                continue
            ok_v = abs(p[1] - g[1]) <= 1e-6 * max(1.0, abs(g[1]))
            slot["value"][0] += ok_v
            slot["value"][1] += 1
            slot["unit"][0] += p[2] == g[2]
            slot["unit"][1] += 1
            if args.errors and not (ok_v and p[2] == g[2]):
                errors.append(f"{doc['id']} METRIC record {g[0]} gold {g[1]:g} {g[2]} / predicted {p[1]:g} {p[2]}")
        # Gregorian value of YEAR entities vs the gold awards' years is not scored here; count sane values
        for e in years:
            year_vals[1] += 1
            year_vals[0] += year_value(e, text) is not None

    print(f"number rules on {args.dev} ({len(docs)} documents)")
    print(f"{'type':8} {'mode':8} {'P':>6} {'R':>6} {'F1':>6}   {'pred':>5} {'gold':>5}")
    for typ in ("YEAR", "METRIC"):
        for mode in ("exact", "overlap"):
            tp_p, n_p, tp_g, n_g = totals[typ][mode]
            p, r, f = prf(tp_p, n_p, tp_g, n_g)
            print(f"{typ:8} {mode:8} {p:6.3f} {r:6.3f} {f:6.3f}   {n_p:5d} {n_g:5d}")
    p, r, f = prf(*rec)
    print(f"{'METRIC':8} {'records':8} {p:6.3f} {r:6.3f} {f:6.3f}   {rec[1]:5d} {rec[3]:5d}"
          "   (value + unit + overlapping span)")
    for k, (ok, n) in slot.items():
        print(f"metric {k} accuracy on span-matched gold records: {ok}/{n} = {ok / n if n else 0:.3f}")
    print(f"year_value defined for {year_vals[0]}/{year_vals[1]} predicted years")
    print(f"time: {1000 * elapsed / max(1, len(docs)):.1f} ms per document"
          " (normalise + find_years + find_metrics; rules loaded beforehand)")
    if args.errors:
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
