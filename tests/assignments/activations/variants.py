"""Other correct ways to write the activations functions: each must keep every point.

Among them the forms the contract's tolerance paragraph names, which lose digits to
cancellation where the value is tiny: 1 - tanh(z)^2 is the reference, sech(z)^2 a variant;
(1 + erf(z / sqrt 2)) / 2 against the reference's erfc; e^z - 1 against the reference's expm1.
"""

# ruff: noqa: F811 - each entry redefines a contract function on purpose

import math

import numpy as np
import scipy.special
import scipy.stats

from autograder.catalogue import variant

# ---------------------------------------------------------------------------- q1


@variant("q1")
def tanh_prime(z):
    """sech(z)^2 = 1 / cosh(z)^2 (cosh overflows to inf at |z| = 1000, and 1 / inf = 0)."""
    return 1.0 / np.cosh(z) ** 2


@variant("q1")
def tanh_prime(z):
    """(1 - tanh z)(1 + tanh z), another algebraic form."""
    t = np.tanh(z)
    return (1.0 - t) * (1.0 + t)


# ---------------------------------------------------------------------------- q2


@variant("q2", id="leaky_relu-naive")
def leaky_relu(z, alpha=0.01):
    """A plain loop over the entries."""
    z = np.asarray(z, dtype=float)
    out = np.empty(z.shape)
    for i in range(z.size):
        v = z.flat[i]
        out.flat[i] = v if v > 0 else alpha * v
    return out


@variant("q2", id="leaky_relu_prime-naive")
def leaky_relu_prime(z, alpha=0.01):
    """A plain loop over the entries."""
    z = np.asarray(z, dtype=float)
    out = np.empty(z.shape)
    for i in range(z.size):
        out.flat[i] = 1.0 if z.flat[i] > 0 else alpha
    return out


@variant("q2")
def leaky_relu(z, alpha=0.01):
    """max(alpha z, z), valid for 0 <= alpha <= 1."""
    return np.maximum(alpha * z, z)


@variant("q2")
def leaky_relu_prime(z, alpha=0.01):
    """A copy filled through a boolean mask."""
    out = np.ones_like(z, dtype=float)
    out[z <= 0] = alpha
    return out


# ---------------------------------------------------------------------------- q3


@variant("q3")
def elu(z, alpha=1.0):
    """alpha (e^z - 1) without expm1 (cancellation near 0) and with e^1000 = inf in the branch
    np.where discards (an overflow warning, not graded)."""
    with np.errstate(over="ignore"):
        return np.where(z > 0, z, alpha * (np.exp(z) - 1.0))


@variant("q3")
def elu_prime(z, alpha=1.0):
    """elu(z) + alpha for z <= 0, written out."""
    neg = np.minimum(z, 0.0)
    return np.where(z > 0, 1.0, alpha * (np.exp(neg) - 1.0) + alpha)


@variant("q3", id="elu_prime-naive")
def elu_prime(z, alpha=1.0):
    """A plain loop with math.exp."""
    z = np.asarray(z, dtype=float)
    out = np.empty(z.shape)
    for i in range(z.size):
        v = z.flat[i]
        out.flat[i] = 1.0 if v > 0 else alpha * math.exp(v)
    return out


# ---------------------------------------------------------------------------- q4


@variant("q4")
def gelu(z):
    """z (1 + erf(z / sqrt 2)) / 2: loses digits for -10 < z < -5, which the tolerance allows."""
    erf = np.vectorize(math.erf, otypes=[float])
    return 0.5 * z * (1.0 + erf(z / math.sqrt(2.0)))


@variant("q4", id="gelu-naive")
def gelu(z):
    """A plain loop with math.erf."""
    z = np.asarray(z, dtype=float)
    out = np.empty(z.shape)
    for i in range(z.size):
        v = z.flat[i]
        out.flat[i] = v * 0.5 * (1.0 + math.erf(v / math.sqrt(2.0)))
    return out


@variant("q4")
def gelu_prime(z):
    """SciPy's Gaussian CDF and density."""
    return scipy.stats.norm.cdf(z) + z * scipy.stats.norm.pdf(z)


@variant("q4")
def gelu(z):
    """scipy.special.ndtr, the Gaussian CDF."""
    return z * scipy.special.ndtr(z)


# ---------------------------------------------------------------------------- q5


@variant("q5")
def swish(z, beta=1.0):
    """scipy.special.expit, SciPy's sigmoid."""
    return z * scipy.special.expit(beta * z)


@variant("q5")
def swish_prime(z, beta=1.0):
    """beta f + s (1 - beta f) with f = z s, another algebraic form; the sigmoid written as
    1 / (1 + e^-x) (e^1000 = inf gives 1 / inf = 0: an overflow warning, not graded)."""
    with np.errstate(over="ignore"):
        s = 1.0 / (1.0 + np.exp(-beta * z))
    f = z * s
    return beta * f + s * (1.0 - beta * f)


@variant("q5", id="swish_prime-naive")
def swish_prime(z, beta=1.0):
    """A plain loop with a branch-wise stable sigmoid."""
    z = np.asarray(z, dtype=float)
    out = np.empty(z.shape)
    for i in range(z.size):
        x = beta * z.flat[i]
        s = 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))
        out.flat[i] = s + x * s * (1.0 - s)
    return out


# ---------------------------------------------------------------------------- q6, q7


@variant("q6")
def softmax(S):
    """scipy.special.softmax along axis 1."""
    return scipy.special.softmax(S, axis=1)


@variant("q6")
def softmax(S):
    """exp(S - logsumexp(S)), row by row."""
    return np.exp(S - scipy.special.logsumexp(S, axis=1, keepdims=True))


@variant("q6", id="softmax-naive")
def softmax(S):
    """Plain loops over the rows and the classes."""
    N, C = S.shape
    out = np.zeros((N, C))
    for i in range(N):
        m = max(S[i, j] for j in range(C))
        total = sum(math.exp(S[i, j] - m) for j in range(C))
        for j in range(C):
            out[i, j] = math.exp(S[i, j] - m) / total
    return out


@variant("q7")
def log_softmax(S):
    """scipy.special.log_softmax along axis 1."""
    return scipy.special.log_softmax(S, axis=1)


@variant("q7", id="log_softmax-naive")
def log_softmax(S):
    """Plain loops over the rows and the classes."""
    N, C = S.shape
    out = np.zeros((N, C))
    for i in range(N):
        m = max(S[i, j] for j in range(C))
        lse = m + math.log(sum(math.exp(S[i, j] - m) for j in range(C)))
        for j in range(C):
            out[i, j] = S[i, j] - lse
    return out


# ---------------------------------------------------------------------------- q8


@variant("q8", id="softmax_backward-naive")
def softmax_backward(dout, S):
    """The full Jacobian of each row, J[j, k] = s_j (delta_jk - s_k), in plain loops."""
    N, C = S.shape
    dS = np.zeros((N, C))
    for i in range(N):
        m = max(S[i])
        e = [math.exp(S[i, k] - m) for k in range(C)]
        s = [v / sum(e) for v in e]
        for k in range(C):
            for j in range(C):
                dS[i, k] += dout[i, j] * s[j] * ((1.0 if j == k else 0.0) - s[k])
    return dS


@variant("q8")
def softmax_backward(dout, S):
    """The batch of Jacobians diag(s) - s s^T with einsum."""
    s = scipy.special.softmax(S, axis=1)
    J = np.einsum("ij,jk->ijk", s, np.eye(S.shape[1])) - np.einsum("ij,ik->ijk", s, s)
    return np.einsum("ij,ijk->ik", dout, J)


# ---------------------------------------------------------------------------- q9


@variant("q9", id="cross_entropy-naive")
def cross_entropy(S, y):
    """Plain loops over the samples and the classes."""
    N, C = S.shape
    loss = 0.0
    dS = np.zeros((N, C))
    for i in range(N):
        m = max(S[i])
        lse = m + math.log(sum(math.exp(S[i, j] - m) for j in range(C)))
        loss -= (S[i, y[i]] - lse) / N
        for j in range(C):
            dS[i, j] = (math.exp(S[i, j] - lse) - (1.0 if j == y[i] else 0.0)) / N
    return loss, dS


@variant("q9")
def cross_entropy(S, y):
    """A one-hot matrix and SciPy's logsumexp."""
    N, C = S.shape
    onehot = np.eye(C)[y]
    logp = S - scipy.special.logsumexp(S, axis=1, keepdims=True)
    return float(-(onehot * logp).sum() / N), (np.exp(logp) - onehot) / N
