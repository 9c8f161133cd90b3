"""Route handlers, one module per noun: parse, call ``project.<noun>.<verb>()``, render.

``ROLES`` below says, for every route, the least role that may use it once the project has
users (team mode; a solo project has no roles): ``"METHOD /path"`` as written in the
module's ``Route``, and one of ``READER < CODER < REVIEWER < OWNER``, or ``PUBLIC`` (anyone,
even before logging in). The server refuses a lower role with 403 (``web/security.py``); a
route missing here is for owners only, and ``tests/web/test_route_roles.py`` fails until it
is added. Adding a route = adding its line here.
"""

from __future__ import annotations

from stemmen.model.access import Role

READER, CODER, REVIEWER, OWNER = Role.READER, Role.CODER, Role.REVIEWER, Role.OWNER
PUBLIC = "public"

ROLES: dict[str, Role | str] = {
    # login.py
    "GET /login": PUBLIC,
    "POST /login": PUBLIC,
    "POST /logout": PUBLIC,
    # start.py: choosing the served project is the owner's
    "GET /start": OWNER,
    "POST /api/start/create": OWNER,
    "POST /api/start/open": OWNER,
    "POST /api/start/forget": OWNER,
    "POST /api/start/demo": OWNER,
    # overview.py
    "GET /": READER,
    "GET /search": READER,
    "GET /api/overview": READER,
    "GET /api/search": READER,
    # cases.py
    "GET /cases": READER,
    "GET /api/cases/sheets": READER,
    "POST /api/cases/update": OWNER,
    "POST /api/cases/add": OWNER,
    "POST /api/cases/delete": OWNER,
    "POST /api/participants/add": OWNER,
    "POST /api/participants/delete": OWNER,
    "POST /api/attributes/define": OWNER,
    "POST /api/attributes/rename": OWNER,
    "POST /api/attributes/retype": OWNER,
    "POST /api/attributes/describe": OWNER,
    "POST /api/attributes/delete": OWNER,
    # privacy.py: the page shows the names, and apply changes every text
    "GET /privacy": OWNER,
    "POST /api/privacy/scan": OWNER,
    "POST /api/privacy/decide": OWNER,
    "POST /api/privacy/add": OWNER,
    "POST /api/privacy/allow": OWNER,
    "POST /api/privacy/apply": OWNER,
    # privacy_reveal.py: the originals, decrypted with the owner's key file
    "POST /api/privacy/reveal": OWNER,
    # codebook.py
    "GET /codebook": READER,
    "GET /api/codebook": READER,
    "GET /api/codebook/history": READER,
    "POST /api/codebook/add": OWNER,
    "POST /api/codebook/add_category": OWNER,
    "POST /api/codebook/rename": OWNER,
    "POST /api/codebook/edit": OWNER,
    "POST /api/codebook/move": OWNER,
    "POST /api/codebook/merge": OWNER,
    "POST /api/codebook/split": OWNER,
    "POST /api/codebook/delete": OWNER,
    "POST /api/codebook/import/preview": OWNER,
    "POST /api/codebook/import/apply": OWNER,
    # codings.py
    "POST /api/codings": CODER,
    "POST /api/codings/remove": CODER,
    "POST /api/codings/restore": CODER,
    "DELETE /api/codings/{coding_id:int}": CODER,
    "POST /api/codings/{coding_id:int}/code": CODER,
    # document_admin.py
    "POST /api/documents/rename": OWNER,
    "POST /api/documents/delete": OWNER,
    "POST /api/codings/import": OWNER,
    # documents.py
    "GET /documents/{name:path}": READER,
    "GET /api/documents/view": READER,
    "GET /api/documents/context": READER,
    # document_edit.py: editing a transcript after coding, its versions, review
    "POST /api/documents/edit-paragraph": OWNER,
    "GET /api/documents/versions": READER,
    "GET /api/documents/diff": READER,
    "POST /api/documents/restore": OWNER,
    "POST /api/documents/review": REVIEWER,
    # media.py: the player of a document's audio or video
    "GET /api/media/info": READER,
    "GET /api/media/file": READER,
    # media_link.py: linking a recording, coding a speaker's turns (document page)
    "GET /api/media/speakers": READER,
    "POST /api/media/link": OWNER,
    "POST /api/media/unlink": OWNER,
    "POST /api/codings/apply-turns": CODER,
    # exchange.py, exports.py
    "GET /exchange": READER,
    "POST /api/exchange/import": OWNER,
    "GET /api/export/codebook.qdc": READER,
    "GET /api/export/project.qdpx": READER,
    "POST /api/export/project.qdpx": READER,
    "GET /api/export/segments.csv": READER,
    # findings.py
    "GET /findings": READER,
    "GET /api/findings/list": READER,
    "POST /api/findings/add": CODER,
    "POST /api/findings/edit": CODER,
    "POST /api/findings/delete": CODER,
    "POST /api/findings/reorder": CODER,
    "POST /api/findings/link": CODER,
    "POST /api/findings/unlink": CODER,
    "GET /api/findings/{finding_id:int}": READER,
    "GET /api/findings/{finding_id:int}/candidates": READER,
    "POST /api/quotes/mark": CODER,
    "POST /api/quotes/unmark": CODER,
    # outline.py: the report the researchers write, quote translations
    "GET /outline": READER,
    "GET /api/outline": READER,
    "POST /api/outline/add": CODER,
    "POST /api/outline/edit": CODER,
    "POST /api/outline/move": CODER,
    "POST /api/outline/remove": CODER,
    "POST /api/outline/preview": READER,
    "POST /api/quotes/translate": CODER,
    "POST /api/outline/describe": CODER,
    "POST /api/outline/objective": CODER,
    "POST /api/outline/title": CODER,
    "POST /api/outline/label": CODER,
    "GET /api/outline/labels": READER,
    # imports.py, uploads.py
    "GET /import": OWNER,
    "POST /api/documents/import": OWNER,
    "POST /api/documents/metadata/preview": OWNER,
    "POST /api/documents/metadata/apply": OWNER,
    "POST /api/documents": OWNER,
    # jobs.py
    "GET /api/jobs/{job_id}": READER,
    "GET /api/jobs/{job_id}/download": READER,
    # users.py: accounts and roles
    "GET /users": OWNER,
    "POST /api/users/add": OWNER,
    "POST /api/users/role": OWNER,
    "POST /api/users/remove": OWNER,
    # log.py
    "GET /log": READER,
    "GET /api/log/export": READER,
    # memos.py
    "POST /api/memos": CODER,
    "POST /api/memos/{memo_id:int}": CODER,
    "DELETE /api/memos/{memo_id:int}": CODER,
    # memo_list.py: every memo, and a memo on the whole project
    "GET /memos": READER,
    "POST /api/memos/project": CODER,
    # project_settings.py
    "GET /settings": READER,
    "GET /api/settings/list": READER,
    "POST /api/settings/set": OWNER,
    "POST /api/settings/reset": OWNER,
    "GET /api/project/status": READER,
    # queries.py
    "GET /queries": READER,
    "GET /api/queries/run": READER,
    "GET /api/queries/download": READER,
    "GET /api/queries/cell": READER,
    "POST /api/queries/save": CODER,
    "POST /api/queries/delete": CODER,
    # reliability.py, reliability_table.py
    "GET /reliability": READER,
    "GET /api/reliability": READER,
    "POST /api/reliability/reconcile": REVIEWER,
    "POST /api/reliability/table": READER,
    # rounds.py: blind rounds (a coder in one sees only their own codings: project.rounds)
    "GET /rounds": READER,
    "GET /rounds/{name:path}": READER,
    "GET /api/rounds": READER,
    "POST /api/rounds/open": OWNER,
    "POST /api/rounds/{name}/close": OWNER,
    "POST /api/rounds/{name}/reconcile": REVIEWER,
    "GET /api/codings/since": READER,
    # reports.py
    "GET /reports": READER,
    "POST /api/reports/make": READER,
    "GET /api/reports/check": READER,
    "GET /reports/preview/{job_id}": READER,
    # retrieve.py
    "GET /retrieve": READER,
    "GET /api/retrieve": READER,
    # settings.py: browser preferences (in team mode the coder is the logged-in user)
    "POST /api/settings/language": READER,
    "POST /api/settings/coder": READER,
    # suggestions.py, suggestions_as_coder.py
    "GET /suggestions": READER,
    "POST /api/suggestions/train": CODER,
    "GET /api/suggestions/list": READER,
    "POST /api/suggestions/accept": CODER,
    "POST /api/suggestions/reject": CODER,
    "POST /api/suggestions/as_coder": OWNER,  # writes codings under a chosen name
    # suggestion_hints.py: writes nothing, but the embedding costs CPU
    "POST /api/suggestions/hints": CODER,
    # study.py (issue 20): the plan, fieldwork, guides and codebook versions
    "GET /study": READER,
    "GET /api/study/diff": READER,
    "GET /api/study/guide": READER,
    "POST /api/study/version": REVIEWER,
    "POST /api/study/plan": OWNER,
    # study_people.py: fieldwork, consent and people on the Study page
    "POST /api/study/interview": OWNER,
    "POST /api/study/fieldwork-plan": OWNER,
    "POST /api/study/link": OWNER,
    "POST /api/study/consent": OWNER,
    "POST /api/study/withdraw": OWNER,  # a dry run too: it names what the person said
    "POST /api/study/late-entrant": OWNER,
    "POST /api/study/guides/import": OWNER,
    "GET /api/study/turns": READER,
    "GET /api/study/waves": READER,
    "GET /api/study/guide-topics": READER,
    "GET /api/study/coverage": READER,
}
