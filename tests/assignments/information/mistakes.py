"""Common mistakes in the information assignment, one per entry (see autograder.catalogue).

Each entry redefines one contract function with one realistic mistake and names the cause the
feedback should give (a tag of autograder/testing/tags.py). CI proves each loses points on its
question.
"""

# ruff: noqa: F811 - each entry redefines a contract function on purpose

import numpy as np

from autograder.catalogue import mistake

# ---------------------------------------------------------------------------- q1 Bayes


@mistake("q1", cause="formula:unnormalised", sample=True)
def bayes_posterior(prior, likelihood):
    """Returns prior * likelihood without dividing by the evidence."""
    return prior * likelihood


@mistake("q1", cause="formula:no_prior")
def bayes_posterior(prior, likelihood):
    """Forgets the prior: normalises the likelihoods alone."""
    return likelihood / likelihood.sum()


@mistake("q1", cause="formula:likelihood_sum")
def bayes_posterior(prior, likelihood):
    """Divides by the sum of the likelihoods instead of the evidence sum_j P(x | j) P(j)."""
    return prior * likelihood / likelihood.sum()


@mistake("q1", cause="mutated")
def bayes_posterior(prior, likelihood):
    """Multiplies the prior in place (prior *= likelihood), changing the caller's array."""
    prior *= likelihood
    return prior / prior.sum()


# ---------------------------------------------------------------------------- q2 entropy


@mistake("q2", cause="not_finite", sample=True)
def entropy(p):
    """Writes -sum p log p directly: 0 * log 0 is NaN where p = 0."""
    return float(-np.sum(p * np.log(p)))


@mistake("q2", cause="factor:1/ln 2")
def entropy(p):
    """Uses log2 (bits) instead of the natural logarithm."""
    nz = p[p > 0]
    return float(-np.sum(nz * np.log2(nz)))


@mistake("q2", cause="sign")
def entropy(p):
    """Forgets the minus sign."""
    nz = p[p > 0]
    return float(np.sum(nz * np.log(nz)))


@mistake("q2", cause="formula:unweighted")
def entropy(p):
    """Forgets to weight each log p by p: -sum log p."""
    return float(-np.sum(np.log(p[p > 0])))


@mistake("q2", cause="factor:1/n")
def entropy(p):
    """Averages the terms (np.mean) instead of summing them."""
    terms = np.zeros_like(p)
    terms[p > 0] = p[p > 0] * np.log(p[p > 0])
    return float(-np.mean(terms))


# ---------------------------------------------------------------------------- q3 cross-entropy


@mistake("q3", cause="not_finite", sample=True)
def cross_entropy(p, q):
    """Writes -sum p log q directly: 0 * log 0 is NaN where p = 0 and q = 0."""
    return float(-np.sum(p * np.log(q)))


@mistake("q3", cause="formula:drop")
def cross_entropy(p, q):
    """Skips every outcome where q = 0 (to avoid log 0), so an impossible event is free."""
    keep = (p > 0) & (q > 0)
    return float(-np.sum(p[keep] * np.log(q[keep])))


@mistake("q3", cause="formula:clip")
def cross_entropy(p, q):
    """Clips q to 1e-12 to avoid log 0: an impossible event costs 27.6 p instead of inf."""
    return float(-np.sum(p * np.log(np.clip(q, 1e-12, 1.0))))


@mistake("q3", cause="formula:swapped")
def cross_entropy(p, q):
    """Swaps the roles of p and q: -sum q log p."""
    keep = q > 0
    if np.any(p[keep] == 0):
        return float("inf")
    return float(-np.sum(q[keep] * np.log(p[keep])))


@mistake("q3", cause="factor:1/ln 10")
def cross_entropy(p, q):
    """Uses log10."""
    keep = p > 0
    if np.any(q[keep] == 0):
        return float("inf")
    return float(-np.sum(p[keep] * np.log10(q[keep])))


@mistake("q3", cause="sign")
def cross_entropy(p, q):
    """Forgets the minus sign (and so returns -inf for an impossible event)."""
    keep = p > 0
    with np.errstate(divide="ignore"):
        return float(np.sum(p[keep] * np.log(q[keep])))


# ---------------------------------------------------------------------------- q4 KL


@mistake("q4", cause="formula:swapped", sample=True)
def kl_divergence(p, q):
    """Computes KL(q || p): the arguments the wrong way round."""
    keep = q > 0
    if np.any(p[keep] == 0):
        return float("inf")
    return float(np.sum(q[keep] * np.log(q[keep] / p[keep])))


@mistake("q4", cause="sign")
def kl_divergence(p, q):
    """Takes log(q / p) instead of log(p / q)."""
    keep = p > 0
    if np.any(q[keep] == 0):
        return float("inf")
    return float(np.sum(p[keep] * np.log(q[keep] / p[keep])))


@mistake("q4", cause="not_finite")
def kl_divergence(p, q):
    """Writes sum p log(p / q) directly: where p = 0 that is 0 * log 0 = NaN."""
    return float(np.sum(p * np.log(p / q)))


@mistake("q4", cause="formula:drop")
def kl_divergence(p, q):
    """Sums only over the outcomes where both p and q are positive."""
    keep = (p > 0) & (q > 0)
    return float(np.sum(p[keep] * np.log(p[keep] / q[keep])))


@mistake("q4", cause="formula:plus_entropy")
def kl_divergence(p, q):
    """Adds the entropy to the cross-entropy instead of subtracting it: H(p, q) + H(p)."""
    keep = p > 0
    if np.any(q[keep] == 0):
        return float("inf")
    return float(-np.sum(p[keep] * np.log(q[keep])) - np.sum(p[keep] * np.log(p[keep])))


# ---------------------------------------------------------------------------- q5 JS


@mistake("q5", cause="formula:sqrt", sample=True)
def js_divergence(p, q):
    """Returns the Jensen-Shannon distance, the square root of the divergence (what SciPy's
    jensenshannon returns)."""
    m = (p + q) / 2
    return float(np.sqrt(0.5 * kl_divergence(p, m) + 0.5 * kl_divergence(q, m)))


@mistake("q5", cause="factor:2")
def js_divergence(p, q):
    """Forgets the 1/2 in front of each KL term."""
    m = (p + q) / 2
    return kl_divergence(p, m) + kl_divergence(q, m)


@mistake("q5", cause="formula:sum_m")
def js_divergence(p, q):
    """Takes the mixture as m = p + q, forgetting to halve it."""
    m = p + q
    return 0.5 * kl_divergence(p, m) + 0.5 * kl_divergence(q, m)


@mistake("q5", cause="formula:sym_kl")
def js_divergence(p, q):
    """Symmetrises KL directly, (KL(p || q) + KL(q || p)) / 2, without the mixture."""
    return 0.5 * kl_divergence(p, q) + 0.5 * kl_divergence(q, p)


@mistake("q5", cause="factor:1/ln 2")
def js_divergence(p, q):
    """Measures JS in bits (log2), to have it bounded by 1."""
    m = (p + q) / 2
    return float(0.5 * np.sum(p[p > 0] * np.log2(p[p > 0] / m[p > 0]))
                 + 0.5 * np.sum(q[q > 0] * np.log2(q[q > 0] / m[q > 0])))


# ---------------------------------------------------------------------------- q6 MI


@mistake("q6", cause="formula:no_product", sample=True)
def mutual_information(joint):
    """Forgets the marginals' product: sum P log P."""
    P = joint[joint > 0]
    return float(np.sum(P * np.log(P)))


@mistake("q6", cause=("formula:axes", "code:exception"))
def mutual_information(joint):
    """Sums the marginals over the wrong axes (px over axis 0, py over axis 1): a broadcasting
    error on a non-square table, wrong values on a square one."""
    px = joint.sum(axis=0)
    py = joint.sum(axis=1)
    outer = px[:, None] * py[None, :]
    nz = joint > 0
    return float(np.sum(joint[nz] * np.log(joint[nz] / outer[nz])))


@mistake("q6", cause="not_finite")
def mutual_information(joint):
    """Writes the sum over every cell: a zero cell gives 0 * log 0 = NaN."""
    outer = np.outer(joint.sum(axis=1), joint.sum(axis=0))
    return float(np.sum(joint * np.log(joint / outer)))


@mistake("q6", cause="formula:swapped")
def mutual_information(joint):
    """Computes KL(P_X P_Y || P) instead of KL(P || P_X P_Y)."""
    outer = np.outer(joint.sum(axis=1), joint.sum(axis=0))
    nz = outer > 0
    with np.errstate(divide="ignore"):
        return float(np.sum(outer[nz] * np.log(outer[nz] / joint[nz])))


@mistake("q6", cause="formula:conditional")
def mutual_information(joint):
    """Returns the conditional entropy H(X, Y) - H(Y) instead of H(X) - H(X | Y)."""
    def h(p):
        p = p[p > 0]
        return float(-np.sum(p * np.log(p)))

    return h(joint.ravel()) - h(joint.sum(axis=0))


# ---------------------------------------------------------------------------- q7 Gaussian


@mistake("q7", cause="formula:sorted", sample=True)
def gaussian_conditional(mu, Sigma, idx_given, z):
    """Sorts idx_given (to split the blocks like the textbook) but not z with it."""
    b = np.sort(np.asarray(idx_given))
    a = np.setdiff1d(np.arange(len(mu)), b)
    mu_a, mu_b = mu[a], mu[b]
    S_aa, S_ab, S_bb = Sigma[np.ix_(a, a)], Sigma[np.ix_(a, b)], Sigma[np.ix_(b, b)]
    return (mu_a + S_ab @ np.linalg.solve(S_bb, z - mu_b),
            S_aa - S_ab @ np.linalg.solve(S_bb, S_ab.T))


@mistake("q7", cause="formula:no_shift")
def gaussian_conditional(mu, Sigma, idx_given, z):
    """Returns mu_a as the mean: the Schur term's shift S_ab S_bb^-1 (z - mu_b) is missing."""
    b = np.asarray(idx_given)
    a = np.setdiff1d(np.arange(len(mu)), b)
    S_aa, S_ab, S_bb = Sigma[np.ix_(a, a)], Sigma[np.ix_(a, b)], Sigma[np.ix_(b, b)]
    return mu[a], S_aa - S_ab @ np.linalg.solve(S_bb, S_ab.T)


@mistake("q7", cause="formula:marginal")
def gaussian_conditional(mu, Sigma, idx_given, z):
    """Keeps the marginal covariance S_aa: the Schur complement's subtraction is missing."""
    b = np.asarray(idx_given)
    a = np.setdiff1d(np.arange(len(mu)), b)
    mu_a, mu_b = mu[a], mu[b]
    S_aa, S_ab, S_bb = Sigma[np.ix_(a, a)], Sigma[np.ix_(a, b)], Sigma[np.ix_(b, b)]
    return mu_a + S_ab @ np.linalg.solve(S_bb, z - mu_b), S_aa.copy()


@mistake("q7", cause="formula:uncentred")
def gaussian_conditional(mu, Sigma, idx_given, z):
    """Shifts by S_ab S_bb^-1 z instead of S_ab S_bb^-1 (z - mu_b)."""
    b = np.asarray(idx_given)
    a = np.setdiff1d(np.arange(len(mu)), b)
    S_aa, S_ab, S_bb = Sigma[np.ix_(a, a)], Sigma[np.ix_(a, b)], Sigma[np.ix_(b, b)]
    return (mu[a] + S_ab @ np.linalg.solve(S_bb, z),
            S_aa - S_ab @ np.linalg.solve(S_bb, S_ab.T))


@mistake("q7", cause="formula:precision")
def gaussian_conditional(mu, Sigma, idx_given, z):
    """Takes the block of the precision matrix Sigma^-1 as the covariance, without inverting
    it."""
    b = np.asarray(idx_given)
    a = np.setdiff1d(np.arange(len(mu)), b)
    S_ab, S_bb = Sigma[np.ix_(a, b)], Sigma[np.ix_(b, b)]
    return (mu[a] + S_ab @ np.linalg.solve(S_bb, z - mu[b]),
            np.linalg.inv(Sigma)[np.ix_(a, a)])


@mistake("q7", cause="formula:last_block")
def gaussian_conditional(mu, Sigma, idx_given, z):
    """Assumes the given coordinates are the last k, as in the textbook's partition."""
    k = len(idx_given)
    d = len(mu)
    a, b = np.arange(d - k), np.arange(d - k, d)
    mu_a, mu_b = mu[a], mu[b]
    S_aa, S_ab, S_bb = Sigma[np.ix_(a, a)], Sigma[np.ix_(a, b)], Sigma[np.ix_(b, b)]
    return (mu_a + S_ab @ np.linalg.solve(S_bb, z - mu_b),
            S_aa - S_ab @ np.linalg.solve(S_bb, S_ab.T))


@mistake("q7", cause="mutated")
def gaussian_conditional(mu, Sigma, idx_given, z):
    """Sorts idx_given in place (and z with it, consistently), changing the caller's list or
    array."""
    order = np.argsort(idx_given)
    idx_given.sort()
    z = z[order]
    b = np.asarray(idx_given)
    a = np.setdiff1d(np.arange(len(mu)), b)
    mu_a, mu_b = mu[a], mu[b]
    S_aa, S_ab, S_bb = Sigma[np.ix_(a, a)], Sigma[np.ix_(a, b)], Sigma[np.ix_(b, b)]
    return (mu_a + S_ab @ np.linalg.solve(S_bb, z - mu_b),
            S_aa - S_ab @ np.linalg.solve(S_bb, S_ab.T))
