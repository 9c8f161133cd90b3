"""Statistics: inter-coder agreement as pure functions over plain data (no database).

Layers inside the package, bottom up:

* :mod:`.ratings` – the units x coders table (:class:`Ratings`), :mod:`.weights`;
* :mod:`.coefficients`, :mod:`.krippendorff_alpha` – the coefficients, :mod:`.summary` all at once;
* :mod:`.intervals` – confidence intervals, :mod:`.bands` – how to read a value;
* :mod:`.table` – the (unit, coder, label) table contract (:func:`agreement_from_rows`);
* :mod:`.units`, :mod:`.characters`, :mod:`.segments` – codings on texts to presence arrays;
* :mod:`.code_agreement` – per code, pooled and on code sets;
* :mod:`.disagreements` – what the coders disagreed on, :mod:`.reconcile` – the master coding.
"""

from stemmen.stats.bands import Interpretation, interpret, krippendorff_band, landis_koch, verdict
from stemmen.stats.characters import character_presence
from stemmen.stats.code_agreement import code_agreement, code_ratings, code_set_ratings
from stemmen.stats.coefficients import (
    brennan_prediger,
    cohen_kappa,
    conger_kappa,
    fleiss_kappa,
    gwet_ac1,
    gwet_ac2,
    percent_agreement,
    scott_pi,
)
from stemmen.stats.disagreements import (
    Disagreement,
    code_confusion,
    count_kinds,
    list_disagreements,
)
from stemmen.stats.intervals import Estimate, bootstrap_interval, estimate, estimate_all
from stemmen.stats.krippendorff_alpha import krippendorff_alpha
from stemmen.stats.ratings import Ratings, compress, ratings_from_matrix
from stemmen.stats.reconcile import reconcile
from stemmen.stats.summary import COEFFICIENTS, coefficient, summarise
from stemmen.stats.table import agreement_from_rows
from stemmen.stats.units import Presence, unit_presence

__all__ = [
    "COEFFICIENTS",
    "Disagreement",
    "Estimate",
    "Interpretation",
    "Presence",
    "Ratings",
    "agreement_from_rows",
    "bootstrap_interval",
    "brennan_prediger",
    "character_presence",
    "code_agreement",
    "code_confusion",
    "code_ratings",
    "code_set_ratings",
    "coefficient",
    "cohen_kappa",
    "compress",
    "conger_kappa",
    "count_kinds",
    "estimate",
    "estimate_all",
    "fleiss_kappa",
    "gwet_ac1",
    "gwet_ac2",
    "interpret",
    "krippendorff_alpha",
    "krippendorff_band",
    "landis_koch",
    "list_disagreements",
    "percent_agreement",
    "ratings_from_matrix",
    "reconcile",
    "scott_pi",
    "summarise",
    "unit_presence",
    "verdict",
]
