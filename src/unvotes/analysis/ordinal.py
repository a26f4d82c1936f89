"""The ordered logistic vote model of :mod:`.dynamic_ideal`: one observation's log likelihood and
its first and second derivatives, vectorised over observations, and the Newton steps they feed.

A vote y in {0 = no, 1 = abstain, 2 = yes} on item k by a state at position x::

    P(y >= 1) = F1 = logistic(beta_k x - c_k + d_k)
    P(y >= 2) = F2 = logistic(beta_k x - c_k - d_k)          d_k >= 0

so the cutpoints are c_k - d_k and c_k + d_k (McCullagh, "Regression Models for Ordinal Data",
*JRSS B* 42(2), 1980). An item without any abstention is binary: d_k is held at 0. The log
likelihood is concave in (beta_k x, c_k, d_k), hence in x given the item and in the item given x.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = ["Items", "Observations", "item_step", "log_likelihood", "position_terms"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]
_TINY = 1e-12
MIN_GAP = 0.01  #: smallest half-distance d_k between the cutpoints of an item with abstentions
MAX_STEP = 2.0  #: a Newton step on an item moves no parameter further than this


@dataclass(frozen=True, slots=True)
class Observations:
    """Parallel arrays, one entry per yes/abstain/no vote: its cell (state-year), item and y."""

    cell: IntArray
    item: IntArray
    y: npt.NDArray[np.int8]  #: sorted: every no, then every abstain, then every yes
    n_items: int

    @classmethod
    def of(cls, cell: IntArray, item: IntArray, y: npt.NDArray[np.int8], n_items: int) -> Observations:
        """The observations sorted by y (stable), as the derivative code expects."""
        order = np.argsort(y, kind="stable")
        return cls(cell[order], item[order], y[order], n_items)

    def slices(self) -> tuple[slice, slice, slice]:
        """The no, abstain and yes observations."""
        bounds = np.searchsorted(self.y, [1, 2])
        return slice(0, int(bounds[0])), slice(int(bounds[0]), int(bounds[1])), slice(int(bounds[1]), len(self.y))


@dataclass(slots=True)
class Items:
    """Item parameters: discrimination, cutpoint centre and half-gap (0 on binary items)."""

    beta: FloatArray
    centre: FloatArray
    gap: FloatArray
    is_ordinal: npt.NDArray[np.bool_]


def _sigmoid(z: FloatArray) -> FloatArray:
    return np.asarray(0.5 * (1.0 + np.tanh(0.5 * z)), dtype=np.float64)


def _sums(obs: Observations, x: FloatArray, items: Items) -> tuple[FloatArray, FloatArray]:
    """Per item: the gradient (items × 3) and negative Hessian (items × 3 × 3) of the log likelihood
    in (beta, a1, a2), a the cutpoints. Observations are sorted by y, so each category is a slice."""
    n = obs.n_items
    g = np.zeros((n, 3))
    h = np.zeros((n, 3, 3))
    for category, part in enumerate(obs.slices()):
        k = obs.item[part]
        xo = x[obs.cell[part]]
        eta = items.beta[k] * xo
        terms = _category_terms(category, eta, items.centre[k], items.gap[k])
        weights = (xo, np.ones_like(xo), np.ones_like(xo))
        for a in range(3):
            grad = terms.grad[a]
            if grad is not None:
                g[:, a] += np.bincount(k, weights=weights[a] * grad, minlength=n)
            for b in range(a, 3):
                value = terms.hess[a][b]
                if value is not None:
                    h[:, a, b] += np.bincount(k, weights=weights[a] * weights[b] * value, minlength=n)
    for a in range(3):
        for b in range(a):
            h[:, a, b] = h[:, b, a]
    return g, h


@dataclass(frozen=True, slots=True)
class _Terms:
    """One category's terms in (eta, a1, a2); None where a term is zero for the category."""

    grad: tuple[FloatArray | None, FloatArray | None, FloatArray | None]
    hess: tuple[tuple[FloatArray | None, ...], ...]


def _category_terms(category: int, eta: FloatArray, centre: FloatArray, gap: FloatArray) -> _Terms:
    """Gradient and negative Hessian of log P(y = category) in (eta, a1, a2)."""
    if category == 0:  # no: log(1 - F1)
        f1 = _sigmoid(eta - centre + gap)
        d1 = f1 * (1 - f1)
        return _Terms((-f1, f1, None), ((d1, -d1, None), (None, d1, None), (None, None, None)))
    if category == 2:  # yes: log F2
        f2 = _sigmoid(eta - centre - gap)
        d2 = f2 * (1 - f2)
        return _Terms((1 - f2, None, f2 - 1), ((d2, None, -d2), (None, None, None), (None, None, d2)))
    f1 = _sigmoid(eta - centre + gap)
    f2 = _sigmoid(eta - centre - gap)
    d1, d2 = f1 * (1 - f1), f2 * (1 - f2)
    diff = np.maximum(f1 - f2, _TINY)
    h11 = (d1 * d1 - d1 * (1 - 2 * f1) * diff) / diff**2
    h22 = d2 * ((1 - 2 * f2) * diff + d2) / diff**2
    return _Terms(
        (1 - f1 - f2, -d1 / diff, d2 / diff),
        ((d1 + d2, -d1, -d2), (None, h11, -d1 * d2 / diff**2), (None, None, h22)),
    )


def position_terms(obs: Observations, x: FloatArray, items: Items, n_cells: int) -> tuple[FloatArray, FloatArray]:
    """Per cell: the gradient and the negative second derivative of the log likelihood in x.

    In eta = beta x the gradient is -F1 (no), 1 - F1 - F2 (abstain) or 1 - F2 (yes); the negative
    second derivative is F1(1 - F1) unless yes plus F2(1 - F2) unless no."""
    grad = np.zeros(n_cells)
    info = np.zeros(n_cells)
    for category, part in enumerate(obs.slices()):
        k = obs.item[part]
        cell = obs.cell[part]
        beta = items.beta[k]
        terms = _category_terms(category, beta * x[cell], items.centre[k], items.gap[k])
        g_eta, h_ee = terms.grad[0], terms.hess[0][0]
        assert g_eta is not None and h_ee is not None
        grad += np.bincount(cell, weights=beta * g_eta, minlength=n_cells)
        info += np.bincount(cell, weights=beta * beta * h_ee, minlength=n_cells)
    return grad, info


def item_step(obs: Observations, x: FloatArray, items: Items, prior_var: float) -> Items:
    """One damped Newton step on every item's (beta, centre, gap) given the positions x.

    The 3 × 3 systems are solved together; a binary item keeps gap 0, an ordinal one at least
    :data:`MIN_GAP`; no parameter moves more than :data:`MAX_STEP`. Priors: N(0, prior_var) on beta
    and on both cutpoints."""
    g, h = _sums(obs, x, items)
    a1, a2 = items.centre - items.gap, items.centre + items.gap
    g -= np.stack([items.beta, a1, a2], axis=1) / prior_var
    h[:, [0, 1, 2], [0, 1, 2]] += 1 / prior_var
    # (beta, a1, a2) -> (beta, centre, gap): a1 = centre - gap, a2 = centre + gap
    jac = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, -1.0], [0.0, 1.0, 1.0]])
    g = g @ jac
    h = jac.T @ h @ jac
    binary = ~items.is_ordinal
    g[binary, 2] = 0.0
    h[binary, 2, :] = 0.0
    h[binary, :, 2] = 0.0
    h[binary, 2, 2] = 1.0
    step = np.linalg.solve(h, g[:, :, None])[:, :, 0]
    step *= np.minimum(1.0, MAX_STEP / np.maximum(np.abs(step).max(axis=1), _TINY))[:, None]
    gap = np.where(items.is_ordinal, np.maximum(items.gap + step[:, 2], MIN_GAP), 0.0)
    return Items(items.beta + step[:, 0], items.centre + step[:, 1], gap, items.is_ordinal)


def log_likelihood(obs: Observations, x: FloatArray, items: Items) -> float:
    """Σ log P(y) over the observations."""
    k = obs.item
    eta = items.beta[k] * x[obs.cell]
    f1 = _sigmoid(eta - items.centre[k] + items.gap[k])
    f2 = _sigmoid(eta - items.centre[k] - items.gap[k])
    p = np.where(obs.y == 0, 1 - f1, np.where(obs.y == 1, f1 - f2, f2))
    return float(np.log(np.maximum(p, _TINY)).sum())
