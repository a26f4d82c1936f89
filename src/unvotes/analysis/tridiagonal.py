"""Many independent symmetric tridiagonal systems at once, one per row of a matrix.

Row ``r`` holds the system ``H_r x_r = g_r`` of order T whose diagonal is ``diag[r]`` and whose
off-diagonal (between entries t and t + 1) is ``off[r, t]`` (``off`` has T - 1 columns). The
Thomas algorithm (L. H. Thomas, 1949; e.g. Golub & Van Loan, *Matrix Computations*, §4.3) runs
over the T columns with every row at once, so the cost is T vectorised steps whatever the number
of rows. The systems must be positive definite (the random-walk precision plus a data term is).

>>> diag = np.array([[2.0, 2.0, 2.0]]); off = np.array([[-1.0, -1.0]])
>>> solve_rows(diag, off, np.array([[1.0, 0.0, 1.0]])).round(6).tolist()
[[1.0, 1.0, 1.0]]
>>> inverse_diagonal_rows(diag, off).round(4).tolist()
[[0.75, 1.0, 0.75]]
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["inverse_diagonal_rows", "solve_rows"]

FloatArray = npt.NDArray[np.float64]


def _forward_pivots(diag: FloatArray, off: FloatArray) -> FloatArray:
    """Pivots of the LDL' factorisation from the first column: p_t = a_t - b_{t-1}² / p_{t-1}."""
    pivots = np.empty_like(diag)
    pivots[:, 0] = diag[:, 0]
    for t in range(1, diag.shape[1]):
        pivots[:, t] = diag[:, t] - off[:, t - 1] ** 2 / pivots[:, t - 1]
    return pivots


def solve_rows(diag: FloatArray, off: FloatArray, rhs: FloatArray) -> FloatArray:
    """x with H_r x_r = rhs_r for every row r (see the module docstring)."""
    pivots = _forward_pivots(diag, off)
    z = np.empty_like(rhs)
    z[:, 0] = rhs[:, 0]
    for t in range(1, rhs.shape[1]):
        z[:, t] = rhs[:, t] - off[:, t - 1] / pivots[:, t - 1] * z[:, t - 1]
    x = np.empty_like(rhs)
    last = rhs.shape[1] - 1
    x[:, last] = z[:, last] / pivots[:, last]
    for t in range(last - 1, -1, -1):
        x[:, t] = (z[:, t] - off[:, t] * x[:, t + 1]) / pivots[:, t]
    return x


def inverse_diagonal_rows(diag: FloatArray, off: FloatArray) -> FloatArray:
    """The diagonal of H_r⁻¹ for every row: 1 / (p_t + q_t - a_t), with p the pivots from the
    first column and q those from the last (the two one-sided eliminations meet at t)."""
    forward = _forward_pivots(diag, off)
    backward = _forward_pivots(diag[:, ::-1], off[:, ::-1])[:, ::-1]
    return np.asarray(1.0 / (forward + backward - diag), dtype=np.float64)
