"""Every ``stemmen`` command has a page or a control in the browser workspace.

Users do not open terminals: each action the CLI offers must be reachable from the browser,
calling the same ``project.<noun>.<verb>()`` function. ``WEB`` maps each command (as typed
after ``stemmen``) to the routes (``"METHOD /path"`` as the Starlette app declares them) that
offer the same action; ``CLI_ONLY`` lists the commands that need no page, with the reason;
``NO_PAGE_YET`` lists the commands whose page is still to be built (the debt, named).

The test walks the Typer app: a new command without an entry fails with the line to add, and
an entry naming a route the app does not serve fails too.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from starlette.routing import Route
from typer.main import get_command

from stemmen.cli import app as cli_app
from stemmen.web.app import routes

WEB: dict[str, tuple[str, ...]] = {
    # reliability
    "agreement": ("GET /reliability", "GET /api/reliability", "POST /api/reliability/table"),
    "reliability confusion": ("GET /reliability", "GET /api/reliability"),
    "reliability disagreements": ("GET /reliability", "GET /api/reliability"),
    "reliability reconcile": ("POST /api/reliability/reconcile",),
    # audit log
    "audit export": ("GET /log", "GET /api/log/export"),
    "cases log": ("GET /log",),
    "cases memo": ("POST /api/memos/project", "POST /api/memos"),
    "cases memos": ("GET /memos",),
    # cases, participants, attributes (the four sheets of the cases page)
    "cases add": ("POST /api/cases/add",),
    "cases assign": ("POST /api/cases/update",),
    "cases attribute-delete": ("POST /api/attributes/delete",),
    "cases attribute-rename": ("POST /api/attributes/rename",),
    "cases attributes": ("GET /cases", "GET /api/cases/sheets"),
    "cases define": ("POST /api/attributes/define",),
    "cases delete": ("POST /api/cases/delete",),
    "cases describe": ("POST /api/cases/update", "POST /api/attributes/describe"),
    "cases list": ("GET /cases", "GET /api/cases/sheets"),
    "cases rename": ("POST /api/cases/update",),
    "cases retype": ("POST /api/attributes/retype",),
    "cases set": ("POST /api/cases/update",),
    "cases update": ("POST /api/cases/update", "POST /api/documents/metadata/apply"),
    "cases participants add": ("POST /api/participants/add",),
    "cases participants case": ("POST /api/cases/update",),
    "cases participants delete": ("POST /api/participants/delete",),
    "cases participants link": ("POST /api/cases/update",),
    "cases participants links": ("GET /api/cases/sheets",),
    "cases participants list": ("GET /cases", "GET /api/cases/sheets"),
    "cases participants rename": ("POST /api/cases/update",),
    "cases participants set": ("POST /api/cases/update",),
    "cases participants unlink": ("POST /api/cases/update",),
    # codebook
    "codebook add": ("POST /api/codebook/add", "POST /api/codebook/add_category"),
    "codebook delete": ("POST /api/codebook/delete",),
    "codebook diff": ("GET /study", "GET /api/study/diff"),
    "codebook edit": ("POST /api/codebook/edit",),
    "codebook export": ("GET /api/export/codebook.qdc",),
    "codebook history": ("GET /api/codebook/history",),
    "codebook import": ("POST /api/codebook/import/preview", "POST /api/codebook/import/apply"),
    "codebook list": ("GET /codebook", "GET /api/codebook"),
    "codebook merge": ("POST /api/codebook/merge",),
    "codebook move": ("POST /api/codebook/move",),
    "codebook rename": ("POST /api/codebook/rename",),
    "codebook split": ("POST /api/codebook/split",),
    "codebook version": ("POST /api/study/version",),
    "codebook versions": ("GET /study",),
    # codings
    "codings apply": ("POST /api/codings",),
    "codings apply-turns": ("POST /api/codings/apply-turns",),
    "codings import": ("POST /api/codings/import",),
    "codings list": ("GET /api/documents/view", "GET /retrieve"),
    "codings remove": ("POST /api/codings/remove", "DELETE /api/codings/{coding_id:int}"),
    # documents
    "documents delete": ("POST /api/documents/delete",),
    "documents diff": ("GET /api/documents/diff",),
    "documents edit": ("POST /api/documents/edit-paragraph",),
    "documents import": ("GET /import", "POST /api/documents/import", "POST /api/documents"),
    "documents list": ("GET /", "GET /api/overview"),
    "documents metadata": ("POST /api/documents/metadata/preview",
                           "POST /api/documents/metadata/apply"),
    "documents rename": ("POST /api/documents/rename",),
    "documents restore": ("POST /api/documents/restore",),
    "documents review": ("POST /api/documents/review",),
    "documents reviews": ("GET /api/documents/versions",),  # per document, on its page
    "documents set": ("POST /api/cases/update",),
    "documents show": ("GET /documents/{name:path}", "GET /api/documents/view"),
    "documents versions": ("GET /api/documents/versions",),
    "documents media": ("POST /api/media/link", "POST /api/media/unlink", "GET /api/media/speakers",
                        "GET /api/media/info"),
    # exchange
    "exchange export": ("GET /api/export/project.qdpx", "POST /api/export/project.qdpx"),
    "exchange import": ("GET /exchange", "POST /api/exchange/import"),
    # findings and quotes
    "findings add": ("POST /api/findings/add",),
    "findings delete": ("POST /api/findings/delete",),
    "findings link": ("POST /api/findings/link",),
    "findings list": ("GET /findings", "GET /api/findings/list"),
    "findings show": ("GET /api/findings/{finding_id:int}",),
    "findings unlink": ("POST /api/findings/unlink",),
    "quotes list": ("GET /findings",),
    "quotes mark": ("POST /api/quotes/mark",),
    "quotes unmark": ("POST /api/quotes/unmark",),
    "quotes translate": ("POST /api/quotes/translate",),
    # the study: sampling, fieldwork, guides
    "sampling plan": ("POST /api/study/plan",),
    "sampling show": ("GET /study",),
    "fieldwork list": ("GET /study",),
    "fieldwork add": ("POST /api/study/interview",),
    "fieldwork plan": ("POST /api/study/fieldwork-plan",),
    "fieldwork link": ("POST /api/study/link",),
    "fieldwork consent": ("POST /api/study/consent",),
    "fieldwork consents": ("GET /study",),
    "fieldwork withdraw": ("POST /api/study/withdraw",),  # dry run first, then confirmed
    "people turns": ("GET /api/study/turns",),
    "people late-entrants": ("GET /study",),
    "people late-entrant": ("POST /api/study/late-entrant",),
    "guides import": ("POST /api/study/guides/import",),
    "guides list": ("GET /study",),
    "guides export": ("GET /api/study/guide",),
    "guides show": ("GET /api/study/guide-topics",),
    "guides coverage": ("GET /api/study/coverage",),
    # outline (the report the researchers write)
    "outline add": ("POST /api/outline/add",),
    "outline edit": ("POST /api/outline/edit",),
    "outline list": ("GET /outline", "GET /api/outline"),
    "outline move": ("POST /api/outline/move",),
    "outline remove": ("POST /api/outline/remove",),
    "outline show": ("GET /outline", "POST /api/outline/preview"),
    "outline check": ("GET /outline", "GET /api/outline"),  # problems, untranslated quotes
    "outline objectives": ("GET /outline", "GET /api/outline"),
    "quotes translations": ("GET /outline", "GET /api/outline"),
    "outline describe": ("GET /outline", "POST /api/outline/describe"),
    "outline objective": ("GET /outline", "POST /api/outline/objective"),
    "outline title": ("GET /outline", "POST /api/outline/title"),
    "outline label": ("GET /outline", "POST /api/outline/label"),
    "outline labels": ("GET /outline", "GET /api/outline/labels"),
    # privacy
    "privacy add": ("POST /api/privacy/add",),
    "privacy allow": ("POST /api/privacy/allow",),
    "privacy apply": ("POST /api/privacy/apply",),
    "privacy decide": ("POST /api/privacy/decide",),
    "privacy list": ("GET /privacy",),
    "privacy reveal": ("GET /privacy", "POST /api/privacy/reveal"),
    "privacy scan": ("POST /api/privacy/scan",),
    # queries (one page, a kind per query)
    "query cell": ("GET /api/queries/cell",),
    "query codebook": ("GET /queries", "GET /api/queries/run"),
    "query cooccurrence": ("GET /queries", "GET /api/queries/run"),
    "query fieldwork": ("GET /study",),
    "query interviews": ("GET /queries", "GET /api/queries/run"),
    "query matrix": ("GET /queries", "GET /api/queries/run", "GET /api/queries/download"),
    "query profiles": ("GET /queries", "GET /api/queries/run"),
    "query progress": ("GET /queries", "GET /api/queries/run"),
    "query sampling": ("GET /queries", "GET /api/queries/run"),
    "query search": ("GET /queries", "GET /api/queries/run"),
    "query waves": ("GET /queries", "GET /api/queries/run", "GET /api/study/waves"),
    "query saved delete": ("POST /api/queries/delete",),
    "query saved list": ("GET /queries",),
    "query saved run": ("GET /queries", "GET /api/queries/run"),
    # reports, retrieval, search
    "report": ("GET /reports", "POST /api/reports/make"),
    "retrieve": ("GET /retrieve", "GET /api/retrieve", "GET /api/export/segments.csv"),
    "search": ("GET /search", "GET /api/search"),
    # rounds
    "rounds close": ("POST /api/rounds/{name}/close",),
    "rounds list": ("GET /rounds", "GET /api/rounds"),
    "rounds open": ("POST /api/rounds/open",),
    # settings
    "settings reset": ("POST /api/settings/reset",),
    "settings set": ("POST /api/settings/set",),
    "settings show": ("GET /settings", "GET /api/settings/list"),
    "db status": ("GET /api/project/status", "GET /settings"),
    # suggestions
    "suggest accept": ("POST /api/suggestions/accept",),
    "suggest as-coder": ("POST /api/suggestions/as_coder",),
    "suggest list": ("GET /api/suggestions/list",),
    "suggest reject": ("POST /api/suggestions/reject",),
    "suggest report": ("GET /suggestions",),
    "suggest train": ("POST /api/suggestions/train",),
    "suggest hints": ("GET /suggestions", "POST /api/suggestions/hints"),
    # users
    "users add": ("POST /api/users/add",),
    "users list": ("GET /users",),
    "users remove": ("POST /api/users/remove",),
    "users role": ("POST /api/users/role",),
    # the project itself
    "init": ("GET /start", "POST /api/start/create"),
    "demo": ("POST /api/start/demo",),
}

CLI_ONLY: dict[str, str] = {
    "serve": "starts the browser workspace itself",
    "db upgrade": "migrates the database before a server can open it (stemmen serve says so)",
    "users password": "a password is set by its owner at a terminal, never sent to a page "
                      "by someone else (accounts helper's decision)",
}

# Commands whose page or control is still to be built: the names of the debt.
NO_PAGE_YET: dict[str, str] = {}


def _commands(cmd: Any, prefix: tuple[str, ...] = ()) -> Iterator[str]:
    subs = getattr(cmd, "commands", None)
    if subs is None:
        yield " ".join(prefix)
        return
    for name, sub in sorted(subs.items()):
        yield from _commands(sub, (*prefix, name))


COMMANDS = sorted(_commands(get_command(cli_app)))


def _served() -> set[str]:
    return {f"{m} {r.path}" for r in routes() if isinstance(r, Route) for m in r.methods or ()}


def test_the_walk_finds_the_commands() -> None:
    assert len(COMMANDS) > 100
    assert {"serve", "retrieve", "documents media", "query saved run"} <= set(COMMANDS)


def test_every_command_has_a_page_or_a_reason() -> None:
    known = WEB.keys() | CLI_ONLY.keys() | NO_PAGE_YET.keys()
    missing = [c for c in COMMANDS if c not in known]
    lines = "\n".join(f'    "{c}": ("GET /page", "POST /api/<noun>/<verb>"),' for c in missing)
    assert not missing, (
        "These commands have no page in the browser workspace listed in "
        "tests/web/test_cli_web_parity.py. Build the page/control that calls the same "
        "project.<noun>.<verb>() and add its routes to WEB (or, for a command that needs no "
        "page, a one-line reason to CLI_ONLY):\n" + lines)


def test_each_command_is_listed_once() -> None:
    twice = (WEB.keys() & CLI_ONLY.keys()) | (WEB.keys() & NO_PAGE_YET.keys()) | (
        CLI_ONLY.keys() & NO_PAGE_YET.keys())
    assert not twice, f"Listed in more than one table: {sorted(twice)}"


def test_no_entry_for_a_command_that_is_gone() -> None:
    gone = sorted((WEB.keys() | CLI_ONLY.keys() | NO_PAGE_YET.keys()) - set(COMMANDS))
    assert not gone, f"No such command any more; remove its entry: {gone}"


def test_every_listed_route_is_served() -> None:
    served = _served()
    wrong = [(c, r) for c, rs in WEB.items() for r in rs if r not in served]
    assert all(rs for rs in WEB.values()), "Each WEB entry names at least one route."
    assert not wrong, (
        "These routes are named in WEB but the app does not serve them (a method or path "
        "as in the module's Route(...), e.g. 'POST /api/media/link'):\n"
        + "\n".join(f"  {c}: {r}" for c, r in wrong))


def test_reasons_are_one_line() -> None:
    for table in (CLI_ONLY, NO_PAGE_YET):
        for command, reason in table.items():
            assert reason.strip() and "\n" not in reason, command
