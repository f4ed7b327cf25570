"""The bottom layer every other part shares: the plain-data wire format (:mod:`codec`), the
contract's return kinds (:mod:`contract`), the interface a check calls a submission through
(:mod:`submission`), the dispatcher that runs a call in a student namespace (:mod:`dispatch`)
and the arguments that are not plain data, generators and the test's callables
(:mod:`arguments`).

NumPy and the standard library only, and no import of any other ``autograder`` package: the
sandboxed child, the students' public-check bundle, the grader and the checks all load it.
"""
