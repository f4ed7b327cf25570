"""Inputs for the neighbors checks and the notebook (public: shipped with the students' public
checks, so NumPy only).

Nothing here computes a distance, a neighbour, a vote or a cluster: the data sets are built so
that the checks can compare with hand-made answers (public checks) or with independent oracles
(hidden checks, `_oracles.py`).
"""

import numpy as np

# ---------------------------------------------------------------------------- labels


def first_appearance(labels):
    """Relabel a partition by first appearance: the cluster of point 0 becomes 0, the first
    point outside it starts cluster 1, and so on. Noise (-1) stays -1."""
    labels = np.asarray(labels)
    out = np.full(labels.shape, -1, dtype=int)
    names: dict = {}
    for i, c in enumerate(labels.tolist()):
        if c != -1:
            out[i] = names.setdefault(c, len(names))
    return out


# ---------------------------------------------------------------------------- notebook data


def three_classes(rng, n=150):
    """The notebook's classification set: n points in the plane in three overlapping classes
    labelled 2, 5 and 7 (not 0, 1, 2), with a few points of each class inside another's
    region. Returns (X (n, 2), y (n,) integers)."""
    centres = np.array([[-1.5, 0.0], [1.5, 1.0], [0.5, -1.8]])
    y_idx = rng.integers(0, 3, n)
    X = centres[y_idx] + 1.0 * rng.standard_normal((n, 2))
    return X, np.array([2, 5, 7])[y_idx]


def noisy_curve(rng, n=60):
    """The notebook's regression set: x uniform in [0, 6], y = sin(x) + x / 3 + noise (sd 0.25).
    Returns (x (n, 1), y (n,))."""
    x = np.sort(rng.uniform(0.0, 6.0, n))
    return x[:, None], np.sin(x) + x / 3 + 0.25 * rng.standard_normal(n)


def two_moons(rng, n=240, noise=0.05, n_outliers=25):
    """Two interleaved half circles of n points in all (noise: the sd of a Gaussian jitter) and
    n_outliers points uniform over the box around them, shuffled. Returns X (n + n_outliers,
    2)."""
    half = n // 2
    t = rng.uniform(0.0, np.pi, n)
    upper = np.c_[np.cos(t[:half]), np.sin(t[:half])]
    lower = np.c_[1.0 - np.cos(t[half:]), 0.5 - np.sin(t[half:])]
    X = np.r_[upper, lower] + noise * rng.standard_normal((n, 2))
    outliers = rng.uniform([-1.4, -0.9], [2.4, 1.4], (n_outliers, 2))
    X = np.r_[X, outliers]
    return X[rng.permutation(len(X))]


def bridged_blobs(rng, n_per=25, n_bridge=6):
    """Two round groups of n_per points around (0, 0) and (6, 0) and a thin bridge of n_bridge
    points along the line between them: the data that single linkage chains. Returns X."""
    left = 0.7 * rng.standard_normal((n_per, 2))
    right = np.array([6.0, 0.0]) + 0.7 * rng.standard_normal((n_per, 2))
    bridge = np.c_[np.linspace(1.6, 4.4, n_bridge), 0.1 * rng.standard_normal(n_bridge)]
    return np.r_[left, right, bridge]


# ---------------------------------------------------------------------------- hand examples

# Seven training points and two test points with integer coordinates. Squared distances from
# (0, 0): 5, 1, 5, 9, 5, 5, 18 (four points tie at sqrt(5) for the 2nd and 3rd places); from
# (2, 2): 1, 5, 9, 29, 1, 25, 2 (points 0 and 4 tie for the first place).
TIE_TRAIN = np.array([[2.0, 1.0], [1.0, 0.0], [-1.0, 2.0], [0.0, -3.0], [1.0, 2.0],
                      [-2.0, -1.0], [3.0, 3.0]])
TIE_TEST = np.array([[0.0, 0.0], [2.0, 2.0]])

# Nine training points in three groups, labelled 2, 5 and 9 (not 0, 1, 2).
KNN_TRAIN = np.array([[0.0, 0.0], [2.0, 0.0], [0.0, 2.0], [5.0, 5.0], [6.0, 5.0], [5.0, 6.0],
                      [8.0, 0.0], [9.0, 1.0], [8.0, 2.0]])
KNN_LABELS = np.array([5, 5, 2, 9, 9, 2, 2, 2, 5])
# Three test points whose neighbours (k = 3) are points 3, 4, 5 (labels 9, 9, 2), 7, 6, 8
# (2, 2, 5) and 2, 0, 1 (2, 5, 5): the nearest neighbour's label is not always the majority.
KNN_TEST = np.array([[5.4, 5.3], [8.3, 0.8], [0.6, 1.1]])

# Eight points with integer coordinates for the core points: several pairs are exactly 3 apart
# (squared distance 9) and two pairs exactly 5 (3-4-5 triangles).
CORE_X = np.array([[0.0, 2.0], [4.0, 3.0], [4.0, 4.0], [4.0, 0.0], [6.0, 3.0], [6.0, 1.0],
                   [2.0, 6.0], [1.0, 0.0]])

# DBSCAN with eps = 2: two squares of core points (min_samples = 4), point 0 a border point of
# the right one, point 3 exactly 2 from both, point 5 far from everything.
SQUARES_X = np.array([[8.0, 0.0], [0.0, 0.0], [6.0, 1.0], [3.0, 0.0], [1.0, 0.0], [3.0, 4.0],
                      [5.0, 0.0], [0.0, 1.0], [5.0, 1.0], [1.0, 1.0], [6.0, 0.0],
                      [-1.0, -1.0]])
# A chain of five points 2 apart (points 0, 5, 6, 7, 8), a unit square (points 1-4) and a
# lone point 9.
CHAIN_X = np.array([[0.0, 0.0], [0.0, 5.0], [1.0, 5.0], [0.0, 6.0], [1.0, 6.0], [2.0, 0.0],
                    [4.0, 0.0], [6.0, 0.0], [8.0, 0.0], [5.0, 5.0]])

# Six integer points whose merges are distinct by a margin for single, complete and average
# linkage (squared distances: 0-1 13, 0-2 17, 0-3 17, 0-4 90, 0-5 53, 1-2 2, 1-3 40, 1-4 61,
# 1-5 16, 2-3 34, 2-4 41, 2-5 10, 3-4 65, 3-5 72, 4-5 29).
LINK_X = np.array([[9.0, 6.0], [6.0, 8.0], [5.0, 7.0], [8.0, 2.0], [0.0, 3.0], [2.0, 8.0]])


# ---------------------------------------------------------------------------- check inputs


def grid_points(rng, n, d=2, low=-3, high=3):
    """n random points with integer coordinates in [low, high]: every squared distance is an
    exact small integer, whatever the formula, so exact distance ties are meaningful."""
    return rng.integers(low, high + 1, size=(n, d)).astype(float)
