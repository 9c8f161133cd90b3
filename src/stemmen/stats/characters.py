"""Agreement over characters without one row per character.

All segment boundaries cut each text into spans inside which nothing changes; each span is one
row of the presence array and carries its length as multiplicity, so coefficients count
characters. Adjacent spans are adjacent rows, so boundary disagreements show as in paragraphs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from stemmen.errors import Invalid
from stemmen.stats.segments import expand, global_offsets, linked_units, unit_ranges
from stemmen.stats.units import CodingArrays, Presence, read_codings


def character_presence(
    codings: Iterable[Any] | CodingArrays,
    document_lengths: Mapping[str, int] | None = None,
    *,
    codes: Sequence[str] | None = None,
    coders: Sequence[str] | None = None,
) -> Presence:
    """Presence over characters, as spans between segment boundaries weighted by their length.

    ``document_lengths`` gives each document's length (so uncoded text counts too); without it
    every document runs from 0 to its last coded character (:class:`CodingArrays` need it).
    """
    items = codings if isinstance(codings, CodingArrays) else list(codings)
    if document_lengths is None:
        if isinstance(items, CodingArrays):
            raise Invalid("Indexed codings need the document lengths.")
        lengths: dict[str, int] = {}
        for row in items:
            doc, end = (
                (row[0], row[2]) if isinstance(row, tuple | list) else (row.document, row.end)
            )
            lengths[doc] = max(lengths.get(doc, 0), int(end))
        document_lengths = dict(sorted(lengths.items()))
    documents = tuple(document_lengths)
    arrays, codes, coders = read_codings(items, documents, codes, coders)
    length = np.asarray([document_lengths[d] for d in documents], dtype=np.int64)
    keep = (arrays.document >= 0) & (arrays.code >= 0) & (arrays.coder >= 0)
    doc = arrays.document[keep]
    start = np.clip(arrays.start[keep], 0, length[doc] if doc.size else 0)
    end = np.clip(arrays.end[keep], 0, length[doc] if doc.size else 0)
    stride = int(length.max(initial=0)) + 1
    doc_ids = np.arange(len(documents), dtype=np.int64)
    cuts = np.unique(
        np.concatenate(
            [
                global_offsets(doc_ids, 0 * length, stride),
                global_offsets(doc_ids, length, stride),
                global_offsets(doc, start, stride),
                global_offsets(doc, end, stride),
            ]
        )
    )
    same_doc = cuts[:-1] // stride == cuts[1:] // stride
    span_start, span_end = cuts[:-1][same_doc], cuts[1:][same_doc]
    span_doc = span_start // stride
    first, stop = unit_ranges(
        span_start, span_end, global_offsets(doc, start, stride), global_offsets(doc, end, stride)
    )
    segment, unit = expand(first, stop)
    seg_code, seg_coder = arrays.code[keep], arrays.coder[keep]
    array = np.zeros((span_start.size, len(codes), len(coders)), dtype=bool)
    array[unit, seg_code[segment], seg_coder[segment]] = True
    doc_first = np.searchsorted(span_doc, span_doc, side="left")
    return Presence(
        array,
        codes,
        coders,
        documents,
        span_doc,
        np.arange(span_doc.size) - doc_first + 1,
        span_start - span_doc * stride,
        span_end - span_doc * stride,
        span_end - span_start,
        None,
        linked_units(array, first, stop, seg_code, seg_coder),
        "characters",
        0.0,
    )
