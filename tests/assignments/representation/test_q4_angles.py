"""q4: the principal angles between the column spaces of A (d, p) and B (d, q), in radians and
increasing order (graded on angles of at least 0.05 rad, and on angles of 0 with an absolute
tolerance of 1e-7 rad)."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close, fail

from ._data import subspaces_with_angles
from ._models import orthonormal

RTOL, ATOL = 1e-9, 1e-10
ZERO_ATOL = 1e-7  # where an angle is 0, arccos of a cosine within rounding of 1 gives ~1e-8


def diagnose(A, B):
    """Diagnoses of principal_angles(A, B)."""
    QA, QB = orthonormal(A), orthonormal(B)
    cosines = np.linalg.svd(QA.T @ QB, compute_uv=False)

    def svd_arccos(M):
        return lambda: np.arccos(np.clip(np.linalg.svd(M, compute_uv=False), -1.0, 1.0))

    def columns(M):
        return M / np.linalg.norm(M, axis=0)

    return Diagnose(
        factors={"180/pi": 180.0 / np.pi},
        hints={"180/pi": "The angles are in radians, not degrees."},
        wrong_formulas={
            "cosines": ("the cosines of the angles (the singular values): take their arccos",
                        lambda: cosines),
            "unnormalised": ("the arccos of the singular values of A^T B: orthonormalise each "
                             "basis first (QR), since A and B need not be orthonormal",
                             svd_arccos(A.T @ B)),
            "columns": ("the arccos of the singular values of A^T B with unit columns: the "
                        "columns must also be made orthogonal to each other (QR, not only a "
                        "division by their norms)", svd_arccos(columns(A).T @ columns(B))),
            "one_sided": ("only one of the two bases orthonormalised: orthonormalise both",
                          svd_arccos(QA.T @ B)),
            "arcsin": ("the arcsin of the cosines (pi/2 minus the angles)",
                       lambda: np.arcsin(np.clip(cosines, -1.0, 1.0))),
        },
        transpose=False,
    )


def expect_angles(sub, A, B, want, label, *, atol=ATOL):
    """principal_angles(A, B) equals the increasing angles ``want``; a result in the reverse
    order is named as such."""
    want = np.asarray(want, dtype=float)
    name = f"principal_angles({label})"
    got = sub.principal_angles(A, B)
    if (isinstance(got, np.ndarray) and got.shape == want.shape and got.dtype.kind == "f"
            and np.all(np.isfinite(got)) and not np.allclose(got, want, rtol=RTOL, atol=atol)
            and np.allclose(got, want[::-1], rtol=RTOL, atol=atol)):
        fail(f"{name} has the right angles in decreasing order: return them in increasing "
             "order (the cosines, the singular values, come out decreasing, so their arccos "
             "is already increasing; scipy.linalg.subspace_angles returns decreasing angles).",
             "order")
    if isinstance(got, np.ndarray) and got.dtype.kind == "f" and np.any(np.isnan(got)):
        fail(f"{name} contains NaN: a cosine computed as slightly above 1 (rounding) has no "
             "arccos; clip the cosines to [-1, 1] first.", "not_finite", "stability")
    expect_close(got, want, name=name, rtol=RTOL, atol=atol, diagnose=diagnose(A, B))


@check("q4", points=1)
def test_angles_on_hand_examples(sub):
    """The plane of (1, 0, 0) and (1, 2, 0) and the plane of (2, 0, 2) and (1, 3, 1) share the
    direction (0, 1, 0) and meet at pi/4 otherwise: angles (0, pi/4). The line of (1, 1, 1, 0)
    and the plane of (1, 0, 0, 0) and (1, 1, 0, 0) meet at arccos(sqrt(2/3)), either way
    round."""
    A = np.array([[1.0, 1.0], [0.0, 2.0], [0.0, 0.0]])
    B = np.array([[2.0, 1.0], [0.0, 3.0], [2.0, 1.0]])
    expect_angles(sub, A, B, [0.0, np.pi / 4], "A (3, 2), B (3, 2)", atol=ZERO_ATOL)
    a = np.array([[1.0], [1.0], [1.0], [0.0]])
    plane = np.array([[1.0, 1.0], [0.0, 1.0], [0.0, 0.0], [0.0, 0.0]])
    angle = np.arccos(np.sqrt(2.0 / 3.0))
    expect_angles(sub, a, plane, [angle], "a (4, 1), B (4, 2)")
    expect_angles(sub, plane, a, [angle], "B (4, 2), a (4, 1)")


@check("q4", points=1)
def test_angles_of_subspaces_built_with_known_angles(sub, rng):
    """A 3-D and a 4-D subspace of R^8, each given by a basis that is not orthonormal, built
    to meet at the angles 1.4, 0.3 and 0.8 rad: the result is (0.3, 0.8, 1.4)."""
    A, B = subspaces_with_angles(rng, 8, [1.4, 0.3, 0.8], 3, 4)
    expect_angles(sub, A, B, [0.3, 0.8, 1.4], "A (8, 3), B (8, 4)")


@check("q4", points=2, hidden=True)
def test_angles_match_scipy(sub, rng):
    """On random subspaces (A (8, 3), B (8, 5); A (6, 4), B (6, 2)) with every angle at least
    0.05 rad, the angles are SciPy's subspace_angles in increasing order."""
    from ._oracles import angles_scipy

    for d, p, q in [(8, 3, 5), (6, 4, 2)]:
        while True:
            A = rng.standard_normal((d, p)) * rng.uniform(0.5, 3.0, p)
            B = rng.standard_normal((d, q)) + 0.5 * rng.standard_normal(d)[:, None]
            want = angles_scipy(A, B)
            if want.min() >= 0.05:
                break
        expect_angles(sub, A, B, want, f"A ({d}, {p}), B ({d}, {q})")


@check("q4", points=2, hidden=True)
def test_angles_of_subspaces_that_share_directions(sub, rng):
    """Subspaces that share one direction (angles 0, 0.6 and 1.2 rad; A (9, 3), B (9, 4)) and
    two bases of one 3-D subspace (all angles 0) give those angles, to 1e-7 rad where they
    are 0, and match SciPy's subspace_angles."""
    from ._oracles import angles_scipy

    A, B = subspaces_with_angles(rng, 9, [1.2, 0.0, 0.6], 3, 4)
    expect_angles(sub, A, B, [0.0, 0.6, 1.2], "A (9, 3), B (9, 4)", atol=ZERO_ATOL)
    expect_angles(sub, A, B, angles_scipy(A, B), "A (9, 3), B (9, 4)", atol=ZERO_ATOL)
    M = rng.uniform(-1.0, 1.0, (3, 3)) + 2.0 * np.eye(3)
    expect_angles(sub, A @ M, A, np.zeros(3), "A M, A (9, 3) for an invertible M",
                  atol=ZERO_ATOL)
