"""q3: the number of learnable parameters of a convolutional layer, biases included."""

from autograder.testing import Diagnose, check, expect_int

from ._oracles import conv_param_reference


def _diagnose(C, F, HH, WW):
    return Diagnose(wrong_formulas={
        "no_bias": ("F * C * HH * WW: the F biases are parameters too",
                    lambda: F * C * HH * WW),
        "no_channels": ("F * HH * WW + F: each filter has one HH x WW kernel per input channel",
                        lambda: F * HH * WW + F),
        "bias_per_channel": ("one bias per input channel; there is one bias per filter",
                             lambda: F * C * HH * WW + C),
        "bias_per_weight": ("two parameters per weight; there is one bias per filter",
                            lambda: 2 * F * C * HH * WW),
    })


@check("q3", points=1)
def test_param_count_of_two_layers(sub):
    """8 filters of 3x3 over 3 channels: 8 * 3 * 3 * 3 weights + 8 biases = 224."""
    expect_int(sub.conv_param_count(3, 8, 3, 3), 224, name="conv_param_count(3, 8, 3, 3)",
               diagnose=_diagnose(3, 8, 3, 3))
    # A 1x2 kernel, 2 channels in, 5 filters: 5 * 2 * 1 * 2 + 5
    expect_int(sub.conv_param_count(2, 5, 1, 2), 25, name="conv_param_count(2, 5, 1, 2)",
               diagnose=_diagnose(2, 5, 1, 2))


@check("q3", points=1, hidden=True)
def test_param_count_matches_torch_layers(sub, rng):
    """The count equals the parameters of torch.nn.Conv2d on random layers.

    F != C, non-square kernels.
    """
    for t in range(4):
        C = int(rng.integers(1, 65))
        F = C + int(rng.integers(1, 33))
        HH, WW = int(rng.integers(1, 8)), int(rng.integers(1, 8))
        if t % 2:
            C, F = F, C
        expect_int(sub.conv_param_count(C, F, HH, WW), conv_param_reference(C, F, HH, WW),
                   name=f"conv_param_count on random layer {t + 1}",
                   diagnose=_diagnose(C, F, HH, WW))
