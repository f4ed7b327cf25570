"""Inputs for the representation checks and the notebook (public: shipped with the students'
public checks, so NumPy only).

Nothing here computes an autoencoder's gradient, a projector, an angle or a t-SNE quantity of
the contract: the data are built so that the answer is known by construction (data in an affine
plane the autoencoder reproduces exactly, data with a chosen covariance, subspaces with chosen
angles, points at nearly equal distances), and the checks compare with that or with
independent oracles.
"""

import numpy as np

# ---------------------------------------------------------------------------- autoencoder

# A hand example (X, W1, b1, W2, b2) with n = 3, d = 3, k = 2.
HAND_AUTOENCODER = (
    np.array([[1.0, 2.0, 0.0], [0.0, -1.0, 3.0], [2.0, 2.0, 1.0]]),
    np.array([[1.0, 0.0], [0.0, 1.0], [1.0, -1.0]]),
    np.array([0.5, -1.0]),
    np.array([[1.0, 0.0, 1.0], [0.0, 2.0, 0.0]]),
    np.array([0.0, 0.5, -1.0]),
)


def autoencoder_params(rng, d, k):
    """Random (W1 (d, k), b1 (k,), W2 (k, d), b2 (d,)) with mixed signs and no zero entry."""
    def mixed(*shape):
        return rng.uniform(0.3, 1.2, shape) * rng.choice([-1.0, 1.0], shape)
    return mixed(d, k), mixed(k), mixed(k, d), mixed(d)


def autoencoder_problem(rng, n, d, k):
    """(X, W1, b1, W2, b2): random data (n, d), not centred, and random parameters."""
    X = rng.standard_normal((n, d)) * rng.uniform(0.5, 2.0, d) + rng.uniform(-2.0, 2.0, d)
    return (X, *autoencoder_params(rng, d, k))


def exact_reconstruction(rng, n, d, k):
    """(X, W1, b1, W2, b2, R): an autoencoder that reproduces X exactly, and residuals R.

    X = Z0 W2 + c lies in an affine k-dimensional plane; W1 is a right inverse of W2 (W2 W1 =
    I_k, neither the transpose nor the pseudo-inverse) and b2 is chosen so that X_hat = X. The
    rows of R (n, d) are orthogonal to the columns of W1, hence R W1 = 0: the data X + R have
    the same codes and reconstructions, with residuals X_hat - (X + R) = -R.
    """
    _, b1, W2, _ = autoencoder_params(rng, d, k)
    pinv = np.linalg.pinv(W2)  # (d, k), W2 pinv = I
    N = rng.standard_normal((d, k))
    W1 = pinv + N - pinv @ (W2 @ N)  # W2 W1 = I still
    c = rng.uniform(-2.0, 2.0, d)
    X = rng.standard_normal((n, k)) @ W2 + c
    b2 = c - (c @ W1 + b1) @ W2
    G = rng.standard_normal((n, d))
    R = G - G @ W1 @ np.linalg.solve(W1.T @ W1, W1.T)  # remove the part in the span of W1
    return X, W1, b1, W2, b2, R


def factor_data(rng, n=200):
    """The notebook's data for the autoencoder: n samples of 8 correlated measurements driven
    by three hidden factors of decreasing strength plus a little noise, with column means far
    from 0. Returns X of shape (n, 8)."""
    factors = rng.standard_normal((n, 3)) * np.array([2.0, 1.5, 1.0])
    loadings = rng.standard_normal((3, 8)) / np.sqrt(3.0)
    noise = 0.3 * rng.standard_normal((n, 8))
    return factors @ loadings + noise + np.linspace(-2.0, 3.0, 8)


# ---------------------------------------------------------------------------- PCA subspace


def random_orthonormal(rng, d):
    """A random (d, d) orthogonal matrix (its columns are an orthonormal basis)."""
    Q, R = np.linalg.qr(rng.standard_normal((d, d)))
    return Q * np.sign(np.diag(R))


def data_with_covariance(rng, n, V, variances, mean):
    """n samples whose sample covariance (ddof = 1) is exactly V diag(variances) V^T.

    V: (d, d) orthogonal, its columns the eigenvectors; variances: (d,); mean: (d,), the
    column means of the result. X = mean + W diag(sqrt(variances)) V^T with W (n, d) centred and
    W^T W = (n - 1) I.
    """
    V = np.asarray(V, dtype=float)
    d = V.shape[0]
    G = rng.standard_normal((n, d))
    Q, _ = np.linalg.qr(G - G.mean(axis=0))  # orthonormal, centred columns
    W = np.sqrt(n - 1) * Q
    return np.asarray(mean, dtype=float) + (W * np.sqrt(np.asarray(variances, float))) @ V.T


def mix(rng, k):
    """A random invertible (k, k) matrix, far from orthogonal (condition number about 3 to 10):
    a basis times it spans the same space."""
    while True:
        M = rng.uniform(-1.0, 1.0, (k, k)) + 1.5 * np.eye(k)
        if 2.0 < np.linalg.cond(M) < 12.0 or k == 1:
            return M * rng.uniform(0.5, 3.0)


def subspaces_with_angles(rng, d, angles, p, q):
    """(A (d, p), B (d, q)) whose column spaces have the principal angles ``angles`` (a list of
    min(p, q) values, in any order), neither basis orthonormal.

    With an orthonormal basis u_1..u_d: A spans u_1..u_p, B spans cos(t_j) u_j + sin(t_j)
    u_{p+j} for the angles t_j (j < m = min(p, q)), plus, when q > m, further directions u_j
    outside A (an extra direction of B is orthogonal to A: it creates no new angle, since only
    min(p, q) angles exist). Needs d >= p + q.
    """
    m = min(p, q)
    U = random_orthonormal(rng, d)
    cols = [np.cos(t) * U[:, j] + np.sin(t) * U[:, p + j] for j, t in enumerate(angles)]
    cols += [U[:, p + m + j] for j in range(q - m)]
    A = U[:, :p] @ mix(rng, p)
    B = np.stack(cols, axis=1) @ mix(rng, q)
    return A, B


# ---------------------------------------------------------------------------- t-SNE


def squared_distances(X):
    """(n, n) squared Euclidean distances, by the difference of every pair."""
    diff = X[:, None, :] - X[None, :, :]
    return np.einsum("ijd,ijd->ij", diff, diff)


def near_simplex(rng, n, d, spread=5e-4):
    """n points (d >= n) whose pairwise squared distances are all about 18, within a relative
    ``spread``: the corners of a regular simplex, jittered, rotated and moved. Returns X of
    shape (n, d)."""
    corners = np.zeros((n, d))
    corners[np.arange(n), np.arange(n)] = 3.0
    X = corners + spread * 3.0 * rng.standard_normal((n, d))
    return X @ random_orthonormal(rng, d) + rng.uniform(-1.0, 1.0, d)


def tiny_sigmas(X, exponent=2000.0):
    """sigma (n,) with ||x_i - x_nearest||^2 / (2 sigma_i^2) = ``exponent`` for each row: every
    exp(-||x_i - x_j||^2 / (2 sigma_i^2)) of the row is below e^-exponent, which underflows to 0
    in float64 (below e^-745) unless the row is shifted."""
    D = squared_distances(X)
    D[np.arange(len(X)), np.arange(len(X))] = np.inf
    return np.sqrt(D.min(axis=1) / (2.0 * exponent))


def general_points(rng, n, d):
    """n points in general position in d dimensions, not centred, with different spreads per
    coordinate (so no two distances from a point tie)."""
    return rng.standard_normal((n, d)) * rng.uniform(0.5, 2.0, d) + rng.uniform(-3.0, 3.0, d)


def distributions(rng, n, m, zeros=2):
    """(n, m) rows of probabilities summing to 1, each with ``zeros`` zero entries at random
    places and the others far from uniform."""
    P = rng.uniform(0.05, 1.0, (n, m)) ** 2
    for row in P:
        row[rng.choice(m, size=zeros, replace=False)] = 0.0
    return P / P.sum(axis=1, keepdims=True)


def symmetric_p(rng, n, zeros=3):
    """An (n, n) joint-probability matrix: symmetric, zero diagonal, summing to 1, with
    ``zeros`` pairs (i, j), i != j, where P[i, j] = P[j, i] = 0."""
    P = rng.uniform(0.05, 1.0, (n, n))
    P = P + P.T
    P[np.arange(n), np.arange(n)] = 0.0
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    for t in rng.choice(len(pairs), size=zeros, replace=False):
        i, j = pairs[t]
        P[i, j] = P[j, i] = 0.0
    return P / P.sum()


def embedding(rng, n, e):
    """An (n, e) embedding with mixed signs and no two points close together."""
    while True:
        Y = 1.5 * rng.standard_normal((n, e)) + rng.uniform(-1.0, 1.0, e)
        D = squared_distances(Y)
        if np.min(D[~np.eye(n, dtype=bool)]) > 0.05:
            return Y


def glyph_digits(rng, n_per=20):
    """The notebook's t-SNE data: n_per noisy renderings of each digit 0-9 in a 5 x 7 font
    (35 pixels in [0, 1]): each ink pixel has its own intensity, a few pixels flip, and every
    pixel gets a little noise. Returns (X (10 n_per, 35), labels (10 n_per,) ints 0-9),
    shuffled."""
    glyphs = [  # '#' ink, '.' paper; the 7 rows of a digit separated by '|'
        ".###.|#...#|#..##|#.#.#|##..#|#...#|.###.",  # 0
        "..#..|.##..|..#..|..#..|..#..|..#..|.###.",  # 1
        ".###.|#...#|....#|...#.|..#..|.#...|#####",  # 2
        "#####|...#.|..#..|...#.|....#|#...#|.###.",  # 3
        "...#.|..##.|.#.#.|#..#.|#####|...#.|...#.",  # 4
        "#####|#....|####.|....#|....#|#...#|.###.",  # 5
        "..##.|.#...|#....|####.|#...#|#...#|.###.",  # 6
        "#####|....#|...#.|..#..|.#...|.#...|.#...",  # 7
        ".###.|#...#|#...#|.###.|#...#|#...#|.###.",  # 8
        ".###.|#...#|#...#|.####|....#|...#.|.##..",  # 9
    ]
    templates = np.array([[c == "#" for c in g.replace("|", "")] for g in glyphs], dtype=float)
    labels = np.repeat(np.arange(10), n_per)
    ink = templates[labels] * rng.uniform(0.6, 1.0, (len(labels), 35))
    flips = rng.random((len(labels), 35)) < 0.08
    X = np.clip(np.where(flips, 1.0 - ink, ink) + 0.12 * rng.standard_normal(ink.shape), 0, 1)
    order = rng.permutation(len(labels))
    return X[order], labels[order]
