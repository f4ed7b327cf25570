"""q4: the banded (Toeplitz) matrix of a valid 1-D cross-correlation."""

import numpy as np

from autograder.testing import Diagnose, check, expect_array, expect_close

from ._oracles import conv1d_reference

RTOL, ATOL = 1e-12, 1e-12


def _band(kernel, n, *, flip=False):
    """Column j is the valid cross-correlation of the unit vector e_j with kernel."""
    kernel = np.asarray(kernel)[::-1] if flip else np.asarray(kernel)
    return np.stack([np.correlate(e, kernel, mode="valid") for e in np.eye(n)], axis=1)


def _diagnose(kernel, n):
    k = len(kernel)
    return Diagnose(
        wrong_formulas={
            "flipped": ("the matrix of a true convolution: the kernel is reversed in each row. "
                        "Row i holds kernel[0], ..., kernel[k - 1] at columns i, ..., i + k - 1",
                        lambda: _band(kernel, n, flip=True)),
            "full": ("an (n + k - 1, n) matrix (a 'full' correlation); the valid one has "
                     "n - k + 1 rows, one per window that fits",
                     lambda: np.stack([np.correlate(np.pad(e, k - 1), kernel, mode="valid")
                                       for e in np.eye(n)], axis=1)),
        },
        hints={"transpose": "M has shape (n - k + 1, n): one row per output."},
    )


@check("q4", points=1)
def test_matrix_of_a_small_kernel(sub):
    """For kernel [1, 2, 3] and n = 5, M is the 3x5 banded matrix.

    The kernel sits on the band, shifted one column per row.
    """
    want = [[1.0, 2.0, 3.0, 0.0, 0.0],
            [0.0, 1.0, 2.0, 3.0, 0.0],
            [0.0, 0.0, 1.0, 2.0, 3.0]]
    expect_close(sub.conv1d_matrix(np.array([1.0, 2.0, 3.0]), 5), want,
                 name="conv1d_matrix([1, 2, 3], 5)", rtol=RTOL, atol=ATOL,
                 diagnose=_diagnose(np.array([1.0, 2.0, 3.0]), 5))


@check("q4", points=1)
def test_matrix_times_a_signal_is_the_correlation(sub, rng):
    """M @ x equals np.correlate(x, kernel, 'valid') for random signals."""
    kernel = rng.standard_normal(4)
    M = expect_array(sub.conv1d_matrix(kernel, 9), name="conv1d_matrix(kernel, 9)",
                     shape=(6, 9))
    for _ in range(3):
        x = rng.standard_normal(9)
        expect_close(M @ x, np.correlate(x, kernel, mode="valid"),
                     name="conv1d_matrix(kernel, 9) @ x", rtol=1e-10, atol=1e-10,
                     diagnose=Diagnose(wrong_formulas={
                         "flipped": ("np.convolve(x, kernel, 'valid'): a true convolution, "
                                     "the kernel is reversed",
                                     lambda x=x: np.convolve(x, kernel, mode="valid")),
                     }))


@check("q4", points=3, hidden=True)
def test_matrix_matches_torch_conv1d(sub, rng):
    """M is the banded matrix and M @ x matches torch's conv1d, on random kernels.

    Kernel lengths k = 1 and k = n included.
    """
    for k, n in [(3, 11), (5, 7), (1, 6), (4, 4), (2, 9)]:
        kernel = rng.standard_normal(k)
        name = f"conv1d_matrix for a random kernel of length {k} and n = {n}"
        M = sub.conv1d_matrix(kernel, n)
        expect_close(M, _band(kernel, n), name=name, rtol=RTOL, atol=ATOL,
                     diagnose=_diagnose(kernel, n))
        x = rng.standard_normal(n)
        expect_close(M @ x, conv1d_reference(kernel, x), name=name + " @ x", rtol=1e-10,
                     atol=1e-10)
