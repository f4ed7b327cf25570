"""q5: gradient_decay(Wh, T)[k - 1] = the spectral norm of Wh^k, the bound on how much k steps
of the linear recurrence h_k = h_{k-1} @ Wh can shrink or stretch a gradient."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close

RTOL, ATOL = 1e-9, 0.0
STEPS = "k - 1 (entry for k steps)"


def _orthogonal(rng, n):
    Q, R = np.linalg.qr(rng.standard_normal((n, n)))
    return Q * np.sign(np.diag(R))


def _rotation(theta):
    c, s = np.cos(theta), np.sin(theta)
    return np.array([[c, -s], [s, c]])


def scaled_rotations(rng, scales):
    """A normal but non-symmetric Wh = Q diag(s_j R(theta_j)) Q^T: Wh^k has the singular
    values s_j^k (each twice), so the decay is max_j s_j^k."""
    n = 2 * len(scales)
    B = np.zeros((n, n))
    for j, s in enumerate(scales):
        B[2 * j:2 * j + 2, 2 * j:2 * j + 2] = s * _rotation(rng.uniform(0.3, 2.8))
    Q = _orthogonal(rng, n)
    return Q @ B @ Q.T, lambda k: max(scales) ** k


def triangular_example(rng, a, d, s, other):
    """A non-normal Wh = Q [[a, s, 0], [0, d, 0], [0, 0, other]] Q^T with a != d. Its
    eigenvalues are a, d and ``other``, yet ||Wh^k|| can grow for many steps before it decays.
    The 2x2 block's power is [[p1, q], [0, p2]] with p1 = a^k, p2 = d^k and
    q = s (a^k - d^k) / (a - d); its largest singular value squared is (t + sqrt(t^2 - 4 p1^2
    p2^2)) / 2 with t = p1^2 + p2^2 + q^2."""
    B = np.array([[a, s, 0.0], [0.0, d, 0.0], [0.0, 0.0, other]])
    Q = _orthogonal(rng, 3)

    def norm_of_power(k):
        p1, p2, q = a**k, d**k, s * (a**k - d**k) / (a - d)
        t = p1 * p1 + p2 * p2 + q * q
        return max(np.sqrt((t + np.sqrt(t * t - 4 * (p1 * p2) ** 2)) / 2), abs(other) ** k)

    return Q @ B @ Q.T, norm_of_power


def _decay(norm_of_power, T):
    return np.array([norm_of_power(k) for k in range(1, T + 1)])


def _spectral(M):
    return np.sqrt(np.max(np.linalg.eigvalsh(M.T @ M)))


def _diagnose(Wh, T):
    ks = range(1, T + 1)
    rho = np.max(np.abs(np.linalg.eigvals(Wh)))
    return Diagnose(
        wrong_formulas={
            "eig": ("|lambda_max|^k, powers of the largest eigenvalue modulus (the spectral "
                    "radius). For a non-normal Wh eigenvalues mislead: use the largest singular "
                    "value of Wh^k", lambda: rho ** np.arange(1, T + 1)),
            "normpow": ("||Wh||^k, the k-th power of the largest singular value of Wh. That "
                        "bounds ||Wh^k|| but is not it: take the norm of the matrix power",
                        lambda: _spectral(Wh) ** np.arange(1, T + 1)),
            "fro": ("the Frobenius norm of Wh^k; use the spectral norm (largest singular "
                    "value)",
                    lambda: [np.sqrt(np.sum(np.linalg.matrix_power(Wh, k) ** 2)) for k in ks]),
            "elementwise": ("the norm of Wh ** k, an elementwise power; use the matrix power "
                            "Wh @ Wh @ ... (np.linalg.matrix_power)",
                            lambda: [_spectral(Wh ** k) for k in ks]),
            "offbyone": ("the norms of Wh^0, ..., Wh^(T-1); entry k - 1 is for Wh^k, "
                         "k = 1..T (the first entry is ||Wh||, not ||I|| = 1)",
                         lambda: [_spectral(np.linalg.matrix_power(Wh, k)) for k in range(T)]),
            "smallest": ("the smallest singular value of Wh^k; take the largest",
                         lambda: [np.linalg.svd(np.linalg.matrix_power(Wh, k),
                                                compute_uv=False)[-1] for k in ks]),
        },
        axis=(0, STEPS),
    )


def _expect_decay(sub, Wh, T, want, label):
    got = sub.gradient_decay(Wh, T)
    expect_close(got, want, name=f"gradient_decay(Wh, {T}) {label}", rtol=RTOL, atol=ATOL,
                 diagnose=_diagnose(Wh, T))


@check("q5", points=1)
def test_decay_of_scaled_rotations(sub, rng):
    """Wh = s * (an orthogonal matrix), s = 0.9, 1 and 1.1 (below, at and above 1): decay s^k."""
    for s in (0.9, 1.0, 1.1):
        Wh, norm_of_power = scaled_rotations(rng, [s, s])
        _expect_decay(sub, Wh, 12, _decay(norm_of_power, 12),
                      f"for a rotation scaled by {s}")


@check("q5", points=2)
def test_decay_of_a_non_normal_matrix(sub, rng):
    """A non-normal Wh whose eigenvalues are 0.9, 0.8 and 0.5 but whose powers first grow
    four-fold: the decay comes from singular values, not eigenvalues."""
    Wh, norm_of_power = triangular_example(rng, 0.9, 0.8, 1.5, 0.5)
    _expect_decay(sub, Wh, 16, _decay(norm_of_power, 16),
                  "for a non-normal matrix (eigenvalues 0.9, 0.8, 0.5)")


@check("q5", points=3, hidden=True)
def test_decay_matches_svd_of_matrix_powers(sub, rng):
    """On random (non-normal) Gaussian matrices, entry k - 1 is SciPy's largest singular value
    of np.linalg.matrix_power(Wh, k); T = 1 gives one entry."""
    import scipy.linalg

    for H, T in [(5, 10), (3, 8), (4, 1)]:
        Wh = rng.standard_normal((H, H)) / np.sqrt(H)
        want = [scipy.linalg.svdvals(np.linalg.matrix_power(Wh, k))[0] for k in range(1, T + 1)]
        _expect_decay(sub, Wh, T, want, f"for a random {H}x{H} matrix")


@check("q5", points=1, hidden=True)
def test_decay_below_at_and_above_one(sub, rng):
    """Normal matrices with largest singular value below, at and above 1, and non-normal
    triangular ones with eigenvalues below 1, against their closed forms."""
    for top in (rng.uniform(0.6, 0.95), 1.0, rng.uniform(1.05, 1.3)):
        Wh, norm_of_power = scaled_rotations(rng, [top, top * rng.uniform(0.3, 0.9)])
        _expect_decay(sub, Wh, 15, _decay(norm_of_power, 15), "for a normal matrix")
    for _ in range(2):
        a, s = rng.uniform(0.75, 0.95), rng.uniform(0.5, 1.5)
        d = a - rng.uniform(0.1, 0.5)
        Wh, norm_of_power = triangular_example(rng, a, d, s, rng.uniform(-0.5, 0.5))
        _expect_decay(sub, Wh, 12, _decay(norm_of_power, 12), "for a non-normal matrix")

