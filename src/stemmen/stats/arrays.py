"""Names for the NumPy arrays the statistics pass around.

The names say what an array holds; the dtype stays open (``NDArray[Any]``) because NumPy
1.26's stubs lose the dtype through arithmetic of generic bit widths (``floating[Any] -
floating[Any]`` comes out as ``signedinteger``, ``bincount`` with weights as integers), which
would need a cast on every other line without catching anything.
"""

from __future__ import annotations

from typing import Any, TypeAlias

from numpy.typing import NDArray

Ints: TypeAlias = NDArray[Any]
"""Integers: offsets, row numbers, ids, counts (-1 often marks missing)."""
Bools: TypeAlias = NDArray[Any]
"""Presence and masks."""
Floats: TypeAlias = NDArray[Any]
"""Proportions, weights and coefficients."""
Numbers: TypeAlias = NDArray[Any]
"""Integers or floats: multiplicities and pattern counts."""
Array: TypeAlias = NDArray[Any]
"""Any dtype: labels that may be numbers or objects."""
