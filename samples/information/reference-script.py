"""Reference solutions for the `information` assignment (hidden: never part of a student
artifact).

Each function's signature and docstring are the stub students see; the code between the
solution markers (nbgrader's) is replaced by ``raise NotImplementedError()`` in every student
artifact.
"""

import numpy as np


def bayes_posterior(prior, likelihood):
    """The posterior over k classes after one observation x, by Bayes' rule:

        P(Y = i | x) = P(x | Y = i) P(Y = i) / sum_j P(x | Y = j) P(Y = j).

    Inputs:
    - prior: array of shape (k,), the prior P(Y = i): non-negative, summing to 1
    - likelihood: array of shape (k,), the likelihood P(x | Y = i) of the observation under
      each class: non-negative (densities may exceed 1), not summing to 1 in general, and
      positive for at least one class with a positive prior

    Returns an array of shape (k,): the posterior, non-negative and summing to 1.
    """
    joint = prior * likelihood
    return joint / joint.sum()


def entropy(p):
    """The entropy H(p) = -sum_i p_i log p_i, in nats (natural logarithm).

    A term with p_i = 0 is 0 (the limit of t log t as t -> 0), not NaN: NumPy's 0 * log(0)
    is 0 * (-inf) = NaN, so leave those terms out.

    Input: p, an array of shape (n,): a distribution (non-negative, summing to 1).
    Returns a float.
    """
    nz = p > 0
    return float(-np.sum(p[nz] * np.log(p[nz])))


def cross_entropy(p, q):
    """The cross-entropy H(p, q) = -sum_i p_i log q_i, in nats.

    - a term with p_i = 0 is 0, even where q_i = 0;
    - where p_i > 0 and q_i = 0 the term is +inf, and so is H(p, q): return float('inf')
      (np.inf), not NaN and not a large finite number.

    Inputs: p and q, arrays of shape (n,): distributions over the same n outcomes.
    Returns a float (possibly inf).
    """
    nz = p > 0
    if np.any(q[nz] == 0):
        return float("inf")
    return float(-np.sum(p[nz] * np.log(q[nz])))


def kl_divergence(p, q):
    """The Kullback-Leibler divergence KL(p || q) = sum_i p_i log(p_i / q_i), in nats.

    - a term with p_i = 0 is 0, even where q_i = 0;
    - where p_i > 0 and q_i = 0 the divergence is +inf: return float('inf') (np.inf).

    Inputs: p and q, arrays of shape (n,): distributions over the same n outcomes.
    Returns a float (>= 0, possibly inf).
    """
    nz = p > 0
    if np.any(q[nz] == 0):
        return float("inf")
    return float(np.sum(p[nz] * np.log(p[nz] / q[nz])))


def js_divergence(p, q):
    """The Jensen-Shannon divergence JS(p, q) = 1/2 KL(p || m) + 1/2 KL(q || m), with
    m = (p + q) / 2, in nats: the divergence itself, not its square root.

    It is finite for all p and q (m > 0 wherever p > 0 or q > 0), symmetric, and at most
    log 2.

    Inputs: p and q, arrays of shape (n,): distributions over the same n outcomes.
    Returns a float.
    """
    m = (p + q) / 2
    return 0.5 * kl_divergence(p, m) + 0.5 * kl_divergence(q, m)


def mutual_information(joint):
    """The mutual information I(X; Y) = sum_ij P(i, j) log(P(i, j) / (P(i) P(j))), in nats,
    of two discrete variables X (a values) and Y (b values) with the joint table P.

    P(i) = sum_j P(i, j) and P(j) = sum_i P(i, j) are the marginals. A cell with
    P(i, j) = 0 contributes 0 (even in a row or column whose marginal is 0).

    Input: joint, an array of shape (a, b): P(X = i, Y = j), non-negative, summing to 1
    (a and b need not be equal).
    Returns a float (>= 0).
    """
    px = joint.sum(axis=1, keepdims=True)  # (a, 1)
    py = joint.sum(axis=0, keepdims=True)  # (1, b)
    nz = joint > 0
    P = joint[nz]
    return float(np.sum(P * np.log(P / (px * py)[nz])))


def gaussian_conditional(mu, Sigma, idx_given, z):
    """The conditional distribution of a multivariate Gaussian x ~ N(mu, Sigma) given some of
    its coordinates.

    Split the coordinates into the given ones, b = idx_given (x_b = z), and the remaining
    ones, a = every other index in increasing order. Then x_a | x_b = z is Gaussian with

        mean = mu_a + Sigma_ab Sigma_bb^-1 (z - mu_b)
        cov  = Sigma_aa - Sigma_ab Sigma_bb^-1 Sigma_ba      (the Schur complement of Sigma_bb)

    Inputs:
    - mu: array of shape (d,), the mean
    - Sigma: array of shape (d, d), the covariance (symmetric positive definite)
    - idx_given: a list or 1-D integer array of k distinct indices (1 <= k < d), in any
      order (not necessarily sorted)
    - z: array of shape (k,), where z[j] is the observed value of x[idx_given[j]]

    Returns a tuple (mean, cov):
    - mean: array of shape (m,), m = d - k, over the remaining coordinates in increasing
      index order
    - cov: array of shape (m, m) (even for m = 1), in the same order

    Use a linear solver (np.linalg.solve) rather than an explicit inverse. Do not modify the
    inputs (idx_given included: sort a copy if you sort).
    """
    b = np.asarray(idx_given, dtype=int)
    a = np.setdiff1d(np.arange(mu.shape[0]), b)  # sorted
    S_ab = Sigma[np.ix_(a, b)]
    S_bb = Sigma[np.ix_(b, b)]
    mean = mu[a] + S_ab @ np.linalg.solve(S_bb, z - mu[b])
    cov = Sigma[np.ix_(a, a)] - S_ab @ np.linalg.solve(S_bb, S_ab.T)
    return mean, cov


WRITTEN_ANSWERS = {
    "w1": r"""
A distance (a metric) must be symmetric, zero only between equal points, and obey the triangle
inequality. KL has only non-negativity and $KL(p\|q) = 0 \iff p = q$ (Gibbs' inequality).
It is **not symmetric**: $KL(p\|q) = \mathbb{E}_p[\log p/q]$ weights the log-ratio by $p$, so it
punishes $q$ for being small where $p$ is large (infinitely if $q = 0$ where $p > 0$), while
$KL(q\|p)$ punishes the opposite; for Bernoulli(0.1) and Bernoulli(0.5), for instance,
$KL(p\|q) \approx 0.368$ and $KL(q\|p) \approx 0.511$. One direction can even be infinite while
the other is finite ($p = (1/2, 1/2, 0)$, $q = (1/3, 1/3, 1/3)$). It also **fails the triangle
inequality**: for Bernoulli distributions with parameters 0.1, 0.5 and 0.9,
$KL(0.1\|0.9) \approx 1.76 > KL(0.1\|0.5) + KL(0.5\|0.9) \approx 0.368 + 0.511$. (It behaves like a
*squared* distance: for nearby distributions it is about half a squared Fisher distance.) So it
is a divergence, a measure of how much information is lost when $q$ is used in place of $p$,
and the direction matters: fitting $q$ by minimising $KL(p\|q)$ is mass-covering, by
$KL(q\|p)$ mode-seeking. The Jensen-Shannon divergence symmetrises and smooths it (finite, at
most $\log 2$), and its square root is a metric.
""",
    "w2": r"""
$H(p, q) = -\sum_x p\log q = -\sum_x p\log p + \sum_x p\log(p/q) = H(p) + KL(p\|q)$. Training a
classifier with the cross-entropy loss takes $p$ as the labels' distribution (one-hot for a
single label, or the data distribution over many samples) and $q$ as the model's predicted
probabilities. $H(p)$ does not depend on the model's parameters, so minimising the
cross-entropy is exactly minimising $KL(p\|q_\theta)$, which is maximum likelihood; the loss's
floor is $H(p)$ (0 for one-hot labels, so the loss itself goes to 0 only if the model puts all
its mass on the right class), and the excess over that floor is the KL divergence, 0 exactly
when $q = p$. Because it is $KL(p\|q)$, with the data first, a model that gives a true class
probability near 0 pays $-\log q \to \infty$: the loss pushes every observed class to have mass
(mass-covering), and confident wrong predictions are punished heavily. That is also why
implementations compute $\log q$ from logits (log-softmax) instead of taking $\log$ of a
probability that may round to 0.
""",
}
