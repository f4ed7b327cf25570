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


def test_references_of_the_argument_mechanisms_and_who_may_send_them():
    """Generators, the test's callables and the student's functions by name travel only from
    the grader; an object the grader holds may come back from the child."""
    request = {"args": [codec.GeneratorState(0, {"bit_generator": "Philox",
                                                   "state": {"key": np.arange(2, dtype="<u8")}}),
                        codec.CallbackRef(5, "fit"), codec.FunctionRef("adam"),
                        codec.HeldRef(9)]}
    back = codec.decode(codec.encode(request), shared=True)["args"]
    assert back[0].slot == 0 and back[0].state["bit_generator"] == "Philox"
    assert back[0].state["state"]["key"].tolist() == [0, 1]
    assert back[1:] == [codec.CallbackRef(5, "fit"), codec.FunctionRef("adam"),
                        codec.HeldRef(9)]
    for ref in request["args"][:3]:
        with pytest.raises(codec.CodecError):
            codec.decode(codec.encode(ref))  # from the child: refused
    assert codec.decode(codec.encode(codec.HeldRef(9))) == codec.HeldRef(9)


@pytest.mark.parametrize("node", [
    ["g", 0, ["i", 1]],            # a generator's state that is not a dict
    ["g", True, ["d", []]],        # a slot that is not a number
    ["f", "os.system"],            # not a function name
    ["c", "1", "fit"],             # an id that is not a number
    ["o", 1.5],                    # nor here
])
def test_malformed_references_are_rejected(node):
    with pytest.raises(codec.CodecError):
        codec.decode(_frame(node), shared=True)
