"""The wire format: plain data only, validated, capped."""

import json
import struct

import numpy as np
import pytest

from autograder.core import codec


def test_round_trip_of_plain_data():
    value = {"a": np.arange(6.0).reshape(2, 3), "b": (1, 2.5, None, True, "s"),
             "c": [np.int32(3), np.float64(1.5)], 4: codec.Handle(7)}
    back = codec.decode(codec.encode(codec.to_plain(value)))
    assert back["a"].dtype == np.float64 and np.array_equal(back["a"], value["a"])
    assert type(back["a"]) is np.ndarray and back["a"].flags.writeable
    assert back["b"] == (1, 2.5, None, True, "s")
    assert back["c"] == [3, 1.5] and type(back["c"][0]) is int
    assert back[4] == codec.Handle(7)


def test_subclasses_and_array_likes_become_base_arrays():
    class Sneaky(np.ndarray):
        def __eq__(self, other):
            return True

    s = np.arange(3.0).view(Sneaky)
    plain = codec.to_plain(s)
    assert type(plain) is np.ndarray
    assert type(codec.decode(codec.encode(plain))) is np.ndarray


@pytest.mark.parametrize("bad", [object(), {1, 2}, np.array(["a"], dtype=object),
                                 {(1, 2): 3}, lambda: 1])
def test_non_plain_values_are_refused(bad):
    with pytest.raises(codec.UnsupportedValue):
        codec.encode(codec.to_plain(bad))


def _frame(header, blobs=()):
    head = json.dumps(header).encode()
    parts = [codec.MAGIC, struct.pack("<Q", len(head)), head, struct.pack("<I", len(blobs))]
    for b in blobs:
        parts += [struct.pack("<Q", len(b)), b]
    return b"".join(parts)


@pytest.mark.parametrize("frame", [
    b"\x80\x04pickle",                                   # a pickle is not a frame
    _frame(["a", "|O", [1], 0], [b"\0" * 8]),             # object dtype
    _frame(["a", "<f8", [3], 0], [b"\0" * 8]),            # size does not match the buffer
    _frame(["a", "<f8", [-1], 0], [b""]),                 # negative shape
    _frame(["x", 1]),                                     # unknown tag
    _frame(["d", [[[1], ["i", 1]]]]),                     # unhashable key
    _frame(["t", [["i", 1]]]) + b"junk",                  # trailing bytes
])
def test_malformed_frames_are_rejected(frame):
    with pytest.raises(codec.CodecError):
        codec.decode(frame)


def test_nesting_and_size_caps():
    deep = ["n"]
    for _ in range(codec.MAX_DEPTH + 5):
        deep = ["l", [deep]]
    with pytest.raises(codec.CodecError):
        codec.decode(_frame(deep))
    with pytest.raises(codec.CodecError):
        codec.decode(b"x" * (codec.MAX_MESSAGE_BYTES + 1))


def test_only_the_graders_messages_may_carry_long_strings():
    """A notebook cell may exceed MAX_STRING; an answer from the child may not."""
    frame = codec.encode({"cells": ["x" * (codec.MAX_STRING + 1)]})
    assert len(codec.decode(frame, shared=True)["cells"][0]) == codec.MAX_STRING + 1
    with pytest.raises(codec.CodecError):
        codec.decode(frame)
