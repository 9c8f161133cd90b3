"""Presence from integer rows and unit bounds, and the faster counting behind agreement: each
checked against the plain way (objects, one-shot numpy) it replaces, on random data."""

from __future__ import annotations

import random

import numpy as np
import pytest

from stemmen.errors import Invalid
from stemmen.model.text import paragraphs
from stemmen.stats import character_presence, code_set_ratings, unit_presence
from stemmen.stats import ratings as rt
from stemmen.stats.code_agreement import across_coders
from stemmen.stats.ratings import Ratings, compress, presence_patterns
from stemmen.stats.segments import expand, linked_units, unit_ranges
from stemmen.stats.units import (
    CodingArrays,
    Presence,
    index_codings,
    paragraph_bounds,
    read_codings,
    select_codings,
)

SPACES = [" ", "\t", "\u00a0", "\u2003", "\u3000", "\x1c", "\x85", "\x0b", "\x0c", "\r"]


def test_paragraph_bounds_are_the_paragraph_units():
    rng = random.Random(7)
    alphabet = ["a", "é", "\n", "\n", *SPACES]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        want = [(u.start, u.end) for u in paragraphs(text)]
        assert paragraph_bounds(text).tolist() == [list(b) for b in want], repr(text)
    assert paragraph_bounds("").shape == (0, 2)


def test_index_codings_maps_ids_and_drops_what_is_not_mapped():
    batches = [[(10, 0, 5, 7, 1), (11, 2, 3, 8, 2)], [(12, 1, 4, 7, 1), (10, 3, 9, 9, 2)], []]
    arrays = index_codings(batches, {10: 0, 11: 1}, {7: 0, 8: 1, 9: 2}, {1: 1, 2: 0})
    assert arrays.document.tolist() == [0, 1, 0]  # document 12 is not mapped
    assert arrays.start.tolist() == [0, 2, 3] and arrays.end.tolist() == [5, 3, 9]
    assert arrays.code.tolist() == [0, 1, 2] and arrays.coder.tolist() == [1, 0, 0]
    assert index_codings([], {1: 0}, {1: 0}, {1: 0}).document.size == 0
    picked = select_codings(arrays, [-1, 0], [0, -1])  # document 0 and coder 1 go
    assert picked.document.tolist() == [0] and picked.start.tolist() == [2]


def test_indexed_codings_need_their_vocabularies():
    arrays = index_codings([[(1, 0, 2, 1, 1)]], {1: 0}, {1: 0}, {1: 0})
    assert read_codings(arrays, ["d"], ["X"], ["an"])[0] is arrays
    with pytest.raises(Invalid):
        read_codings(arrays, ["d"])
    with pytest.raises(Invalid):
        character_presence(arrays, codes=["X"], coders=["an"])


def _random_codings(rng: random.Random, texts: dict[str, str], n: int) -> list[tuple]:
    rows = []
    names = list(texts)
    for _ in range(n):
        doc = rng.choice(names)
        start = rng.randrange(len(texts[doc]) - 1)
        end = min(len(texts[doc]), start + rng.randint(1, 30))
        rows.append((doc, start, end, rng.choice("XYZ"), rng.choice(["an", "bert"])))
    return rows


def _same(a: Presence, b: Presence) -> None:
    for name in ("array", "unit_document", "unit_index", "unit_start", "unit_end",
                 "multiplicity", "touched", "linked"):
        x, y = getattr(a, name), getattr(b, name)
        assert (x is None) == (y is None) and (x is None or np.array_equal(x, y)), name


@pytest.mark.parametrize("cover", [0.0, 0.5])
def test_presence_from_arrays_and_bounds_equals_presence_from_objects(cover):
    rng = random.Random(11)
    texts = {f"d{i}": "\n".join("w " * rng.randint(1, 9) if rng.random() > 0.2 else "  "
                                for _ in range(8)) + "\nend" for i in range(3)}
    rows = _random_codings(rng, texts, 80)
    docs, codes, coders = sorted(texts), ["X", "Y", "Z"], ["an", "bert"]
    ids = {name: 100 + i for i, name in enumerate(docs)}
    batches = [[(ids[d], s, e, ord(c), 5 if who == "an" else 6) for d, s, e, c, who in rows]]
    arrays = index_codings(batches, {ids[d]: i for i, d in enumerate(docs)},
                           {ord(c): j for j, c in enumerate(codes)}, {5: 0, 6: 1})
    old = unit_presence({d: paragraphs(texts[d]) for d in docs}, rows, codes=codes,
                        coders=coders, min_coverage=cover)
    new = unit_presence({d: paragraph_bounds(texts[d]) for d in docs}, arrays, codes=codes,
                        coders=coders, min_coverage=cover)
    _same(new, old)
    assert old.array.any() and old.linked.any()
    lengths = {d: len(texts[d]) for d in docs}
    _same(character_presence(arrays, lengths, codes=codes, coders=coders),
          character_presence(rows, lengths, codes=codes, coders=coders))


def test_a_document_without_units_is_allowed():
    p = unit_presence({"blank": np.zeros((0, 2)), "d": [(0, 4)]}, [("d", 0, 2, "X", "an")])
    assert p.n_units == 1 and p.array[0, 0, 0]


def _old_linked(array, first, stop, code, coder):
    n_units, n_codes, n_coders = array.shape
    linked = np.zeros_like(array)
    segment, unit = expand(first, stop)
    for g in range(n_coders):
        running = np.zeros((n_units + 1, n_codes), dtype=np.int64)
        np.cumsum(array[:, :, g], axis=0, out=running[1:])
        reaches = running[stop, code] - running[first, code] > 0
        take = (coder[segment] != g) & reaches[segment]
        linked[unit[take], code[segment[take]], g] = True
    for s, u in zip(segment.tolist(), unit.tolist(), strict=True):  # nothing marked here,
        for g in range(n_coders):  # something marked elsewhere under the segment
            if coder[s] != g and not array[u, :, g].any() and any(
                    array[v, :, g].any() for v in range(first[s], stop[s]) if v != u):
                linked[u, code[s], g] = True
    return linked


def test_linked_units_one_code_at_a_time_are_the_same():
    rng = np.random.default_rng(5)
    for _ in range(50):
        n_units, n_codes, n_coders = (int(x) for x in rng.integers(1, 12, size=3))
        bounds = np.sort(rng.choice(200, size=2 * n_units, replace=False))
        starts, ends = bounds[0::2], bounds[1::2]
        seg_start = rng.integers(0, 200, size=30)
        seg_end = seg_start + rng.integers(1, 40, size=30)
        first, stop = unit_ranges(starts, ends, seg_start, seg_end)
        code, coder = rng.integers(0, n_codes, size=30), rng.integers(0, n_coders, size=30)
        array = rng.random((n_units, n_codes, n_coders)) < 0.3
        assert np.array_equal(linked_units(array, first, stop, code, coder),
                              _old_linked(array, first, stop, code, coder))


def test_presence_patterns_in_slices_are_the_one_shot_counts(monkeypatch):
    def one_shot(present, weights=None):
        keys = np.zeros(present.shape[:-1], dtype=np.int64)
        for g in range(present.shape[-1]):
            keys |= present[..., g].astype(np.int64) << g
        return np.bincount(keys.ravel(), weights=weights, minlength=1 << present.shape[-1])

    monkeypatch.setattr(rt, "PATTERN_ROWS", 7)
    rng = np.random.default_rng(2)
    for shape in [(0, 2), (5, 3), (40, 2), (30, 4, 2), (0, 3, 2), (23, 1, 3)]:
        present = rng.random(shape) < 0.4
        n = int(np.prod(shape[:-1]))
        for weights in (None, rng.integers(1, 9, size=n), rng.random(n)):
            got, want = presence_patterns(present, weights), one_shot(present, weights)
            assert got.dtype == want.dtype and np.array_equal(got, want)
        if len(shape) == 3 and shape[0]:
            column = present[:, 0, :]  # a strided view, as code_agreement passes
            assert np.array_equal(presence_patterns(column), one_shot(column))


def test_compress_with_integer_keys_keeps_numpys_row_order():
    rng = np.random.default_rng(4)
    for n_categories, n_coders in [(2000, 2), (300, 3), (5000, 2)]:
        codes = rng.integers(-1, n_categories, size=(4000, n_coders)).astype(np.int32)
        codes = codes[rng.integers(0, 1500, size=4000)]  # repeated rows
        weight = rng.random(4000)
        r = compress(Ratings(codes, tuple(range(n_categories)), ("a", "b", "c")[:n_coders],
                             weight))
        rated = (codes >= 0).any(axis=1)
        patterns, inverse = np.unique(codes[rated], axis=0, return_inverse=True)
        assert np.array_equal(r.codes, patterns.astype(np.int32))
        assert np.array_equal(r.weight, np.bincount(inverse.ravel(), weights=weight[rated]))


@pytest.mark.parametrize("n_codes", [3, 40, 64, 65, 100])
def test_code_set_labels_with_integer_keys_are_the_byte_order_labels(n_codes):
    rng = np.random.default_rng(n_codes)
    array = rng.random((500, n_codes, 2)) < 0.05
    packed = np.packbits(array, axis=1)
    rows = np.ascontiguousarray(packed.transpose(0, 2, 1)).reshape(1000, -1)
    _, want = np.unique(rows.view(np.dtype((np.void, rows.shape[1]))).ravel(),
                        return_inverse=True)
    empty = np.zeros(500, dtype=np.int64)
    presence = Presence(array, tuple(map(str, range(n_codes))), ("a", "b"), ("d",), empty,
                        empty, empty, empty)
    assert np.array_equal(code_set_ratings(presence).codes, want.reshape(500, 2))
    anyone, everyone = across_coders(array)
    assert np.array_equal(anyone, array.any(axis=2))
    assert np.array_equal(everyone, array.all(axis=2))


def test_coding_arrays_pass_through_unit_presence_unchanged():
    arrays = CodingArrays(*(np.array([0]), np.array([0]), np.array([3]), np.array([1]),
                            np.array([0])))
    p = unit_presence({"d": [(0, 2), (3, 5)]}, arrays, codes=["X", "Y"], coders=["an"])
    assert p.array[:, 1, 0].tolist() == [True, False]
