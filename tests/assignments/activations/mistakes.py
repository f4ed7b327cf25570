"""Common mistakes in the activations assignment, one per entry (see autograder.catalogue).

Each entry redefines one contract function with one realistic mistake and names the cause the
feedback should give (a tag of autograder/testing/tags.py). CI proves each loses points on its
question.
"""

# ruff: noqa: F811 - each entry redefines a contract function on purpose

import math

import numpy as np

from autograder.catalogue import mistake

# ---------------------------------------------------------------------------- q1 tanh'


@mistake("q1", cause="formula:one_minus_tanh", sample=True)
def tanh_prime(z):
    """Forgets the square: 1 - tanh(z)."""
    return 1.0 - np.tanh(z)


@mistake("q1", cause="formula:of_output")
def tanh_prime(z):
    """Applies 1 - a^2 to the pre-activation z instead of a = tanh(z)."""
    return 1.0 - z**2


@mistake("q1", cause="not_finite")
def tanh_prime(z):
    """Writes tanh from its definition, (e^z - e^-z) / (e^z + e^-z): inf / inf at |z| = 1000."""
    t = (np.exp(z) - np.exp(-z)) / (np.exp(z) + np.exp(-z))
    return 1.0 - t**2


@mistake("q1", cause="formula:sech")
def tanh_prime(z):
    """Returns sech(z) = 1 / cosh(z), without the square."""
    return 1.0 / np.cosh(z)


# ---------------------------------------------------------------------------- q2 leaky ReLU


@mistake("q2", cause="formula:alpha_ignored", sample=True)
def leaky_relu(z, alpha=0.01):
    """Hard-codes the slope 0.01 and ignores alpha."""
    return np.where(z > 0, z, 0.01 * z)


@mistake("q2", cause="mutated")
def leaky_relu(z, alpha=0.01):
    """Scales the negative entries of z in place (out = z is not a copy)."""
    out = z
    out[out < 0] *= alpha
    return out


@mistake("q2", cause="formula:alpha_not_times_z")
def leaky_relu(z, alpha=0.01):
    """Returns alpha, not alpha z, where z <= 0."""
    return np.where(z > 0, z, alpha)


@mistake("q2", cause="regions:where z = 0")
def leaky_relu_prime(z, alpha=0.01):
    """Takes the z > 0 branch at z = 0 (z >= 0): the contract gives alpha there."""
    return np.where(z >= 0, 1.0, alpha)


@mistake("q2", cause="formula:relu")
def leaky_relu_prime(z, alpha=0.01):
    """Returns the plain ReLU's derivative, 0 for z <= 0."""
    return (z > 0).astype(float)


# ---------------------------------------------------------------------------- q3 ELU


@mistake("q3", cause="formula:no_alpha", sample=True)
def elu_prime(z, alpha=1.0):
    """Forgets alpha in the derivative: e^z for z <= 0."""
    return np.where(z > 0, 1.0, np.exp(np.minimum(z, 0.0)))


@mistake("q3", cause="not_finite")
def elu(z, alpha=1.0):
    """Selects the branches by multiplying with masks: inf * 0 = NaN at z = 1000."""
    return z * (z > 0) + alpha * (np.exp(z) - 1.0) * (z <= 0)


@mistake("q3", cause="regions:where z = 0")
def elu_prime(z, alpha=1.0):
    """Takes the z > 0 branch at z = 0 (z >= 0): the contract gives alpha there."""
    return np.where(z >= 0, 1.0, alpha * np.exp(np.minimum(z, 0.0)))


@mistake("q3", cause="formula:no_minus_one")
def elu(z, alpha=1.0):
    """Forgets the - 1: alpha e^z for z <= 0."""
    return np.where(z > 0, z, alpha * np.exp(np.minimum(z, 0.0)))


# ---------------------------------------------------------------------------- q4 GELU


@mistake("q4", cause="formula:tanh_approx", sample=True)
def gelu(z):
    """Uses the tanh approximation instead of the exact z Phi(z)."""
    return 0.5 * z * (1.0 + np.tanh(math.sqrt(2.0 / math.pi) * (z + 0.044715 * z**3)))


@mistake("q4", cause="formula:no_sqrt2")
def gelu(z):
    """Writes Phi(z) = (1 + erf(z)) / 2, forgetting the sqrt(2)."""
    erf = np.vectorize(math.erf, otypes=[float])
    return 0.5 * z * (1.0 + erf(z))


@mistake("q4", cause="formula:cdf_only")
def gelu_prime(z):
    """Forgets the product rule: returns Phi(z) only."""
    erf = np.vectorize(math.erf, otypes=[float])
    return 0.5 * (1.0 + erf(z / math.sqrt(2.0)))


@mistake("q4", cause="formula:pdf_unnormalised")
def gelu_prime(z):
    """Forgets the 1 / sqrt(2 pi) of the Gaussian density."""
    erf = np.vectorize(math.erf, otypes=[float])
    return 0.5 * (1.0 + erf(z / math.sqrt(2.0))) + z * np.exp(-0.5 * z**2)


# ---------------------------------------------------------------------------- q5 Swish


@mistake("q5", cause="formula:beta_ignored", sample=True)
def swish(z, beta=1.0):
    """Ignores beta: z sigmoid(z)."""
    return z * np.exp(-np.logaddexp(0.0, -z))


@mistake("q5", cause="not_finite")
def swish(z, beta=1.0):
    """Writes the sigmoid as e^x / (1 + e^x): inf / inf at beta z = 1000."""
    e = np.exp(beta * z)
    return z * e / (1.0 + e)


@mistake("q5", cause="formula:no_beta")
def swish_prime(z, beta=1.0):
    """Forgets the inner derivative beta: s + z s (1 - s)."""
    s = np.exp(-np.logaddexp(0.0, -beta * z))
    return s + z * s * (1.0 - s)


@mistake("q5", cause="formula:sigmoid_only")
def swish_prime(z, beta=1.0):
    """Forgets the product rule: returns sigmoid(beta z) only."""
    return np.exp(-np.logaddexp(0.0, -beta * z))


# ---------------------------------------------------------------------------- q6 softmax


@mistake("q6", cause="not_finite", sample=True)
def softmax(S):
    """Does not subtract the row maximum: e^1000 overflows (inf / inf = NaN)."""
    e = np.exp(S)
    return e / e.sum(axis=1, keepdims=True)


@mistake("q6", cause="formula:columns")
def softmax(S):
    """Normalises along the wrong axis (each column)."""
    e = np.exp(S - S.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


@mistake("q6", cause="not_finite")
def softmax(S):
    """Subtracts the maximum of the whole array, not each row's: a row far below it is 0 / 0."""
    e = np.exp(S - S.max())
    return e / e.sum(axis=1, keepdims=True)


@mistake("q6", cause="mutated")
def softmax(S):
    """Subtracts the row maximum in place, which changes the caller's S."""
    S -= S.max(axis=1, keepdims=True)
    e = np.exp(S)
    return e / e.sum(axis=1, keepdims=True)


@mistake("q6", cause="formula:whole_matrix")
def softmax(S):
    """Divides by the sum over the whole array instead of each row's sum."""
    e = np.exp(S - S.max(axis=1, keepdims=True))
    return e / e.sum()


# ---------------------------------------------------------------------------- q7 log-softmax


@mistake("q7", cause="not_finite", sample=True)
def log_softmax(S):
    """Takes the log of the softmax: log(0) = -inf where the softmax underflows."""
    e = np.exp(S - S.max(axis=1, keepdims=True))
    return np.log(e / e.sum(axis=1, keepdims=True))


@mistake("q7", cause="formula:missing_max")
def log_softmax(S):
    """Shifts inside the exponential but forgets to subtract the maximum outside."""
    m = S.max(axis=1, keepdims=True)
    return S - np.log(np.exp(S - m).sum(axis=1, keepdims=True))


@mistake("q7", cause="not_finite")
def log_softmax(S):
    """Computes the log-sum-exp without the shift: log(e^1000) = inf, log(e^-1000) = -inf."""
    return S - np.log(np.exp(S).sum(axis=1, keepdims=True))


@mistake("q7", cause="formula:columns")
def log_softmax(S):
    """Normalises along the wrong axis (each column)."""
    m = S.max(axis=0, keepdims=True)
    return S - m - np.log(np.exp(S - m).sum(axis=0, keepdims=True))


# ---------------------------------------------------------------------------- q8 softmax VJP


@mistake("q8", cause="formula:diagonal", sample=True)
def softmax_backward(dout, S):
    """Keeps the diagonal of the Jacobian only: softmax(S) * dout."""
    e = np.exp(S - S.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True) * dout


@mistake("q8", cause="formula:sigmoid_like")
def softmax_backward(dout, S):
    """Uses the sigmoid's rule s (1 - s) elementwise."""
    e = np.exp(S - S.max(axis=1, keepdims=True))
    s = e / e.sum(axis=1, keepdims=True)
    return s * (1.0 - s) * dout


@mistake("q8", cause="formula:axis0")
def softmax_backward(dout, S):
    """Takes the inner product <s, dout> along the wrong axis (axis 0)."""
    e = np.exp(S - S.max(axis=1, keepdims=True))
    s = e / e.sum(axis=1, keepdims=True)
    return s * (dout - (s * dout).sum(axis=0, keepdims=True))


@mistake("q8", cause="sign")
def softmax_backward(dout, S):
    """Gets the sign wrong: s * (<s, dout> - dout)."""
    e = np.exp(S - S.max(axis=1, keepdims=True))
    s = e / e.sum(axis=1, keepdims=True)
    return s * ((s * dout).sum(axis=1, keepdims=True) - dout)


# ---------------------------------------------------------------------------- q9 cross-entropy


@mistake("q9", cause="factor:N", sample=True)
def cross_entropy(S, y):
    """Forgets the 1 / N in the gradient."""
    N = S.shape[0]
    shifted = S - S.max(axis=1, keepdims=True)
    logp = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = -float(np.mean(logp[np.arange(N), y]))
    dS = np.exp(logp)
    dS[np.arange(N), y] -= 1.0
    return loss, dS


@mistake("q9", cause="factor:N")
def cross_entropy(S, y):
    """Sums the loss over the samples instead of averaging it."""
    N = S.shape[0]
    shifted = S - S.max(axis=1, keepdims=True)
    logp = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = -float(np.sum(logp[np.arange(N), y]))
    dS = np.exp(logp)
    dS[np.arange(N), y] -= 1.0
    return loss, dS / N


@mistake("q9", cause="not_finite")
def cross_entropy(S, y):
    """Takes log(softmax): a target 800 below its row's maximum has probability 0, loss inf."""
    N = S.shape[0]
    e = np.exp(S - S.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    loss = -float(np.mean(np.log(p[np.arange(N), y])))
    dS = p.copy()
    dS[np.arange(N), y] -= 1.0
    return loss, dS / N


@mistake("q9", cause="formula:all_pairs")
def cross_entropy(S, y):
    """Indexes the loss with [:, y], pairing every sample with every label."""
    N = S.shape[0]
    shifted = S - S.max(axis=1, keepdims=True)
    logp = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = -float(np.mean(logp[:, y]))
    dS = np.exp(logp)
    dS[np.arange(N), y] -= 1.0
    return loss, dS / N


@mistake("q9", cause="sign")
def cross_entropy(S, y):
    """Gets the gradient's sign wrong: (onehot(y) - softmax(S)) / N."""
    N = S.shape[0]
    shifted = S - S.max(axis=1, keepdims=True)
    logp = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = -float(np.mean(logp[np.arange(N), y]))
    onehot = np.zeros_like(S)
    onehot[np.arange(N), y] = 1.0
    return loss, (onehot - np.exp(logp)) / N
