"""Timed transcripts and media: the turns of a document (speaker, times) and the audio or
video file linked to it, copied into the project's media folder or referenced by path.

Nothing is ever uploaded: a copied file goes to ``<project file>.media/`` next to a SQLite
project file; a PostgreSQL project has no folder of its own, so its media are referenced by
path (``copy=False``).
"""

from __future__ import annotations

import mimetypes
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from stemmen.errors import Invalid, NotFound
from stemmen.model.media import MediaLink, Turn, label_turns, turn_at
from stemmen.model.text import paragraphs
from stemmen.store import Tx, journal
from stemmen.store import documents as dc
from stemmen.store import media as md
from stemmen.store.engine import sqlite_path

if TYPE_CHECKING:
    from stemmen.project import Project

MEDIA_TYPES = {".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".aac": "audio/aac",
               ".wav": "audio/wav", ".ogg": "audio/ogg", ".oga": "audio/ogg",
               ".opus": "audio/ogg", ".flac": "audio/flac", ".webm": "video/webm",
               ".mp4": "video/mp4", ".m4v": "video/mp4", ".mov": "video/quicktime",
               ".ogv": "video/ogg", ".mkv": "video/x-matroska"}
"""The audio and video files a document can link, by extension (any case)."""


@dataclass(frozen=True)
class ParagraphTime:
    """A paragraph with the speaker and times of the turn it is (times None when unknown)."""

    index: int
    start: int
    end: int
    speaker: str | None
    start_ms: int | None
    end_ms: int | None


@dataclass(frozen=True)
class MediaFile:
    """Where a document's media file is on this computer, to be played or served."""

    path: Path
    mime_type: str
    size: int


def document_turns(tx: Tx, doc_id: int, text: str) -> list[Turn]:
    """The stored turns of a timed transcript, else the turns its speaker labels make."""
    return md.turns_of(tx, doc_id) or label_turns(text, paragraphs(text))


class Media:
    """Speakers, times and the media file of documents."""

    def __init__(self, project: Project) -> None:
        self._p = project

    def folder(self) -> Path | None:
        """The folder copies go to (``<project file>.media``), None for a PostgreSQL project."""
        if not self._p.store.is_sqlite:
            return None
        db = sqlite_path(self._p.store.url)
        return db.with_name(db.name + ".media")

    def link(self, document: str, file: str | Path, copy: bool = True) -> MediaLink:
        """Link an audio or video file to a document: copied into the media folder, or
        referenced where it is (``copy=False``). Replaces an earlier link."""
        source = Path(file).expanduser()
        mime = MEDIA_TYPES.get(source.suffix.lower()) or (mimetypes.guess_type(source.name)[0]
                                                          or "")
        if not mime.startswith(("audio/", "video/")):
            raise Invalid("{file} is not an audio or video file Stemmen can play; use one of "
                          "{extensions}.", file=source.name, extensions=", ".join(MEDIA_TYPES))
        if not source.is_file():
            raise Invalid("{file} does not exist or is not a file.", file=str(source))
        size = source.stat().st_size
        folder = self.folder()
        if copy and folder is None:
            raise Invalid("A PostgreSQL project has no folder to copy {file} into; link it by "
                          "path instead (--link).", file=source.name)
        copied: Path | None = None
        with self._p.store.transaction() as tx:
            doc_id = dc.document_id(tx, document)
            old = md.media_of(tx, doc_id, document)
            if copy and folder is not None:
                copied = _free_name(folder, source.name)
                folder.mkdir(exist_ok=True)
                shutil.copyfile(source, copied)
                stored = copied.name
            else:
                stored = str(source.resolve())
            link = MediaLink(document, stored, copied is not None, mime, size)
            try:
                md.set_media(tx, doc_id, link, self._p.actor)
                journal.record(tx, self._p.actor, "document.media", document=document,
                               file=source.name, copied=link.copied, size=size)
            except BaseException:
                if copied is not None:
                    copied.unlink(missing_ok=True)
                raise
        if old is not None and old.copied and old.path != link.path:
            self._forget_copy(old.path)
        return link

    def unlink(self, document: str) -> bool:
        """Remove a document's media link (a copy in the media folder is deleted when no
        document uses it any more). False when there was none."""
        with self._p.store.transaction() as tx:
            doc_id = dc.document_id(tx, document)
            old = md.media_of(tx, doc_id, document)
            removed = md.remove_media(tx, doc_id)
            if removed:
                journal.record(tx, self._p.actor, "document.media.remove", document=document)
        if old is not None and old.copied:
            self._forget_copy(old.path)
        return removed

    def _forget_copy(self, name: str) -> None:
        folder = self.folder()
        with self._p.store.reading() as conn:
            used = md.copied_paths(conn)
        if folder is not None and name not in used:
            (folder / name).unlink(missing_ok=True)

    def get(self, document: str) -> MediaLink | None:
        """A document's media link, or None."""
        with self._p.store.reading() as conn:
            return md.media_of(conn, dc.document_id(conn, document), document)

    def file(self, document: str) -> MediaFile:
        """The file to play for a document; NotFound when there is none or it has gone."""
        link = self.get(document)
        if link is None:
            raise NotFound("The document {name!r} has no media file.", name=document)
        folder = self.folder()
        path = (folder / link.path) if link.copied and folder is not None else Path(link.path)
        if not path.is_file():
            raise NotFound("The media file of {name!r} is missing: {file}.", name=document,
                           file=str(path))
        return MediaFile(path, link.mime_type, path.stat().st_size)

    def turns(self, document: str) -> list[Turn]:
        """A document's turns: stored ones for a timed transcript, else from speaker labels."""
        with self._p.store.reading() as conn:
            doc = dc.get_document(conn, document)
            return document_turns(conn, dc.document_id(conn, document), doc.text)

    def paragraph_times(self, document: str) -> list[ParagraphTime]:
        """Every paragraph with the speaker and times of its turn (None when not known)."""
        with self._p.store.reading() as conn:
            doc = dc.get_document(conn, document)
            turns = document_turns(conn, dc.document_id(conn, document), doc.text)
        out = []
        for unit in paragraphs(doc.text):
            turn = turn_at(turns, unit.start)
            inside = turn is not None and turn.start <= unit.start < turn.end
            out.append(ParagraphTime(unit.index, unit.start, unit.end,
                                     turn.speaker if turn and inside else None,
                                     turn.start_ms if turn and inside else None,
                                     turn.end_ms if turn and inside else None))
        return out

    def speakers(self, documents: list[str] | None = None) -> dict[str, list[str]]:
        """The speakers of each document (in order of first turn), by document name."""
        names = documents or [d.name for d in self._p.documents.list()]
        out: dict[str, list[str]] = {}
        with self._p.store.reading() as conn:
            for name in names:
                doc = dc.get_document(conn, name)
                turns = document_turns(conn, dc.document_id(conn, name), doc.text)
                out[name] = list(dict.fromkeys(t.speaker for t in turns if t.speaker))
        return out

    def speaker_of(self, spans: list[tuple[str, int]]) -> list[str | None]:
        """The speaker of each (document, position): the turn the position falls in."""
        cache: dict[str, list[Turn]] = {}
        out: list[str | None] = []
        with self._p.store.reading() as conn:
            for name, position in spans:
                if name not in cache:
                    doc = dc.get_document(conn, name)
                    cache[name] = document_turns(conn, dc.document_id(conn, name), doc.text)
                turn = turn_at(cache[name], position)
                out.append(turn.speaker if turn else None)
        return out


def _free_name(folder: Path, name: str) -> Path:
    """``folder/name``, or ``name-2``, ``name-3``... when taken."""
    path = folder / name
    stem, suffix = Path(name).stem, Path(name).suffix
    n = 2
    while path.exists():
        path = folder / f"{stem}-{n}{suffix}"
        n += 1
    return path
