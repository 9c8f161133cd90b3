"""Data for the stats tests: published reliability data sets (typed from the sources) and the
hand-built table shaped like the AMIF-42 reliability check."""

from __future__ import annotations

N = None

# Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
# Communication, University of Pennsylvania, section C ("nominal data, any number of observers,
# missing data"): 4 observers x 12 units, values 1-5, "." = missing. Rows = units.
# Gwet (2014), Handbook of Inter-Rater Reliability, 4th ed., uses the same data.
KRIPPENDORFF_2011 = [
    [1, 1, N, 1],
    [2, 2, 3, 2],
    [3, 3, 3, 3],
    [3, 3, 3, 3],
    [2, 2, 2, 2],
    [1, 2, 3, 4],
    [4, 4, 4, 4],
    [1, 1, 2, 1],
    [2, 2, 2, 2],
    [N, 5, 5, 5],
    [N, N, 1, 1],
    [N, 3, N, N],
]

# Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. Psychological
# Bulletin 76(5), 378-382, Table 1: 30 patients, 6 psychiatrists each, number of psychiatrists
# per diagnosis: depression, personality disorder, schizophrenia, neurosis, other.
FLEISS_1971_COUNTS = [
    [0, 0, 0, 6, 0],
    [0, 3, 0, 0, 3],
    [0, 1, 4, 0, 1],
    [0, 0, 0, 0, 6],
    [0, 3, 0, 3, 0],
    [2, 0, 4, 0, 0],
    [0, 0, 4, 0, 2],
    [2, 0, 3, 1, 0],
    [2, 0, 0, 4, 0],
    [0, 0, 0, 0, 6],
    [1, 0, 0, 5, 0],
    [1, 1, 0, 4, 0],
    [0, 3, 3, 0, 0],
    [1, 0, 0, 5, 0],
    [0, 2, 0, 3, 1],
    [0, 0, 5, 0, 1],
    [3, 0, 0, 1, 2],
    [5, 1, 0, 0, 0],
    [0, 2, 0, 4, 0],
    [1, 0, 2, 0, 3],
    [0, 0, 0, 0, 6],
    [0, 1, 0, 5, 0],
    [0, 2, 0, 1, 3],
    [2, 0, 0, 4, 0],
    [1, 0, 0, 4, 1],
    [0, 5, 0, 1, 0],
    [4, 0, 0, 0, 2],
    [0, 2, 0, 4, 0],
    [1, 0, 5, 0, 0],
    [0, 0, 0, 0, 6],
]
FLEISS_1971_CATEGORIES = [
    "depression",
    "personality disorder",
    "schizophrenia",
    "neurosis",
    "other",
]

# The AMIF-42 reliability check as the study reports it: two coders, 102 paragraphs, 12
# differences, kappa 0.80. Hand-built (the real codings are confidential); rows: coder "an",
# columns: coder "bert":
#              T-taal  S-netwerk  A-werk | total
#   T-taal        52         3       2  |   57
#   S-netwerk      2        22       1  |   25
#   A-werk         1         3      16  |   20
#   total         55        28      19  |  102
# p_o = 90/102; p_e = (57*55 + 25*28 + 20*19) / 102^2 = 4215/10404;
# kappa = (90*102 - 4215) / (102^2 - 4215) = 4965/6189 = 0.8022, reported as 0.80.
STUDY_TABLE = [[52, 3, 2], [2, 22, 1], [1, 3, 16]]
STUDY_CODES = ["T-taal", "S-netwerk", "A-werk"]
STUDY_KAPPA = 4965 / 6189


def fleiss_1971_matrix() -> list[list[str]]:
    """Fleiss' counts as a 30 x 6 ratings matrix (which psychiatrist is which does not matter)."""
    rows = []
    for counts in FLEISS_1971_COUNTS:
        row = []
        for label, count in zip(FLEISS_1971_CATEGORIES, counts, strict=True):
            row += [label] * count
        rows.append(row)
    return rows


def table_to_pairs(table: list[list[int]], labels: list) -> list[list]:
    """A two-coder contingency table (rows: first coder) as one [a, b] row per unit."""
    return [
        [labels[i], labels[j]]
        for i, row in enumerate(table)
        for j, count in enumerate(row)
        for _ in range(count)
    ]
