"""``stemmen agreement`` and ``stemmen reliability ...``: inter-coder reliability."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

import stemmen
from stemmen.cli.options import JsonOpt, ProjectArg, open_project
from stemmen.cli.output import console, print_json, print_table
from stemmen.i18n import _

if TYPE_CHECKING:
    from stemmen.project.comparison import Comparison

NAME = "reliability"
app = typer.Typer(help="Disagreements, code confusion and reconciliation of two coders.",
                  no_args_is_help=True)
SHORT = ("%", "κ Cohen", "π Scott", "κ Fleiss", "κ Conger", "α Kripp.", "AC1", "BP")
COLUMNS = ("percent_agreement", "cohen_kappa", "scott_pi", "fleiss_kappa", "conger_kappa",
           "krippendorff_alpha", "gwet_ac1", "brennan_prediger")
LABELS = {"cohen_kappa": "Cohen's kappa", "krippendorff_alpha": "Krippendorff's alpha",
          "fleiss_kappa": "Fleiss' kappa",
          "almost_perfect": "almost perfect", "landis_koch": "Landis & Koch",
          "krippendorff": "Krippendorff"}
UnitOpt = typer.Option("paragraph", "--unit", help="paragraph, sentence or character")
CodersOpt = typer.Option([], "--coder", help="Coder to compare, repeatable (default: all).")
DocsOpt = typer.Option([], "--document", help="Document, repeatable.")
CasesOpt = typer.Option([], "--case", help="Case, repeatable.")


def register(root: typer.Typer) -> None:
    root.command("agreement")(agreement)
    root.add_typer(app, name=NAME)


def _number(value: Any) -> str:
    return "" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


def agreement(
    project: str = typer.Argument(None, metavar="[PROJECT]", help="Project (omit with --table)."),
    table: Path = typer.Option(None, "--table", help="CSV with columns unit,coder,label."),
    level: str = typer.Option("nominal", help="Alpha: nominal, ordinal, interval or ratio."),
    weights: str = typer.Option(None, help="Weighted kappa/AC2: linear or quadratic."),
    weights_by: str = typer.Option("values", "--weights-by",
                                   help="Place numeric labels by their values or by their "
                                        "ranks (as irr and scikit-learn do)."),
    method: str = typer.Option("units", "--method",
                               help="units (Stemmen: pooled over units) or nvivo (kappa per "
                                    "code per document on characters, averaged)."),
    coder: list[str] = CodersOpt, document: list[str] = DocsOpt, case: list[str] = CasesOpt,
    unit: str = UnitOpt,
    drop_uncoded: bool = typer.Option(False, help="Leave out units no coder coded."),
    min_coverage: float = typer.Option(0.0, help="Share of a unit a coding must cover."),
    threshold: float = typer.Option(0.60, help="The team's threshold for a good kappa."),
    fmt: str = typer.Option("table", "--format", help="table, json, csv or md"),
    as_json: bool = JsonOpt,
) -> None:
    """Agreement coefficients: on a unit,coder,label table, or on a project's coders."""
    fmt = "json" if as_json else fmt
    if method not in ("units", "nvivo"):
        raise typer.BadParameter(f"unknown method {method!r}: use units or nvivo")
    if table is not None:
        result = stemmen.agreement_table(table, level=level, weights=weights,
                                         weights_by=weights_by)
        rows = [["all", *[result.get(k) for k in COLUMNS]]]
        rows += [[label, *[entry.get(k) for k in COLUMNS]]
                 for label, entry in (result.get("per_label") or {}).items()]
        _emit(result, rows, fmt, f"{result['n_units']} units, {result['n_coders']} coders")
        return
    if project is None:
        raise typer.BadParameter("give a PROJECT or --table FILE")
    if method == "nvivo":
        with open_project(project) as p:
            _nvivo(p.reliability.nvivo(coder or None, document or None, case or None).as_dict(),
                   fmt)
        return
    with open_project(project) as p:
        result = p.reliability.compare(coder or None, document or None, case or None, unit,
                                       drop_uncoded, threshold, min_coverage)
    rows = [[_("pooled"), *[result.pooled.get(k) for k in COLUMNS]],
            [_("code sets"), *[result.code_sets.get(k) for k in COLUMNS]]]
    rows += [[code, *[e.get(k) for k in COLUMNS]] for code, e in result.per_code.items()
             if e["n_units_coded"]]
    title = _("{n} {unit} units of {docs} document(s), coders {coders}: {d} unit(s) differ.",
              n=result.n_units, unit=unit, docs=len(result.documents),
              coders=", ".join(result.coders), d=result.n_disagreements)
    if drop_uncoded:
        title += " " + _("Units no coder coded are left out ({n}).", n=result.n_units_dropped)
    _emit(result.as_dict(), rows, fmt, title)
    if fmt in ("table", "md"):
        for line in _readings(result, threshold):
            typer.echo(("- " if fmt == "md" else "") + line)


def _nvivo(result: dict[str, Any], fmt: str) -> None:
    """NVivo's figures: one row per (code, document) per pair, then the averages."""
    if fmt == "json":
        print_json(result)
        return
    headers = ["Pair", "Code", "Document", "Characters", "Kappa", "Agreement"]
    rows = [[" / ".join(pair["coders"]), r["code"], r["document"], r["length"],
             _number(r["kappa"]), f"{r['agreement']:.1%}"]
            for pair in result["pairs"] for r in pair["rows"]]
    if fmt == "csv":
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows([headers, *rows])
        typer.echo(buffer.getvalue(), nl=False)
        return
    print_table(headers, rows, title=_("NVivo coding comparison: kappa per code per document, "
                                       "on characters"))
    for pair in result["pairs"]:
        overall = pair["overall"]
        typer.echo(_("{pair}: mean kappa {mean}, weighted by document length {weighted} "
                     "({n} code-document rows; {u} rows nobody coded left out).",
                     pair=" / ".join(pair["coders"]), mean=_number(overall["mean"]),
                     weighted=_number(overall["weighted_mean"]), n=len(pair["rows"]),
                     u=pair["n_rows_uncoded"]))
    typer.echo(_("Stemmen's own figures pool units (paragraphs by default) over every "
                 "document and code; NVivo averages one kappa per code and document."))


def _label(key: str | None) -> str:
    return _(LABELS.get(key, key)) if key else "-"


def _readings(result: Comparison, threshold: float) -> list[str]:
    """Bands and verdicts of the headline figures, and the codes under the threshold."""
    lines = []
    kappa = "cohen_kappa" if len(result.coders) == 2 else "fleiss_kappa"
    for view, label in (("code_sets", _("code sets")), ("pooled", _("pooled"))):
        for key in (kappa, "krippendorff_alpha"):
            reading = result.interpretation[view].get(key)
            if reading is None or reading.value is None:
                continue
            ci = (result.intervals if view == "pooled" else result.intervals_code_sets).get(key)
            span = f" [{ci['ci_low']:.3f}–{ci['ci_high']:.3f}]" if ci else ""
            lines.append(_("{view}: {name} {value}{ci}: {band} ({scale}); {verdict} at {t}.",
                           view=label, name=_label(key), value=f"{reading.value:.3f}",
                           ci=span, band=_label(reading.band), scale=_label(reading.scale),
                           verdict=_label(reading.verdict), t=threshold))
    for pair in result.pairs:
        kappa_sets = pair["code_sets"].get("cohen_kappa")
        lines.append(_("{a} and {b}: Cohen's kappa {value} on the code sets, {d} of {n} units "
                       "differ.", a=pair["coders"][0], b=pair["coders"][1],
                       value=_number(kappa_sets), d=pair["n_disagreements"],
                       n=pair["n_units"]))
    if result.flagged_codes:
        lines.append(_("Below the threshold {t}: {codes}. Review their definitions.",
                       t=threshold, codes=", ".join(result.flagged_codes)))
    return lines


def _emit(result: dict[str, Any], rows: list[list[Any]], fmt: str, title: str) -> None:
    headers = ["", *SHORT]
    if fmt == "json":
        print_json(result)
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["scope", *COLUMNS])
        writer.writerows([[r[0], *["" if v is None else v for v in r[1:]]] for r in rows])
        typer.echo(buffer.getvalue(), nl=False)
    elif fmt == "md":
        typer.echo(f"{title}\n\n| scope | " + " | ".join(COLUMNS) + " |")
        typer.echo("|---" * (len(COLUMNS) + 1) + "|")
        for r in rows:
            typer.echo("| " + " | ".join(_number(v) for v in r) + " |")
    elif fmt == "table":
        print_table(headers, [[r[0], *[_number(v) for v in r[1:]]] for r in rows], title=title)
    else:
        raise typer.BadParameter(f"unknown format {fmt!r}: use table, json, csv or md")


@app.command("disagreements")
def disagreements(project: str = ProjectArg, coder: list[str] = CodersOpt,
                  document: list[str] = DocsOpt, case: list[str] = CasesOpt,
                  unit: str = UnitOpt,
                  min_coverage: float = typer.Option(0.0, help="Share a coding must cover."),
                  as_json: bool = JsonOpt) -> None:
    """Each disagreement side by side with the text, classified."""
    with open_project(project) as p:
        rows = p.reliability.disagreements(coder or None, document or None, case or None,
                                           unit, min_coverage)
    if as_json:
        print_json(rows)
        return
    print_table(["Document", "Unit", "Code", "Kind", "With", "Without", "Text"],
                [[r["document"], r["unit"], r["code"], _(r["kind"]), ", ".join(r["coders_with"]),
                  ", ".join(r["coders_without"]), r["text"][:160]] for r in rows])


@app.command("confusion")
def confusion(project: str = ProjectArg, coder: list[str] = CodersOpt,
              document: list[str] = DocsOpt, case: list[str] = CasesOpt,
              unit: str = UnitOpt, as_json: bool = JsonOpt) -> None:
    """Code pairs the coders swapped: definitions that overlap."""
    with open_project(project) as p:
        rows = p.reliability.confusion(coder or None, document or None, case or None, unit)
    if as_json:
        print_json(rows)
        return
    print_table(["Code", "Code", "Units"], [[r["code_a"], r["code_b"], r["units"]]
                                             for r in rows])


@app.command("reconcile")
def reconcile(project: str = ProjectArg,
              decisions: Path = typer.Option(..., help="CSV or XLSX: document,unit,code,"
                                                       "choice (choice a, b, both or neither;"
                                                       " an empty code decides the unit)."),
              coder_a: str = typer.Option(..., "--a"), coder_b: str = typer.Option(..., "--b"),
              master: str = typer.Option("master", help="Coder name of the master coding."),
              default: str = typer.Option(None, help="Choice for undecided disagreements."),
              document: list[str] = DocsOpt, case: list[str] = CasesOpt,
              unit: str = UnitOpt) -> None:
    """Build a master coding from two coders' codings and recorded decisions."""
    with open_project(project) as p:
        n = p.reliability.reconcile_file(decisions, coder_a, coder_b, master, document or None,
                                         case or None, unit, default)
    console.print(_("Wrote {n} master coding(s) as {master}.", n=n, master=master))
