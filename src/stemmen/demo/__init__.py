"""The built-in demo: the AMIF-42 impact evaluation as a synthetic, deterministic project.

Real (published) parts: the codebook, the list of 31 interviews, the 93 report quotes and the
participant profile tables. Everything else (transcripts, participants, codings) is generated
and marked as synthetic. Only the standard library, ``stemmen.model`` and ``stemmen.errors``
are used; the data comes from the package itself (``stemmen/demo/data``).
"""

from stemmen.demo.coding import DOUBLE_CODED
from stemmen.demo.study import PROJECT_NAME, build_demo_study, describe_demo
from stemmen.demo.transcripts import MARKER

__all__ = ["DOUBLE_CODED", "MARKER", "PROJECT_NAME", "build_demo_study", "describe_demo"]
