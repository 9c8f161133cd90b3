"""Code suggestions learnt from a human coder, measured like a coder before anyone trusts them.

* :mod:`.units` – paragraphs as units, each with the set of codes a coder gave it;
* :mod:`.lexical` – the lexical model: TF-IDF word and character n-grams, one-vs-rest logistic
  regression, Platt-calibrated on held-out folds;
* :mod:`.evaluate` – cross-validation grouped by document and the trust report (Cohen's kappa,
  Gwet's AC1 with intervals, precision, recall; codes under the threshold are disabled);
* :mod:`.trust` – the trust report's dataclasses.

Pure functions over plain data: no database, no network.
"""

from stemmen.suggest.evaluate import MIN_DOCUMENTS, MIN_POSITIVE, cross_validate, train
from stemmen.suggest.lexical import LexicalModel
from stemmen.suggest.trust import CodeTrust, TrustReport
from stemmen.suggest.units import TextUnit, labelled_units

__all__ = [
    "MIN_DOCUMENTS",
    "MIN_POSITIVE",
    "CodeTrust",
    "LexicalModel",
    "TextUnit",
    "TrustReport",
    "cross_validate",
    "labelled_units",
    "train",
]
