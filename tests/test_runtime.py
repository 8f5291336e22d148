"""khobor.runtime: the garbage-collector tuning every command gets through get_pipeline()."""

import gc
import subprocess
import sys

import pytest

CODE = ("import gc, khobor.runtime as r; before = gc.get_freeze_count(); on = r.tune_gc(); "
        "print(on, gc.get_threshold()[0], gc.get_freeze_count() > before)")


@pytest.mark.parametrize("env, expected", [
    ({"KHOBOR_GC_TUNING": "1"}, "True 10000 True"),
    ({"KHOBOR_GC_TUNING": "0"}, "False 700 False"),
])
def test_tune_gc(env, expected):
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True,
                         env={**__import__("os").environ, **env, "PYTHONHASHSEED": "0"})
    assert out.stdout.strip() == expected


def test_get_pipeline_tunes_the_collector():
    from khobor.pipeline import get_pipeline

    get_pipeline()
    if gc.get_threshold()[0] < 10_000:
        pytest.skip("KHOBOR_GC_TUNING=0 in this environment")
    assert gc.get_freeze_count() > 0
