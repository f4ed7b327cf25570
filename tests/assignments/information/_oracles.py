"""What only the hidden information checks use: independent oracles (never shipped to
students).

- ``scipy.stats.entropy`` for the entropy (one argument) and the KL divergence (two);
- ``scipy.special.rel_entr`` and ``scipy.special.xlogy`` for KL and cross-entropy term by term,
  with SciPy's own conventions at 0 (0 log 0 = 0, p log(p / 0) = inf);
- ``scipy.spatial.distance.jensenshannon``, squared (it returns the square root);
- PyTorch in float64: ``torch.nn.functional.kl_div``, ``cross_entropy`` with probability
  targets, ``torch.distributions.Categorical(...).entropy()``;
- scikit-learn's ``mutual_info_score`` on a contingency table of counts;
- closed forms: the posterior of Gaussian classes with a shared variance (the softmax of
  linear scores) and the Gaussian conditional from the precision matrix (``_data``).

Heavy libraries are imported inside the functions.
"""

import numpy as np

from autograder.testing.autograd import as_numpy, tensor, torch


def scipy_entropy(p, q=None):
    """scipy.stats.entropy: H(p), or KL(p || q) when q is given (natural log)."""
    import scipy.stats

    return float(scipy.stats.entropy(p, q))


def torch_entropy(p):
    return float(as_numpy(torch().distributions.Categorical(probs=tensor(p)).entropy()))


def rel_entr_kl(p, q):
    """sum of scipy.special.rel_entr(p, q): 0 where p = 0, inf where p > 0 and q = 0."""
    import scipy.special

    return float(np.sum(scipy.special.rel_entr(p, q)))


def torch_kl(p, q):
    """torch.nn.functional.kl_div(log q, p, reduction='sum'): needs q > 0 everywhere (0 * log 0
    is NaN there)."""
    F = torch().nn.functional
    return float(as_numpy(F.kl_div(tensor(np.log(q)), tensor(p), reduction="sum")))


def xlogy_cross_entropy(p, q):
    """-sum scipy.special.xlogy(p, q): 0 where p = 0, inf where p > 0 and q = 0."""
    import scipy.special

    return float(-np.sum(scipy.special.xlogy(p, q)))


def torch_cross_entropy(p, q):
    """torch.nn.functional.cross_entropy with the probability target p and the logits log q
    (log-softmax of log q is log q for a distribution q > 0)."""
    F = torch().nn.functional
    return float(as_numpy(F.cross_entropy(tensor(np.log(q))[None], tensor(p)[None])))


def scipy_js(p, q):
    """scipy.spatial.distance.jensenshannon(p, q) ** 2 (natural log): the divergence."""
    from scipy.spatial.distance import jensenshannon

    return float(jensenshannon(p, q)) ** 2


def sklearn_mutual_information(counts):
    """sklearn.metrics.mutual_info_score on the contingency table of integer counts (the joint
    table is counts / counts.sum())."""
    from sklearn.metrics import mutual_info_score

    return float(mutual_info_score(None, None, contingency=counts.astype(np.int64)))


def kl_mutual_information(joint):
    """I(X; Y) = KL(P || P_X P_Y) by scipy.stats.entropy on the flattened tables."""
    outer = np.outer(joint.sum(axis=1), joint.sum(axis=0))
    return scipy_entropy(joint.ravel(), outer.ravel())


def gaussian_classes_posterior(x, prior, means, sigma):
    """The posterior of k Gaussian classes N(means[i], sigma^2) at x with a shared sigma: the
    softmax of the linear scores (means x - means^2 / 2) / sigma^2 + log prior (SciPy)."""
    import scipy.special

    scores = (means * x - means**2 / 2) / sigma**2 + np.log(prior)
    return scipy.special.softmax(scores)


def normal_pdf(x, means, stds):
    """scipy.stats.norm.pdf: the likelihoods of x under each class."""
    import scipy.stats

    return scipy.stats.norm.pdf(x, loc=means, scale=stds)


def log_posterior_softmax(prior, likelihood):
    """The posterior as scipy.special.softmax of log prior + log likelihood (log 0 = -inf
    gives probability 0)."""
    import scipy.special

    with np.errstate(divide="ignore"):
        return scipy.special.softmax(np.log(prior) + np.log(likelihood))


def conditional_by_cholesky(mu, Sigma, idx_given, z):
    """The Gaussian conditional by a Cholesky factor with the given coordinates first (SciPy):
    with P Sigma P^T = L L^T and L = [[L_bb, 0], [L_ab, L_aa]], x_a = mu_a + L_ab u + L_aa e
    where L_bb u = z - mu_b, so mean = mu_a + L_ab u and cov = L_aa L_aa^T."""
    import scipy.linalg

    from ._data import remaining

    b = np.asarray(idx_given, dtype=int)
    a = remaining(len(mu), b)
    order = np.concatenate([b, a])
    L = scipy.linalg.cholesky(Sigma[np.ix_(order, order)], lower=True)
    k = len(b)
    u = scipy.linalg.solve_triangular(L[:k, :k], z - mu[b], lower=True)
    L_aa = L[k:, k:]
    return mu[a] + L[k:, :k] @ u, L_aa @ L_aa.T
