"""What only the hidden representation checks use: independent oracles (SciPy, scikit-learn,
PyTorch through ``autograder.testing.autograd``, plain Python sums). Heavy libraries are
imported inside the functions.

- the autoencoder: PyTorch in float64 (``mse_loss`` with a sum, over n) and its autograd, and
  central differences of a loss summed with ``math.fsum``;
- the PCA subspace: scikit-learn's ``PCA(svd_solver="full")`` (an SVD of the centred data);
- principal angles: SciPy's ``subspace_angles`` (its own sine-and-cosine algorithm), reversed;
- conditional probabilities: SciPy's ``softmax`` of -||x_i - x_j||^2 / (2 sigma_i^2) with -inf
  on the diagonal (a max-shifted softmax, stable for any sigma);
- perplexity: SciPy's ``entropy`` in base 2;
- sigma: SciPy's ``brentq`` on log sigma, row by row (the entropy written out in NumPy), and
  scikit-learn's binary search
  (``sklearn.manifold._utils._binary_search_perplexity``, tolerance 1e-5 in entropy: a loose
  cross-check);
- joint probabilities: the above, and scikit-learn's ``_joint_probabilities`` (loose);
- t-SNE's Q, KL and gradient: PyTorch autograd of the KL written from the definition, and
  scikit-learn's ``_kl_divergence`` (its floors at the machine epsilon make it a loose
  cross-check).
"""

import math

import numpy as np

from autograder.testing import finite_differences
from autograder.testing.autograd import as_numpy, tensor, torch, vjp_named

from ._data import squared_distances

# ---------------------------------------------------------------------------- autoencoder

PARAMS = ("W1", "b1", "W2", "b2")


def autoencoder_torch(X, W1, b1, W2, b2):
    """(X_hat, loss, grads) by PyTorch in float64: grads is a dict of dL/dparam by autograd."""
    F = torch().nn.functional
    n = X.shape[0]

    def loss(X, W1, b1, W2, b2):
        X_hat = F.linear(F.linear(X, W1.T, b1), W2.T, b2)
        return F.mse_loss(X_hat, X, reduction="sum") / n

    inputs = {"X": X, "W1": W1, "b1": b1, "W2": W2, "b2": b2}
    value, grads = vjp_named(loss, inputs, PARAMS)
    T = {k: tensor(v) for k, v in inputs.items()}
    X_hat = as_numpy(F.linear(F.linear(T["X"], T["W1"].T, T["b1"]), T["W2"].T, T["b2"]))
    return X_hat, float(value), grads


def autoencoder_loss_fsum(X, W1, b1, W2, b2):
    """L with every reconstruction and every square summed by math.fsum."""
    n, d = X.shape
    k = W1.shape[1]
    Z = [[math.fsum([X[i, a] * W1[a, j] for a in range(d)] + [b1[j]]) for j in range(k)]
         for i in range(n)]
    total = math.fsum((math.fsum([Z[i][j] * W2[j, c] for j in range(k)] + [b2[c]]) - X[i, c])
                      ** 2 for i in range(n) for c in range(d))
    return total / n


def autoencoder_fd(X, W1, b1, W2, b2):
    """Central differences of L with respect to each parameter (a dict)."""
    inputs = {"X": X, "W1": W1, "b1": b1, "W2": W2, "b2": b2}
    return finite_differences(autoencoder_loss_fsum, inputs, PARAMS)


# ---------------------------------------------------------------------------- PCA subspace


def projector_sklearn(X, k):
    """C^T C with C = scikit-learn's PCA(n_components=k, svd_solver="full").components_."""
    from sklearn.decomposition import PCA

    C = PCA(n_components=k, svd_solver="full").fit(X).components_
    return C.T @ C


def angles_scipy(A, B):
    """SciPy's subspace_angles, in increasing order."""
    from scipy.linalg import subspace_angles

    return subspace_angles(A, B)[::-1].copy()


# ---------------------------------------------------------------------------- t-SNE


def conditional_p_softmax(X, sigma):
    """p_{j|i} by SciPy's softmax of -||x_i - x_j||^2 / (2 sigma_i^2), -inf on the diagonal,
    with the distances from SciPy's cdist."""
    from scipy.spatial.distance import cdist
    from scipy.special import softmax

    logits = -cdist(X, X, "sqeuclidean") / (2.0 * np.asarray(sigma)[:, None] ** 2)
    logits[np.arange(len(X)), np.arange(len(X))] = -np.inf
    return softmax(logits, axis=1)


def perplexity_scipy(P):
    """2 ** SciPy's entropy (base 2) of each row."""
    from scipy.stats import entropy

    return 2.0 ** entropy(P, base=2, axis=1)


def sigma_brentq(X, target):
    """sigma_i for each row by SciPy's brentq on log sigma: the root of the row's entropy in
    nats minus ln(target), the row's probabilities shifted by their largest logit."""
    from scipy.optimize import brentq

    D = squared_distances(X)
    out = np.empty(len(X))
    for i in range(len(X)):
        d = np.delete(D[i], i)
        d = d - d.min()

        def f(log_sigma, d=d):
            p = np.exp(-d / (2.0 * math.exp(2.0 * log_sigma)))
            p = p / p.sum()
            p = p[p > 0]
            return float(-np.dot(p, np.log(p))) - math.log(target)

        centre = 0.5 * math.log(float(np.median(d[d > 0])))
        out[i] = math.exp(brentq(f, centre - 25.0, centre + 25.0, xtol=1e-15, rtol=1e-15,
                                 maxiter=500))
    return out


def conditional_p_sklearn(X, target):
    """scikit-learn's conditional probabilities for this perplexity (its binary search on beta,
    tolerance 1e-5 in entropy, in float32 distances)."""
    from sklearn.manifold._utils import _binary_search_perplexity

    D = squared_distances(X).astype(np.float32)
    return np.asarray(_binary_search_perplexity(D, float(target), 0), dtype=float)


def joint_p_sklearn(X, target):
    """scikit-learn's joint probabilities for this perplexity (a loose cross-check)."""
    from scipy.spatial.distance import squareform
    from sklearn.manifold._t_sne import _joint_probabilities

    return squareform(_joint_probabilities(squared_distances(X), float(target), 0))


def tsne_torch(P, Y):
    """(Q, kl, grad) by PyTorch in float64: Q and the KL from the definitions, the gradient by
    autograd."""
    t = torch()
    n = len(Y)
    Pt = tensor(P)
    Yt = tensor(Y, requires_grad=True)
    diff = Yt[:, None, :] - Yt[None, :, :]
    kernel = 1.0 / (1.0 + (diff * diff).sum(dim=2))
    kernel = kernel * (1.0 - t.eye(n, dtype=t.float64))
    Q = kernel / kernel.sum()
    pos = Pt > 0
    kl = (Pt[pos] * t.log(Pt[pos] / Q[pos])).sum()
    kl.backward()
    return as_numpy(Q), float(kl.detach()), as_numpy(Yt.grad)


def tsne_sklearn(P, Y):
    """(kl, grad) from scikit-learn's exact t-SNE objective (one degree of freedom); its
    probabilities are floored at the machine epsilon."""
    from scipy.spatial.distance import squareform
    from sklearn.manifold._t_sne import _kl_divergence

    n, e = Y.shape
    kl, grad = _kl_divergence(Y.ravel(), squareform(P, checks=False), 1, n, e)
    return float(kl), grad.reshape(n, e)
