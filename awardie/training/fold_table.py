"""Write awardie/fold_table.json: every code point whose fold (awardie.text.fold_char_camel) is not itself.

    python -m awardie.training.fold_table

`awardie.text.fold` then folds with `str.translate` over this table instead of
importing camel-tools at run time (about a second of cold start). The table is
tied to the Unicode database it was built with (`unidata_version`); with another
one, awardie folds each character live with camel-tools instead.
tests/test_text.py checks the table against camel-tools for every BMP code point.
"""
from __future__ import annotations

import json
import sys
import time
import unicodedata
from typing import Any

from awardie.text import FOLD_TABLE_FILE, fold_char_camel


def build() -> dict[str, Any]:
    changed: dict[str, str] = {}
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:  # surrogates are not characters
            continue
        ch = chr(code)
        folded = fold_char_camel(ch)
        if folded != ch:
            changed[str(code)] = folded
    import camel_tools

    return {"unidata_version": unicodedata.unidata_version, "camel_tools": camel_tools.__version__,
            "built_by": "python -m awardie.training.fold_table", "changed": changed}


def main() -> int:
    t0 = time.time()
    table = build()
    FOLD_TABLE_FILE.write_text(json.dumps(table, ensure_ascii=False, sort_keys=True, indent=0) + "\n", encoding="utf-8")
    print(f"{len(table['changed'])} code points -> {FOLD_TABLE_FILE} ({time.time() - t0:.1f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
