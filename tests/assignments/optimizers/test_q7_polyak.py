"""q7: polyak_average(trajectory), the mean of the iterates w_1..w_T (row 0, w_0, excluded)."""

import numpy as np

from autograder.testing import Diagnose, check, expect_close

from ._data import mixed

RTOL, ATOL = 1e-12, 1e-12  # a mean in any order (np.mean, sum / T, a running mean)


def _diagnose(trajectory):
    T = trajectory.shape[0] - 1
    return Diagnose(
        factors={"T": float(T), "T/(T+1)": T / (T + 1)},
        hints={"T": "The average divides the sum of the iterates by their number T.",
               "T/(T+1)": "Sum T iterates (w_1..w_T), so divide by T, not by T + 1."},
        wrong_formulas={
            "with_w0": ("the mean of all rows, w_0 included: the initial point is excluded, "
                        "average w_1..w_T", lambda: trajectory.mean(axis=0)),
            "drop_last": ("the mean of w_0..w_{T-1}: exclude the first row, not the last",
                          lambda: trajectory[:-1].mean(axis=0)),
            "last": ("the last iterate w_T: the average is over every iterate w_1..w_T",
                     lambda: trajectory[-1]),
            "axis": ("the mean of each row (axis=1): average over the iterates, axis=0",
                     lambda: trajectory[1:].mean(axis=1)),
        },
    )


def _expect_average(sub, trajectory, want, name):
    expect_close(sub.polyak_average(trajectory), want, name=name, rtol=RTOL, atol=ATOL,
                 diagnose=_diagnose(trajectory))


@check("q7", points=1)
def test_the_average_of_three_iterates(sub):
    """w0 = (10, -10) is excluded; the mean of w1 = (1, 2), w2 = (3, -2), w3 = (2, 3) is (2, 1).
    A single iterate is its own average."""
    trajectory = np.array([[10.0, -10.0], [1.0, 2.0], [3.0, -2.0], [2.0, 3.0]])
    _expect_average(sub, trajectory, np.array([2.0, 1.0]), "polyak_average of 3 iterates")
    one = np.array([[4.0, 0.0, 1.0], [-1.0, 0.5, 2.0]])
    _expect_average(sub, one, one[1], "polyak_average of a single iterate")


@check("q7", points=2, hidden=True)
def test_averages_of_random_trajectories(sub, rng):
    """Random trajectories of T = 7 iterates in 3-D, T = 40 in 5-D and T = 1 in 4-D: the mean
    of rows 1..T, computed column by column with math.fsum."""
    from ._oracles import mean_fsum

    for T, d in [(7, 3), (40, 5), (1, 4)]:
        trajectory = mixed(rng, (T + 1, d), 0.1, 3.0) + np.linspace(-1, 1, d)
        trajectory[0] *= 20.0  # a distant starting point
        _expect_average(sub, trajectory, mean_fsum(trajectory[1:]),
                        f"polyak_average of {T} iterate(s) in {d}-D")
