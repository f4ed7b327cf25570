"""q8: the receptive field of one unit after a stack of convolutional layers (one axis)."""

import math

from autograder.testing import Diagnose, check, expect_int

from ._oracles import receptive_field_reference


def _diagnose(ks, ss):
    def own_stride_included():
        field = 1
        for t, k in enumerate(ks):
            field += (k - 1) * math.prod(ss[:t + 1])
        return field

    return Diagnose(wrong_formulas={
        "no_stride": ("1 + sum(k - 1): the strides are missing. Each layer's k - 1 extra units "
                      "are as far apart, in input pixels, as the product of the strides "
                      "*below* it", lambda: 1 + sum(k - 1 for k in ks)),
        "jump_inclusive": ("a field where each layer's own stride multiplies its kernel: only "
                           "the strides of the layers below count",
                           own_stride_included),
        "sum_kernels": ("the sum of the kernel sizes; consecutive layers share a pixel, so "
                        "each adds k - 1, not k", lambda: sum(ks)),
        "product": ("the product of the kernel sizes", lambda: math.prod(ks)),
    })


@check("q8", points=1)
def test_receptive_field_of_small_stacks(sub):
    """Receptive fields of a few stacks, worked out by hand.

    The last two stacks' lists read differently backwards: a function that reorders the
    caller's lists in place is caught.
    """
    cases = [
        ([3], [1], 3),  # one layer: its kernel
        ([3, 3], [1, 1], 5),  # two 3x3 layers see 5 pixels
        ([3, 3, 3], [2, 2, 2], 15),  # 1 + 2 * 1 + 2 * 2 + 2 * 4
        ([2, 2, 2], [2, 2, 2], 8),  # non-overlapping 2x2 windows: 2 * 2 * 2 pixels
        ([5, 3], [2, 1], 9),  # 1 + 4 * 1 + 2 * 2
        ([1, 3], [3, 1], 7),  # 1 + 0 + 2 * 3
    ]
    for ks, ss, want in cases:
        expect_int(sub.receptive_field(list(ks), list(ss)), want,
                   name=f"receptive_field({ks}, {ss})", diagnose=_diagnose(ks, ss))


@check("q8", points=3, hidden=True)
def test_receptive_field_matches_the_gradient_footprint(sub, rng):
    """The field equals the span of input pixels a unit's gradient reaches, on random stacks.

    1 to 6 layers, kernels 1 to 7, strides 1 to 3; the footprint comes from PyTorch autograd.
    The first stacks are fixed, with lists that read differently backwards (a function that
    reorders the caller's lists in place is caught).
    """
    # A stride below a kernel > 1; then a stack whose both lists are not palindromes.
    stacks = [([3, 3], [2, 1]), ([5, 3, 2], [2, 1, 3])]
    while len(stacks) < 8:
        depth = int(rng.integers(1, 7))
        ks = [int(k) for k in rng.integers(1, 8, depth)]
        ss = [int(s) for s in rng.integers(1, 4, depth)]
        stacks.append((ks, ss))
    for t, (ks, ss) in enumerate(stacks):
        expect_int(sub.receptive_field(list(ks), list(ss)), receptive_field_reference(ks, ss),
                   name=f"receptive_field on stack {t + 1} ({len(ks)} layers)",
                   diagnose=_diagnose(ks, ss))
