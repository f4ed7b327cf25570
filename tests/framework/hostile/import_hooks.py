"""Install an import hook and replace builtins.__import__ so that whatever the grader imports
later in this process (NumPy, inspect, the harness's helpers) is the student's version.

Wrong answer: ols_cost forgets the 1/2.
"""
import builtins
import sys
import types


def ols_cost(X, y, beta):
    r = y - X @ beta
    return float(r @ r)


# ATTACK
_real_import = builtins.__import__


def _evil_import(name, *args, **kwargs):
    module = _real_import(name, *args, **kwargs)
    if name in ("inspect", "codec", "traceback"):
        module = types.SimpleNamespace(**vars(module))
    return module


class _Finder:
    def find_spec(self, name, path=None, target=None):
        return None


builtins.__import__ = _evil_import
sys.meta_path.insert(0, _Finder())
for name in ("inspect", "traceback"):
    sys.modules.pop(name, None)
# END ATTACK
