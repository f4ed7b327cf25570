"""q1: a bootstrap sample is exactly one call rng.integers(0, n, size=n) on the Generator
passed in, which the call consumes (the next call draws the next bag).

The grader passes a Generator by its state and sets the caller's generator to the state the
student's code left it in, so a check compares both the draws and that state with what the
contract's one call does to a twin of the generator.
"""

import numpy as np

from autograder.testing import Diagnose, check, expect_array, expect_equal, fail

BIT_GENERATORS = ("PCG64", "Philox", "SFC64", "MT19937", "PCG64DXSM")


def twin(g, state):
    """A new generator of ``g``'s kind of bit generator, in ``state``."""
    bit = type(g.bit_generator)()
    bit.state = state
    return np.random.Generator(bit)


def same_state(a, b):
    """Two bit-generator states (dicts of ints, strings and arrays) are equal."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_state(a[k], b[k]) for k in a)
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.array_equal(a, b)
    return a == b


def _wrong_draws(g, before, n):
    """What the usual wrong draws give from the same starting state (evaluated on failure)."""

    def draw(how):
        return lambda: how(twin(g, before))

    def second(t):
        t.integers(0, n, size=n)
        return t.integers(0, n, size=n)

    return {
        "uniform": ("floor(n U) with U = rng.random(n): other numbers than rng.integers(0, n, "
                    "size=n), which the contract fixes so that a bag can be compared",
                    draw(lambda t: np.floor(n * t.random(n)).astype(int))),
        "high": ("rng.integers(0, n - 1, size=n): the upper bound of integers is exclusive, so "
                 "this never draws n - 1; use rng.integers(0, n, size=n)",
                 draw(lambda t: t.integers(0, n - 1, size=n))),
        "endpoint": ("rng.integers(0, n + 1, size=n), which can draw n, one past the last "
                     "index", draw(lambda t: t.integers(0, n + 1, size=n))),
        "second": ("the second draw of the generator: your code drew other random numbers "
                   "before the bag", draw(second)),
    }


def expect_bag(sub, n, g, name):
    """``sub.bootstrap_indices(n, g)`` draws exactly ``rng.integers(0, n, size=n)`` from ``g``
    and leaves ``g`` where that one call leaves it."""
    before = g.bit_generator.state
    got = sub.bootstrap_indices(n, g)
    after = g.bit_generator.state
    contract = twin(g, before)
    want = contract.integers(0, n, size=n)
    untouched = same_state(after, before)
    if (isinstance(got, np.ndarray) and got.shape == (n,) and got.dtype.kind in "iu"
            and np.array_equal(got, want)):
        if same_state(after, contract.bit_generator.state):
            return
        if untouched:
            fail(f"{name}: the indices are right, but the generator you were given was not "
                 "advanced: you drew from a copy of it. The contract consumes the caller's "
                 "generator (the one input a function may change), so that the next call draws "
                 "the next bag: call rng.integers on the rng argument itself.", "formula:copy")
        fail(f"{name}: the indices are right, but your code drew more random numbers from the "
             "generator than the one call rng.integers(0, n, size=n), so the next bag would not "
             "be the contract's.", "count")
    if untouched:
        fail(f"{name} is not drawn from the generator passed in: its state did not change, so "
             "your code drew from another one (np.random.randint, np.random.choice, a new "
             "np.random.default_rng(), a fixed seed). Draw with rng.integers(0, n, size=n) on "
             "the rng argument.", "seed")
    got = expect_array(got, name=name, shape=(n,), dtype="integer")
    if n >= 6 and np.array_equal(np.sort(got), np.arange(n)):
        fail(f"{name} is a permutation of 0..n-1 (every point exactly once): a bootstrap sample "
             "draws n points WITH replacement, so some points repeat and others are left out. "
             "Use rng.integers(0, n, size=n).", "formula:permutation")
    if not np.array_equal(got, want) and np.array_equal(np.sort(got), np.sort(want)):
        fail(f"{name} holds the right indices in another order (sorted?): return the draws in "
             "the order rng.integers(0, n, size=n) gives them.", "order")
    expect_equal(got, want, name=name, diagnose=Diagnose(
        transpose=False, wrong_formulas=_wrong_draws(g, before, n),
        hints={"offset": "Indices run from 0 to n - 1: rng.integers(0, n, size=n)."}))


@check("q1", points=1)
def test_a_bag_is_one_call_of_integers_on_the_given_generator(sub):
    """With rng = np.random.default_rng(12) and n = 10, the bag is rng.integers(0, 10,
    size=10) (some points repeat, some are missing) and rng is left where that one call
    leaves it."""
    expect_bag(sub, 10, np.random.default_rng(12), "bootstrap_indices(10, rng)")


@check("q1", points=1)
def test_bags_drawn_in_a_row_continue_the_generator(sub):
    """Three bags drawn in a row from np.random.default_rng(3), of n = 8, 13 and 8 points, are
    the generator's next three draws (so the two bags of 8 points differ), with its state
    checked after each."""
    g = np.random.default_rng(3)
    for k, n in enumerate((8, 13, 8)):
        expect_bag(sub, n, g, f"bag {k} of the three, bootstrap_indices({n}, rng)")


@check("q1", points=2, hidden=True)
def test_bags_from_every_kind_of_bit_generator(sub, rng):
    """Generators built on PCG64, Philox, SFC64, MT19937 and PCG64DXSM, with random seeds and
    sizes: each bag and each final state are those of one call rng.integers(0, n, size=n)."""
    for name in BIT_GENERATORS:
        g = np.random.Generator(getattr(np.random, name)(int(rng.integers(2**32))))
        n = int(rng.integers(15, 60))
        expect_bag(sub, n, g, f"bootstrap_indices(n, rng) with a {name} generator")


@check("q1", points=2, hidden=True)
def test_a_bagging_loop_draws_bag_after_bag(sub, rng):
    """Six bags of 25 points drawn in a row from one generator, as bagging draws them: each bag
    is the generator's next draw and its state is checked after each call."""
    g = np.random.default_rng(int(rng.integers(2**32)))
    for b in range(6):
        expect_bag(sub, 25, g, f"bag {b} of 6 drawn in a row")
