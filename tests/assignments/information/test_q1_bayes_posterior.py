"""q1: Bayes' rule, the posterior prior * likelihood / evidence over k classes."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close

from ._data import ATOL, RTOL, distribution


def _ratio(likelihood, prior):
    with np.errstate(divide="ignore", invalid="ignore"):
        r = likelihood / prior
        return r / np.sum(r)


def _diagnose(prior, likelihood):
    weighted = prior * likelihood
    return Diagnose(
        wrong_formulas={
            "unnormalised": ("prior * likelihood, not divided by the evidence "
                             "sum_j P(x | j) P(j): the posterior must sum to 1",
                             lambda: weighted),
            "no_prior": ("the likelihoods normalised to sum to 1: the prior is missing",
                         lambda: likelihood / likelihood.sum()),
            "likelihood_sum": ("prior * likelihood / sum(likelihood): the evidence is "
                               "sum_j P(x | j) P(j), weighted by the prior",
                               lambda: weighted / likelihood.sum()),
            "prior": ("the prior itself: the likelihood is missing", lambda: prior),
            "divided": ("likelihood / prior, normalised: multiply by the prior",
                        lambda: _ratio(likelihood, prior)),
        },
    )


@check("q1", points=1)
def test_posterior_of_three_classes_by_hand(sub):
    """Prior (0.5, 0.3, 0.2) and likelihoods (0.1, 0.4, 0.8): the posterior is
    (0.05, 0.12, 0.16) / 0.33; with density values (2, 1, 0.5) as likelihoods (a density may
    exceed 1) it is (1, 0.3, 0.1) / 1.4."""
    prior = np.array([0.5, 0.3, 0.2])
    likelihood = np.array([0.1, 0.4, 0.8])
    expect_close(sub.bayes_posterior(prior, likelihood), np.array([0.05, 0.12, 0.16]) / 0.33,
                 name="bayes_posterior(prior, likelihood)", rtol=RTOL, atol=ATOL,
                 diagnose=_diagnose(prior, likelihood))
    likelihood = np.array([2.0, 1.0, 0.5])
    expect_close(sub.bayes_posterior(prior, likelihood), np.array([1.0, 0.3, 0.1]) / 1.4,
                 name="bayes_posterior(prior, likelihood) with likelihoods (2, 1, 0.5)", rtol=RTOL,
                 atol=ATOL, diagnose=_diagnose(prior, likelihood))


@check("q1", points=2, hidden=True)
def test_posterior_of_gaussian_classes_is_a_softmax_of_linear_scores(sub, rng):
    """For k Gaussian classes with a shared variance and a non-uniform prior, the posterior at
    x is the softmax of linear scores in x (SciPy), with likelihoods from scipy.stats.norm."""
    from ._oracles import gaussian_classes_posterior, normal_pdf

    for k in (2, 4):
        means = np.sort(rng.uniform(-3.0, 3.0, k)) + np.arange(k)
        sigma = rng.uniform(0.4, 1.2)
        prior = distribution(rng, k)
        for x in rng.uniform(means[0], means[-1], 2):
            likelihood = normal_pdf(x, means, np.full(k, sigma))
            expect_close(sub.bayes_posterior(prior, likelihood),
                         gaussian_classes_posterior(x, prior, means, sigma),
                         name=f"bayes_posterior for {k} Gaussian classes", rtol=RTOL,
                         atol=ATOL, diagnose=_diagnose(prior, likelihood))


@check("q1", points=1, hidden=True)
def test_posterior_with_a_zero_prior_and_tiny_likelihoods(sub, rng):
    """A class with prior 0 keeps posterior 0, and likelihoods of order 1e-30 (one
    observation far from every class) still give a posterior that sums to 1, as SciPy's
    softmax of log prior + log likelihood does."""
    from ._oracles import log_posterior_softmax

    prior = distribution(rng, 5, zeros=[int(rng.integers(5))])
    likelihood = rng.uniform(0.1, 1.0, 5) * 10.0 ** rng.integers(-32, -28, 5)
    expect_close(sub.bayes_posterior(prior, likelihood), log_posterior_softmax(prior, likelihood),
                 name="bayes_posterior with a zero prior and likelihoods near 1e-30", rtol=RTOL,
                 atol=ATOL, diagnose=_diagnose(prior, likelihood))
