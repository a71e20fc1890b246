"""The `awardie` command (also `python -m awardie`).

    awardie extract FILES|DIRS|- [-o out.jsonl] [--gold] [--records] [--ner stanza|none] [-p N]
    awardie render FILE [-o out.html]
    awardie evaluate --gold gold.jsonl --texts DIR [--ner stanza|none]

`extract` writes one JSON line per document: {"id", "extraction"} or
{"id", "error"}; it exits with status 1 if any document failed.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO, Any, Iterator, Optional, Sequence

import click

from . import __version__
from .errors import AwardieError
from .parallel import NER_NAMES, iter_extract, resolve_ner
from .schema import Extraction

__all__ = ["cli", "main"]

_ner_option = click.option(
    "--ner", type=click.Choice(NER_NAMES), default="stanza", show_default=True,
    help="NER backend: awardie's stanza model, or none (rules only, fast).")
_processes_option = click.option(
    "-p", "--processes", type=click.IntRange(min=1), default=1, show_default=True,
    help="Worker processes (more than 1 runs awardie.extract_many's process pool).")
_progress_option = click.option(
    "--progress/--no-progress", default=None,
    help="Progress bar on stderr [default: when stderr is a terminal and there is more than one document].")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="awardie")
def cli() -> None:
    """awardie: Arabic information extraction for award news."""


# ---------------------------------------------------------------------------
# inputs and helpers

Doc = tuple[str, Optional[str], Optional[str]]  # (id, text, error)


def _read_inputs(paths: Sequence[str]) -> Iterator[Doc]:
    """(id, text, error) for each .txt file named or found in a folder named; '-' is stdin."""
    for p in paths:
        if p == "-":
            try:
                raw = getattr(sys.stdin, "buffer", None)
                yield "stdin", raw.read().decode("utf-8") if raw is not None else sys.stdin.read(), None
            except UnicodeDecodeError as exc:
                yield "stdin", None, f"{type(exc).__name__}: {exc}"
            continue
        path = Path(p)
        if path.is_dir():
            files = sorted(path.glob("*.txt"))
            if not files:
                click.echo(f"awardie: warning: no .txt files in {path}", err=True)
        else:
            files = [path]
        for f in files:
            try:
                yield f.stem, f.read_text(encoding="utf-8"), None
            except (OSError, UnicodeDecodeError) as exc:
                yield f.stem, None, f"{type(exc).__name__}: {exc}"


def _check_ner(ner: str) -> None:
    try:
        resolve_ner(ner)
    except AwardieError as exc:
        raise click.ClickException(f"{exc}\n(use --ner none to run the rules only)") from exc


def _want_progress(flag: Optional[bool], n: int) -> bool:
    if flag is not None:
        return flag
    return n > 1 and sys.stderr.isatty()


def _extract_docs(docs: Sequence[Doc], ner: str, processes: int, progress: Optional[bool]
                  ) -> Iterator[tuple[str, Optional[Extraction], Optional[str]]]:
    """(id, extraction, error) per document, in order; unreadable documents keep their read error."""
    texts = [text for _, text, err in docs if err is None]
    results = iter_extract(texts, processes=processes, ner=ner, progress=_want_progress(progress, len(texts)))
    for doc_id, _, err in docs:
        if err is not None:
            yield doc_id, None, err
            continue
        r = next(results)
        if isinstance(r, Extraction):
            yield doc_id, r, None
        else:
            yield doc_id, None, f"{r.type}: {r.error}"


def _print_records(out: IO[str], doc_id: str, ex: Extraction) -> None:
    out.write(f"# {doc_id}: {len(ex.awards)} award records, {len(ex.metrics)} metrics, {len(ex.people)} people\n")
    for a in ex.awards:
        slots = {k: v for k, v in a.to_gold().items()
                 if v not in (None, [], ()) and k not in ("winner", "award", "evidence")}
        out.write(f"  {a.winner} ← {a.award}" + (f"  {json.dumps(slots, ensure_ascii=False)}" if slots else "") + "\n")
    for m in ex.metrics:
        prop = f" ({m.property})" if m.property else ""
        out.write(f"  metric {m.span.text!r} = {m.value:g} {m.unit}{prop}\n")


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True)


# ---------------------------------------------------------------------------
# commands

@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="FILES|DIRS|-")
@click.option("-o", "--output", default="-", metavar="FILE", help="Write here instead of stdout.")
@click.option("--gold", is_flag=True, help="Write the gold JSONL shape of ANNOTATION.md (what the scorer reads).")
@click.option("--records", is_flag=True, help="Print the award records readably instead of JSONL.")
@_ner_option
@_processes_option
@_progress_option
@click.pass_context
def extract(ctx: click.Context, paths: tuple[str, ...], output: str, gold: bool, records: bool, ner: str,
            processes: int, progress: Optional[bool]) -> None:
    """Extract entities and records from .txt FILES, folders of .txt files, or - (stdin).

    One JSON line per document: {"id": ..., "extraction": {...}}, or
    {"id": ..., "error": "..."} for a document that could not be read or
    processed (the others go on; the exit status is then 1).
    """
    _check_ner(ner)
    docs = list(_read_inputs(paths))
    failed = 0
    with click.open_file(output, "w", encoding="utf-8") as out:
        for doc_id, ex, err in _extract_docs(docs, ner, processes, progress):
            if ex is None:
                failed += 1
                out.write(_dumps({"id": doc_id, "error": err}) + "\n")
            elif records:
                _print_records(out, doc_id, ex)
            elif gold:
                out.write(_dumps(ex.to_gold(doc_id)) + "\n")
            else:
                out.write(_dumps({"id": doc_id, "extraction": ex.model_dump(mode="json")}) + "\n")
            out.flush()
    if failed:
        click.echo(f"awardie: {failed} of {len(docs)} documents failed", err=True)
        ctx.exit(1)


def _extraction_from_jsonl(path: Path, doc_id: Optional[str]) -> tuple[str, Extraction]:
    from .formats import read_jsonl

    try:
        rows = read_jsonl(path)
    except ValueError as exc:
        raise click.ClickException(f"{path}: {exc}") from exc
    chosen = [r for r in rows if doc_id is None or str(r.get("id")) == doc_id]
    if not chosen:
        raise click.ClickException(f"{path}: no line" + (f" with id {doc_id!r}" if doc_id else "s"))
    row = chosen[0]
    if "error" in row:
        raise click.ClickException(f"document {row.get('id')!r} failed in extract: {row['error']}")
    if "extraction" not in row:
        raise click.ClickException(f"{path}: the line has no 'extraction' (gold-shape lines carry no text); "
                                   "render the .txt file or a line of `awardie extract` without --gold")
    try:
        return str(row.get("id")), Extraction.model_validate(row["extraction"])
    except ValueError as exc:
        raise click.ClickException(f"{path}: not an awardie extraction: {exc}") from exc


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", default="-", metavar="FILE", help="Write the HTML here instead of stdout.")
@click.option("--id", "doc_id", default=None, help="For a JSONL file: the line with this id (default: the first).")
@click.option("--title", default=None, help="Page title (default: the document id).")
@_ner_option
def render(file: Path, output: str, doc_id: Optional[str], title: Optional[str], ner: str) -> None:
    """Render FILE as an HTML page: a .txt file (extracted now) or a .jsonl line written by `awardie extract`."""
    from .render import render_html

    if file.suffix.lower() in (".jsonl", ".json", ".ndjson"):
        name, ex = _extraction_from_jsonl(file, doc_id)
    else:
        _check_ner(ner)
        from .pipeline import Pipeline

        try:
            text = file.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise click.ClickException(f"{file} is not UTF-8 text: {exc}") from exc
        name, ex = file.stem, Pipeline(ner=resolve_ner(ner)).extract(text)
    with click.open_file(output, "w", encoding="utf-8") as out:
        out.write(render_html(ex, title=title or name))


@cli.command()
@click.option("--gold", "gold_path", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Gold JSONL (ANNOTATION.md shape).")
@click.option("--texts", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder holding <id>.txt for each gold document.")
@_ner_option
@_processes_option
@_progress_option
@click.option("--per-document", is_flag=True, help="Also print one row per document.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON instead of tables.")
def evaluate(gold_path: Path, texts: Path, ner: str, processes: int, progress: Optional[bool],
             per_document: bool, as_json: bool) -> None:
    """Extract the gold documents' texts and print the scorer's tables."""
    import hashlib

    from .formats import read_jsonl
    from .scoring import score_documents

    _check_ner(ner)
    try:
        gold = read_jsonl(gold_path)
    except ValueError as exc:
        raise click.ClickException(f"{gold_path}: {exc}") from exc
    docs = list(_read_inputs([str(texts / f"{g.get('id')}.txt") for g in gold]))
    pred: list[dict[str, Any]] = []
    for g, (doc_id, ex, err) in zip(gold, _extract_docs(docs, ner, processes, progress), strict=True):
        if ex is None:
            click.echo(f"awardie: warning: {doc_id}: {err} (scored as an empty prediction)", err=True)
            continue
        sha = hashlib.sha256(ex.text.encode("utf-8")).hexdigest()
        if g.get("text_sha256") not in (None, sha):
            click.echo(f"awardie: warning: {doc_id}: text differs from the one the gold was made on", err=True)
        pred.append(ex.to_gold(str(g.get("id"))))
    report = score_documents(gold, pred)
    click.echo(_dumps(report.to_dict()) if as_json else report.table(per_document=per_document))


# ---------------------------------------------------------------------------

def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line (console script `awardie`, `python -m awardie`); returns the exit status."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="awardie")
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0
