"""Reference solutions for the `representation` assignment (hidden: never part of a student
artifact).

Each function's signature and docstring are the stub students see; the code between the
solution markers (nbgrader's) is replaced by ``raise NotImplementedError()`` in every student
artifact. NumPy only: the students' environment has no SciPy.
"""

import numpy as np


def autoencoder_forward(X, W1, b1, W2, b2):
    """The forward pass of a linear autoencoder and its reconstruction loss.

    Encoder Z = X W1 + b1 (the codes), decoder X_hat = Z W2 + b2 (the reconstructions), and
    L = (1/n) sum_i ||x_i - x_hat_i||^2: the squared error is summed over the d coordinates of
    each row and averaged over the n rows (not averaged over all n d entries).

    Inputs:
    - X: array of shape (n, d), one sample per row
    - W1: array of shape (d, k), the encoder's weights (k < d)
    - b1: array of shape (k,), the encoder's bias
    - W2: array of shape (k, d), the decoder's weights
    - b2: array of shape (d,), the decoder's bias

    Returns (X_hat, loss):
    - X_hat: array of shape (n, d), the reconstructions
    - loss: float, L
    """
    ### BEGIN SOLUTION
    Z = X @ W1 + b1
    X_hat = Z @ W2 + b2
    R = X_hat - X
    return X_hat, float(np.sum(R * R) / X.shape[0])
    ### END SOLUTION


def autoencoder_gradients(X, W1, b1, W2, b2):
    """The gradients of the autoencoder's loss L (see autoencoder_forward) with respect to
    each parameter.

    Backpropagate through X_hat = Z W2 + b2 and Z = X W1 + b1, starting from
    dL/dX_hat = (2/n) (X_hat - X).

    Inputs: X (n, d), W1 (d, k), b1 (k,), W2 (k, d), b2 (d,), as in autoencoder_forward.

    Returns a dict with the keys 'W1', 'b1', 'W2', 'b2': each value is dL/d(that parameter),
    an array of the parameter's shape ((d, k), (k,), (k, d) and (d,)).
    """
    ### BEGIN SOLUTION
    n = X.shape[0]
    Z = X @ W1 + b1
    X_hat = Z @ W2 + b2
    dX_hat = 2.0 * (X_hat - X) / n  # (n, d)
    dZ = dX_hat @ W2.T  # (n, k)
    return {"W1": X.T @ dZ, "b1": dZ.sum(axis=0), "W2": Z.T @ dX_hat,
            "b2": dX_hat.sum(axis=0)}
    ### END SOLUTION


def pca_projector(X, k):
    """The orthogonal projector onto the span of the top-k principal directions of X.

    Centre the data (subtract the mean of each column), take the k eigenvectors of the
    covariance Xc^T Xc / (n - 1) with the largest eigenvalues as the columns of V (d, k), and
    return P = V V^T. P does not depend on which orthonormal basis of that subspace you find,
    nor on the signs of its vectors, so any eigensolver (or the SVD of Xc) gives the same P.

    Inputs:
    - X: array of shape (n, d), one sample per row (not necessarily centred)
    - k: the dimension of the subspace (int, 1 <= k < d)

    Returns P, an array of shape (d, d): symmetric, P @ P = P, trace k.
    """
    ### BEGIN SOLUTION
    Xc = X - X.mean(axis=0)
    _, eigenvectors = np.linalg.eigh(Xc.T @ Xc / (X.shape[0] - 1))  # increasing eigenvalues
    V = eigenvectors[:, -k:]  # (d, k), the top k
    return V @ V.T
    ### END SOLUTION


def principal_angles(A, B):
    """The principal angles between the column spaces of A and B, in increasing order.

    Orthonormalise each basis (for example with a QR decomposition: A = Q_A R_A), take the
    singular values of Q_A^T Q_B (the cosines of the angles, decreasing) and their arccos
    (clip the cosines to [-1, 1] first: rounding can push a cosine of 1 slightly above it).

    Inputs:
    - A: array of shape (d, p), full column rank (its columns need not be orthonormal)
    - B: array of shape (d, q), full column rank

    Returns an array of shape (min(p, q),): the angles in radians, in [0, pi/2], increasing.
    """
    ### BEGIN SOLUTION
    QA, _ = np.linalg.qr(A)
    QB, _ = np.linalg.qr(B)
    cosines = np.linalg.svd(QA.T @ QB, compute_uv=False)  # decreasing
    return np.arccos(np.clip(cosines, -1.0, 1.0))
    ### END SOLUTION


def conditional_p(X, sigma):
    """t-SNE's conditional probabilities p_{j|i} in the input space.

    P[i, j] = exp(-||x_i - x_j||^2 / (2 sigma_i^2)) / sum_{l != i} exp(-||x_i - x_l||^2 /
    (2 sigma_i^2)) for j != i, and P[i, i] = 0. Each row i has its own sigma_i.

    For a small sigma_i every exponential can underflow to 0 (and the row to 0/0). Subtract
    from row i's squared distances their smallest value over l != i before exponentiating:
    the shift cancels in the ratio, and the nearest neighbour's term becomes exp(0) = 1.

    Inputs:
    - X: array of shape (n, d), one point per row
    - sigma: array of shape (n,), positive: sigma[i] is the bandwidth of row i

    Returns P, an array of shape (n, n): each row sums to 1, zero diagonal.
    """
    ### BEGIN SOLUTION
    n = X.shape[0]
    diffs = X[:, None, :] - X[None, :, :]  # (n, n, d)
    D = np.einsum("ijk,ijk->ij", diffs, diffs)  # squared distances
    D[np.arange(n), np.arange(n)] = np.inf  # no self term: exp(-inf) = 0
    D = D - D.min(axis=1, keepdims=True)  # the shift: the nearest neighbour gets exp(0)
    E = np.exp(-D / (2.0 * sigma[:, None] ** 2))
    return E / E.sum(axis=1, keepdims=True)
    ### END SOLUTION


def perplexity(P):
    """The perplexity of each row of P: 2^H(P_i) with H(P_i) = -sum_j P[i, j] log2 P[i, j]
    the entropy in bits (equivalently e^H with H in nats), where 0 log 0 = 0.

    Inputs:
    - P: array of shape (n, n), each row a probability distribution (entries >= 0, some of
      them 0, summing to 1)

    Returns an array of shape (n,).
    """
    ### BEGIN SOLUTION
    logs = np.log2(np.where(P > 0, P, 1.0))  # log2(1) = 0 where P is 0
    return 2.0 ** (-np.sum(P * logs, axis=1))
    ### END SOLUTION


def find_sigma(X, target_perplexity):
    """The bandwidth sigma_i of each point i that gives row i of conditional_p(X, sigma) the
    target perplexity.

    The perplexity of row i grows with sigma_i (from about 1, the nearest neighbour alone, to
    n - 1, every other point alike), so one sigma_i matches the target: find it by bisection
    (on sigma, on log sigma or on beta = 1 / (2 sigma^2)) to a relative accuracy of 1e-10 or
    better.

    Inputs:
    - X: array of shape (n, d), points in general position
    - target_perplexity: float, 2 <= target_perplexity <= n / 2

    Returns sigma, an array of shape (n,), positive.
    """
    ### BEGIN SOLUTION
    diffs = X[:, None, :] - X[None, :, :]
    scale = np.sqrt(np.mean(diffs**2) * X.shape[1])  # a typical distance
    lo = np.full(X.shape[0], np.log(scale) - 30.0)  # log sigma: perplexity about 1 ...
    hi = np.full(X.shape[0], np.log(scale) + 30.0)  # ... and about n - 1
    while np.max(hi - lo) > 1e-13:
        mid = 0.5 * (lo + hi)
        too_high = perplexity(conditional_p(X, np.exp(mid))) > target_perplexity
        hi = np.where(too_high, mid, hi)
        lo = np.where(too_high, lo, mid)
    return np.exp(0.5 * (lo + hi))
    ### END SOLUTION


def joint_p(X, target_perplexity):
    """t-SNE's joint probabilities: the symmetrised conditional probabilities.

    P = (P_c + P_c^T) / (2n), with P_c = conditional_p(X, find_sigma(X, target_perplexity)).

    Inputs:
    - X: array of shape (n, d)
    - target_perplexity: float, 2 <= target_perplexity <= n / 2

    Returns P, an array of shape (n, n): symmetric, zero diagonal, summing to 1.
    """
    ### BEGIN SOLUTION
    Pc = conditional_p(X, find_sigma(X, target_perplexity))
    return (Pc + Pc.T) / (2.0 * X.shape[0])
    ### END SOLUTION


def tsne_kl_gradient(P, Y):
    """t-SNE's similarities Q in the embedding, the objective KL(P || Q) and its gradient.

    Q[i, j] = (1 + ||y_i - y_j||^2)^-1 / sum_{k != l} (1 + ||y_k - y_l||^2)^-1 for i != j and
    Q[i, i] = 0: a Student-t kernel normalised over all pairs (so Q sums to 1, like P).
    kl = sum over the pairs with P[i, j] > 0 of P[i, j] log(P[i, j] / Q[i, j]) (natural log).
    grad_i = 4 sum_j (P[i, j] - Q[i, j]) (y_i - y_j) (1 + ||y_i - y_j||^2)^-1.

    Inputs:
    - P: array of shape (n, n), symmetric, zero diagonal, summing to 1 (some entries off the
      diagonal may be 0)
    - Y: array of shape (n, e), the embedding, one point per row

    Returns (Q, kl, grad):
    - Q: array of shape (n, n)
    - kl: float
    - grad: array of shape (n, e), d kl / d Y
    """
    ### BEGIN SOLUTION
    n = Y.shape[0]
    diff = Y[:, None, :] - Y[None, :, :]
    kernel = 1.0 / (1.0 + np.sum(diff * diff, axis=2))  # (n, n)
    kernel[np.arange(n), np.arange(n)] = 0.0
    Q = kernel / kernel.sum()
    pos = P > 0
    kl = float(np.sum(P[pos] * np.log(P[pos] / Q[pos])))
    W = (P - Q) * kernel  # (n, n)
    grad = 4.0 * (W.sum(axis=1)[:, None] * Y - W @ Y)
    return Q, kl, grad
    ### END SOLUTION


WRITTEN_ANSWERS = {
    "w1": r"""
A linear autoencoder reconstructs $\hat X = X W_1 W_2 + \mathbf{1}(b_1 W_2 + b_2)$: every
reconstruction lies in an affine subspace of dimension at most $k$ (the row space of $W_2$,
shifted). Among all rank-$k$ affine approximations of the data, the one with the smallest sum of
squared errors is the projection of the centred data on the top-$k$ principal subspace
(Eckart-Young: the truncated SVD of $X_c$), whose error is $(n-1)\sum_{j>k}\lambda_j$. So no
choice of $W_1, b_1, W_2, b_2$ can reach a lower loss than PCA; at the minimum the decoder's
rows span the principal subspace (the codes may be any invertible linear mix of the principal
coordinates: the basis is not unique, and the decoder need not be orthonormal). A nonlinear
autoencoder (nonlinear activations, several layers) can map the data onto a curved
low-dimensional manifold: points on a circle, a spiral or images of a rotating object need one
nonlinear coordinate but many linear ones. It can also be regularised into denoising, sparse or
variational models that learn features PCA cannot express.
""",
    "w2": r"""
The perplexity $2^{H(P_i)}$ is the effective number of neighbours of point $i$: a uniform
distribution over $m$ points has perplexity $m$. Fixing it fixes $\sigma_i$ per point, so that
every point spreads its probability over about the same number of neighbours whether it lies in
a dense region (small $\sigma_i$) or a sparse one (large $\sigma_i$). A small perplexity (5)
makes t-SNE look only at the nearest few points: it shows fine local structure but can break
clusters into fragments; a large one (50) takes more points into account and preserves more of
the global structure, at a higher cost. It must be smaller than the number of points; typical
values are 5 to 50.
""",
    "w3": r"""
In high dimension a point can have many neighbours at about the same distance, but in two
dimensions there is not enough room to place them all equidistantly: moderately distant points
get squeezed together (the crowding problem). With a Gaussian kernel in the embedding, a
moderate distance in the data must map to a moderate distance in the embedding, and all the
clusters collapse into the middle. The Student-t kernel with one degree of freedom,
$(1 + \lVert y_i - y_j\rVert^2)^{-1}$, has heavy tails: a moderate $p_{ij}$ is matched by a
much larger distance in the embedding, so dissimilar points are pushed far apart while close
ones stay close, and clusters separate. Its gradient also makes distant points repel each other
with a force that decays like $1/d$ instead of vanishing exponentially, and the kernel needs no
exponential (cheaper).
""",
}
