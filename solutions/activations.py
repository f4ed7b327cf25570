"""Reference solutions for the `activations` assignment (hidden: never part of a student
artifact).

Each function's signature and docstring are the stub students see; the code between the
solution markers (nbgrader's) is replaced by ``raise NotImplementedError()`` in every student
artifact. NumPy and the standard library only (``math.erfc`` for the Gaussian CDF): the
students' environment has no SciPy guarantee.
"""

import math

import numpy as np


def tanh_prime(z):
    """The derivative of tanh at the pre-activation z: tanh'(z) = 1 - tanh(z)^2.

    Inputs:
    - z: array of any shape (a 0-d array included), the pre-activations; finite for |z| up
      to 1000

    Returns an array of z's shape: 1 - tanh(z)^2, elementwise.
    """
    ### BEGIN SOLUTION
    t = np.tanh(z)
    return 1.0 - t * t
    ### END SOLUTION


def leaky_relu(z, alpha=0.01):
    """The leaky ReLU max(alpha z, z), for a slope 0 <= alpha <= 1.

    Inputs:
    - z: array of any shape, the pre-activations
    - alpha: the slope for z <= 0 (a float in [0, 1])

    Returns an array of z's shape: z where z > 0, alpha z where z <= 0.
    """
    ### BEGIN SOLUTION
    return np.where(z > 0, z, alpha * z)
    ### END SOLUTION


def leaky_relu_prime(z, alpha=0.01):
    """The derivative of the leaky ReLU at the pre-activation z.

    Inputs:
    - z: array of any shape, the pre-activations
    - alpha: the slope for z <= 0 (a float in [0, 1])

    Returns an array of z's shape: 1 where z > 0, alpha where z <= 0 (so alpha at z = 0
    exactly, as in PyTorch).
    """
    ### BEGIN SOLUTION
    return np.where(z > 0, 1.0, alpha)
    ### END SOLUTION


def elu(z, alpha=1.0):
    """The exponential linear unit: z for z > 0, alpha (e^z - 1) for z <= 0.

    Inputs:
    - z: array of any shape, the pre-activations; finite for |z| up to 1000
    - alpha: the value ELU tends to as z -> -inf is -alpha (a positive float)

    Returns an array of z's shape.
    """
    ### BEGIN SOLUTION
    negative = alpha * np.expm1(np.minimum(z, 0.0))  # never exponentiates a large z
    return np.where(z > 0, z, negative)
    ### END SOLUTION


def elu_prime(z, alpha=1.0):
    """The derivative of ELU at the pre-activation z: 1 for z > 0, alpha e^z for z <= 0.

    Inputs:
    - z: array of any shape, the pre-activations; finite for |z| up to 1000
    - alpha: as in `elu`

    Returns an array of z's shape (alpha at z = 0 exactly).
    """
    ### BEGIN SOLUTION
    return np.where(z > 0, 1.0, alpha * np.exp(np.minimum(z, 0.0)))
    ### END SOLUTION


def gelu(z):
    """The exact GELU z Phi(z), with Phi the standard Gaussian CDF (not the tanh approximation).

    Phi(z) = (1 + erf(z / sqrt(2))) / 2 = erfc(-z / sqrt(2)) / 2. NumPy has no erf: apply
    `math.erf` (or `math.erfc`) elementwise, for example with
    `np.vectorize(math.erf, otypes=[float])`.

    Inputs:
    - z: array of any shape, the pre-activations; finite for |z| up to 1000

    Returns an array of z's shape.
    """
    ### BEGIN SOLUTION
    erfc = np.vectorize(math.erfc, otypes=[float])
    return z * 0.5 * erfc(-z / math.sqrt(2.0))
    ### END SOLUTION


def gelu_prime(z):
    """The derivative of the exact GELU: Phi(z) + z phi(z), phi the standard Gaussian density.

    phi(z) = exp(-z^2 / 2) / sqrt(2 pi).

    Inputs:
    - z: array of any shape, the pre-activations; finite for |z| up to 1000

    Returns an array of z's shape.
    """
    ### BEGIN SOLUTION
    erfc = np.vectorize(math.erfc, otypes=[float])
    cdf = 0.5 * erfc(-z / math.sqrt(2.0))
    pdf = np.exp(-0.5 * z * z) / math.sqrt(2.0 * math.pi)
    return cdf + z * pdf
    ### END SOLUTION


def swish(z, beta=1.0):
    """Swish z sigmoid(beta z) (SiLU for beta = 1).

    Inputs:
    - z: array of any shape, the pre-activations; finite for |z| up to 1000
    - beta: a positive float

    Returns an array of z's shape.
    """
    ### BEGIN SOLUTION
    s = np.exp(-np.logaddexp(0.0, -beta * z))  # sigmoid(beta z) without overflow
    return z * s
    ### END SOLUTION


def swish_prime(z, beta=1.0):
    """The derivative of Swish: s + beta z s (1 - s), with s = sigmoid(beta z).

    Inputs:
    - z: array of any shape, the pre-activations; finite for |z| up to 1000
    - beta: a positive float

    Returns an array of z's shape.
    """
    ### BEGIN SOLUTION
    s = np.exp(-np.logaddexp(0.0, -beta * z))  # sigmoid(beta z)
    one_minus_s = np.exp(-np.logaddexp(0.0, beta * z))  # sigmoid(-beta z) = 1 - s
    return s * (1.0 + beta * z * one_minus_s)
    ### END SOLUTION


def softmax(S):
    """The row-wise softmax of a batch of scores (logits).

    softmax(S)[i, j] = exp(S[i, j]) / sum_k exp(S[i, k]). Subtract each row's maximum first:
    it changes nothing mathematically and keeps every exponent <= 0.

    Inputs:
    - S: array of shape (N, C), one row of C class scores per sample; finite for scores up
      to 1000 in magnitude and rows on very different scales

    Returns an array of shape (N, C) whose rows are probability vectors.
    """
    ### BEGIN SOLUTION
    shifted = S - S.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=1, keepdims=True)
    ### END SOLUTION


def log_softmax(S):
    """The row-wise log-softmax: log softmax(S), computed without taking log of a softmax.

    log_softmax(S)[i, j] = S[i, j] - m_i - log sum_k exp(S[i, k] - m_i), m_i = max_k S[i, k].
    Finite even where softmax(S) underflows to 0.

    Inputs:
    - S: array of shape (N, C), the scores

    Returns an array of shape (N, C).
    """
    ### BEGIN SOLUTION
    shifted = S - S.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    ### END SOLUTION


def softmax_backward(dout, S):
    """The backward pass of the row-wise softmax: a vector-Jacobian product.

    With s = softmax(S) and an upstream gradient dout = dL/ds, returns dL/dS, the gradient of
    sum(softmax(S) * dout) with respect to S. Row by row it is dout_i^T J_i with the Jacobian
    J_i = diag(s_i) - s_i s_i^T, which simplifies to s_i * (dout_i - <s_i, dout_i>): never
    build J_i.

    Inputs:
    - dout: array of shape (N, C), the upstream gradient
    - S: array of shape (N, C), the scores the softmax was applied to

    Returns dS, an array of shape (N, C).
    """
    ### BEGIN SOLUTION
    s = softmax(S)
    return s * (dout - (s * dout).sum(axis=1, keepdims=True))
    ### END SOLUTION


def cross_entropy(S, y):
    """The mean cross-entropy of the softmax of the scores, and its gradient.

    loss = (1/N) sum_i -log softmax(S)[i, y_i], computed with log-softmax, so that a target
    score far below its row's maximum gives a large finite loss, not inf.

    Inputs:
    - S: array of shape (N, C), the scores (logits)
    - y: integer array of shape (N,), the class index of each sample, 0 <= y_i < C

    Returns a tuple (loss, dS):
    - loss: a float
    - dS: array of shape (N, C), the gradient of loss with respect to S:
      (softmax(S) - onehot(y)) / N
    """
    ### BEGIN SOLUTION
    N = S.shape[0]
    rows = np.arange(N)
    loss = -float(np.mean(log_softmax(S)[rows, y]))
    dS = softmax(S)
    dS[rows, y] -= 1.0
    return loss, dS / N
    ### END SOLUTION


WRITTEN_ANSWERS = {
    "w1": """Backpropagation multiplies the upstream gradient by the activation's derivative at
every layer, so through L layers the gradient carries a product of L such factors. The sigmoid's
derivative sigma(1 - sigma) is at most 1/4 (at z = 0) and tanh's 1 - tanh^2 is at most 1, and
both tend to 0 once |z| is a few units (saturation): a product of L factors below 1/4 shrinks
like 4^-L, so the early layers hardly learn. ReLU's derivative is exactly 1 for every z > 0: an
active unit passes the gradient through unchanged, whatever the depth, and its cost is a
comparison. The price is 0 for z < 0 (a unit that is never active is "dead" and never
recovers); leaky ReLU (alpha) and ELU (alpha e^z) keep a non-zero derivative there, and GELU and
Swish are smooth versions whose derivatives also tend to 1 for large positive z and to 0 only on
the negative side.""",
    "w2": """The softmax does not change when the same constant c is subtracted from every score of
a row: e^(s_j - c) / sum_k e^(s_k - c) = e^(s_j) / sum_k e^(s_k) (the factor e^-c cancels). So
subtracting the row maximum changes nothing mathematically, but numerically e^1000 overflows to
inf (inf / inf = NaN) and e^-1000 underflows to 0 (0 / 0 = NaN); after the shift every exponent
is <= 0 and the largest is exactly e^0 = 1, so the denominator lies in [1, C]: no overflow and
never a division by 0. Inside the cross-entropy we need log softmax(S)[y]. Taking log of the
softmax fails where the probability of the target underflows to 0 (a target score 800 below the
maximum gives log 0 = -inf, an infinite loss and NaN gradients) and loses relative accuracy for
tiny probabilities. Log-softmax, S - m - log sum exp(S - m), never takes the log of a tiny number
(the sum is at least 1), so the loss is finite (about 800 in that example) and accurate, and its
gradient is the simple softmax(S) - onehot(y).""",
}
