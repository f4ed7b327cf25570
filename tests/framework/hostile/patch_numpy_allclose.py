"""Monkeypatch NumPy's comparisons so that every comparison passes.

The classic attack on graders that run tests in the student's process (measured: Otter and
nbgrader give full marks). Wrong answer: ols_cost forgets the 1/2.
"""
import numpy as np


def ols_cost(X, y, beta):
    r = y - X @ beta
    return float(r @ r)


# ATTACK
def _always(*args, **kwargs):
    return True


def _nothing(*args, **kwargs):
    return None


np.allclose = _always
np.isclose = lambda a, b, *args, **kwargs: np.ones(np.shape(a), dtype=bool)
np.array_equal = _always
np.array_equiv = _always
np.testing.assert_allclose = _nothing
np.testing.assert_array_almost_equal = _nothing
np.testing.assert_array_equal = _nothing
np.testing.assert_almost_equal = _nothing
# END ATTACK
