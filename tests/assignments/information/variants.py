"""Other correct ways to write the information functions: each must keep every point."""

# ruff: noqa: F811 - each entry redefines a contract function on purpose

import math

import numpy as np
import scipy.linalg
import scipy.special
import scipy.stats
from scipy.spatial.distance import jensenshannon

from autograder.catalogue import variant

# ---------------------------------------------------------------------------- q1 Bayes


@variant("q1", id="bayes_posterior-naive")
def bayes_posterior(prior, likelihood):
    """Plain loops: the evidence first, then each class."""
    evidence = 0.0
    for i in range(len(prior)):
        evidence += prior[i] * likelihood[i]
    return np.array([prior[i] * likelihood[i] / evidence for i in range(len(prior))])


@variant("q1")
def bayes_posterior(prior, likelihood):
    """In log space: the softmax of log prior + log likelihood (SciPy's logsumexp)."""
    with np.errstate(divide="ignore"):
        log_joint = np.log(prior) + np.log(likelihood)
    return np.exp(log_joint - scipy.special.logsumexp(log_joint))


# ---------------------------------------------------------------------------- q2 entropy


@variant("q2", id="entropy-naive")
def entropy(p):
    """A loop with math.log, skipping the zeros."""
    h = 0.0
    for x in p:
        if x > 0:
            h -= x * math.log(x)
    return h


@variant("q2")
def entropy(p):
    """SciPy's entropy."""
    return float(scipy.stats.entropy(p))


@variant("q2")
def entropy(p):
    """scipy.special.entr, which is 0 at 0."""
    return float(np.sum(scipy.special.entr(p)))


@variant("q2")
def entropy(p):
    """np.where with the log of a safe argument (1 where p = 0)."""
    return float(-np.sum(np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0)))


# ---------------------------------------------------------------------------- q3 cross-entropy


@variant("q3", id="cross_entropy-naive")
def cross_entropy(p, q):
    """A loop returning math.inf as soon as an impossible event under q happens under p."""
    h = 0.0
    for pi, qi in zip(p, q, strict=True):
        if pi == 0:
            continue
        if qi == 0:
            return math.inf
        h -= pi * math.log(qi)
    return h


@variant("q3")
def cross_entropy(p, q):
    """-sum scipy.special.xlogy(p, q): xlogy(0, 0) = 0 and xlogy(p, 0) = -inf."""
    return float(-np.sum(scipy.special.xlogy(p, q)))


@variant("q3")
def cross_entropy(p, q):
    """H(p) + KL(p || q), with SciPy's entropy for both."""
    return float(scipy.stats.entropy(p) + scipy.stats.entropy(p, q))


@variant("q3")
def cross_entropy(p, q):
    """A masked log that lets -inf through for q = 0 where p > 0 (NumPy's log(0) = -inf)."""
    nz = p > 0
    with np.errstate(divide="ignore"):
        return float(-np.sum(p[nz] * np.log(q[nz])))


# ---------------------------------------------------------------------------- q4 KL


@variant("q4", id="kl_divergence-naive")
def kl_divergence(p, q):
    """A loop with math.log."""
    total = 0.0
    for pi, qi in zip(p, q, strict=True):
        if pi > 0:
            if qi == 0:
                return float("inf")
            total += pi * math.log(pi / qi)
    return total


@variant("q4")
def kl_divergence(p, q):
    """The sum of scipy.special.rel_entr."""
    return float(np.sum(scipy.special.rel_entr(p, q)))


@variant("q4")
def kl_divergence(p, q):
    """scipy.special.kl_div, p log(p / q) - p + q, whose extra terms sum to 0 for
    distributions."""
    return float(np.sum(scipy.special.kl_div(p, q)))


@variant("q4")
def kl_divergence(p, q):
    """H(p, q) - H(p), from the two previous questions."""
    return cross_entropy(p, q) - entropy(p)


@variant("q4")
def kl_divergence(p, q):
    """sum p log p - sum p log q over p > 0, in two masked sums."""
    nz = p > 0
    with np.errstate(divide="ignore"):
        return float(np.sum(p[nz] * np.log(p[nz])) - np.sum(p[nz] * np.log(q[nz])))


# ---------------------------------------------------------------------------- q5 JS


@variant("q5", id="js_divergence-naive")
def js_divergence(p, q):
    """A loop over the outcomes, both KL terms at once."""
    total = 0.0
    for pi, qi in zip(p, q, strict=True):
        m = (pi + qi) / 2
        if pi > 0:
            total += 0.5 * pi * math.log(pi / m)
        if qi > 0:
            total += 0.5 * qi * math.log(qi / m)
    return total


@variant("q5")
def js_divergence(p, q):
    """SciPy's Jensen-Shannon distance, squared."""
    return float(jensenshannon(p, q)) ** 2


@variant("q5")
def js_divergence(p, q):
    """The entropy form H(m) - (H(p) + H(q)) / 2."""
    return entropy((p + q) / 2) - (entropy(p) + entropy(q)) / 2


# ---------------------------------------------------------------------------- q6 MI


@variant("q6", id="mutual_information-naive")
def mutual_information(joint):
    """Loops: the marginals, then the sum over the non-zero cells."""
    a, b = joint.shape
    px = [sum(joint[i, j] for j in range(b)) for i in range(a)]
    py = [sum(joint[i, j] for i in range(a)) for j in range(b)]
    total = 0.0
    for i in range(a):
        for j in range(b):
            if joint[i, j] > 0:
                total += joint[i, j] * math.log(joint[i, j] / (px[i] * py[j]))
    return total


@variant("q6")
def mutual_information(joint):
    """H(X) + H(Y) - H(X, Y) with the entropy of q2."""
    return entropy(joint.sum(axis=1)) + entropy(joint.sum(axis=0)) - entropy(joint.ravel())


@variant("q6")
def mutual_information(joint):
    """KL(P || P_X P_Y) with the kl_divergence of q4, on the flattened tables."""
    outer = np.outer(joint.sum(axis=1), joint.sum(axis=0))
    return kl_divergence(joint.ravel(), outer.ravel())


@variant("q6")
def mutual_information(joint):
    """rel_entr of the table against the product of its marginals (SciPy)."""
    outer = joint.sum(axis=1, keepdims=True) * joint.sum(axis=0, keepdims=True)
    return float(np.sum(scipy.special.rel_entr(joint, outer)))


# ---------------------------------------------------------------------------- q7 Gaussian


@variant("q7", id="gaussian_conditional-naive")
def gaussian_conditional(mu, Sigma, idx_given, z):
    """Lists of indices and an explicit inverse of Sigma_bb."""
    b = list(idx_given)
    a = [i for i in range(len(mu)) if i not in b]
    S_bb_inv = np.linalg.inv(Sigma[np.ix_(b, b)])
    S_ab = Sigma[np.ix_(a, b)]
    mean = mu[a] + S_ab @ S_bb_inv @ (z - mu[b])
    cov = Sigma[np.ix_(a, a)] - S_ab @ S_bb_inv @ S_ab.T
    return mean, cov


@variant("q7")
def gaussian_conditional(mu, Sigma, idx_given, z):
    """Sorts the given indices and z together, then uses the textbook blocks of a permuted
    Sigma (remaining first, given last)."""
    order = np.argsort(idx_given)
    b = np.asarray(idx_given)[order]
    zb = np.asarray(z)[order]
    a = np.setdiff1d(np.arange(len(mu)), b)
    perm = np.concatenate([a, b])
    S = Sigma[np.ix_(perm, perm)]
    m = len(a)
    S11, S12, S22 = S[:m, :m], S[:m, m:], S[m:, m:]
    return mu[a] + S12 @ np.linalg.solve(S22, zb - mu[b]), S11 - S12 @ np.linalg.solve(S22, S12.T)


@variant("q7")
def gaussian_conditional(mu, Sigma, idx_given, z):
    """The precision matrix: cov = (Lambda_aa)^-1, mean = mu_a - cov Lambda_ab (z - mu_b)."""
    b = np.asarray(idx_given)
    a = np.delete(np.arange(len(mu)), b)
    Lam = np.linalg.inv(Sigma)
    cov = np.linalg.inv(Lam[np.ix_(a, a)])
    return mu[a] - cov @ Lam[np.ix_(a, b)] @ (z - mu[b]), cov


@variant("q7")
def gaussian_conditional(mu, Sigma, idx_given, z):
    """A Cholesky solve (scipy.linalg.cho_solve) with the positive-definite Sigma_bb."""
    b = np.asarray(idx_given)
    a = np.setdiff1d(np.arange(len(mu)), b)
    S_ab = Sigma[np.ix_(a, b)]
    factor = scipy.linalg.cho_factor(Sigma[np.ix_(b, b)])
    mean = mu[a] + S_ab @ scipy.linalg.cho_solve(factor, z - mu[b])
    return mean, Sigma[np.ix_(a, a)] - S_ab @ scipy.linalg.cho_solve(factor, S_ab.T)
