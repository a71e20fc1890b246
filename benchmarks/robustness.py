#!/usr/bin/env python3
"""Huge inputs: time and peak memory of one extract on a 5 MB document and on one
200,000-character line, each in a fresh process (so peak memory is that input's).

    python benchmarks/robustness.py [--ner stanza|none] [--out benchmarks/results/robustness.json]

The documents are built from the two seed documents (the project's own), repeated.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
seeds = "\n".join(p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt")))
kind, ner = sys.argv[2], sys.argv[3]
if kind == "5mb":
    text = (seeds + "\n") * (5_000_000 // (len(seeds.encode("utf-8")) + 1) + 1)
    text = text.encode("utf-8")[:5_000_000].decode("utf-8", "ignore")
else:
    line = seeds.replace("\n", " ")
    text = ((line + " ") * (200_000 // len(line) + 1))[:200_000]
import awardie
from awardie.ner import NoNER
pipeline = awardie.Pipeline(ner=NoNER() if ner == "none" else None)
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
ex = pipeline.extract(text)
seconds = time.perf_counter() - t0
assert all(text[e.start:e.end] == e.text for e in ex.entities)
print(json.dumps({"input": kind, "ner": ner, "characters": len(text), "bytes": len(text.encode("utf-8")),
                  "seconds": round(seconds, 2), "characters_per_second": round(len(text) / seconds),
                  "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                  "rss_before_extract_mib": round(base / 1024, 1),
                  "entities": len(ex.entities), "awards": len(ex.awards)}))
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ner", choices=("stanza", "none"), default="stanza")
    ap.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "robustness.json")
    args = ap.parse_args()
    rows = []
    for kind in ("line200k", "5mb"):
        out = subprocess.run([sys.executable, "-c", _CHILD, str(REPO / "seeds"), kind, args.ner],
                             capture_output=True, text=True, check=True)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
        r = rows[-1]
        print(f"{r['input']:>9}  ner={r['ner']:<6} {r['characters']:>9,} chars  {r['seconds']:>8.2f} s  "
              f"{r['characters_per_second']:>9,} chars/s  peak {r['peak_rss_mib']:>7.1f} MiB "
              f"(before extract {r['rss_before_extract_mib']:.1f})  {r['entities']:,} entities")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
