"""The event coder's learned filter: rebuilt from the development gold it ships from, switchable, and
its probability is the event's confidence."""

import json
import os
import subprocess
import sys
from pathlib import Path

from khobor.pipeline import Pipeline
from khobor.stages.events import get_event_filter

from .paths import needs_shared

ROOT = Path(__file__).resolve().parents[1]
TEXT = "ইরানের ওপর নিষেধাজ্ঞা আরোপ করেছে যুক্তরাষ্ট্র।"


@needs_shared
def test_shipped_filter_is_what_the_script_builds():
    out = subprocess.run([sys.executable, str(ROOT / "scripts/train_event_filter.py"), "--check"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_filter_never_trained_on_held_out_gold():
    model = json.loads((ROOT / "src/khobor/data/events/filter.json").read_text(encoding="utf-8"))
    assert model["trained_on"] and not any("heldout" in f for f in model["trained_on"])


def test_confidence_is_the_filter_probability():
    flt = get_event_filter()
    assert flt is not None
    doc = Pipeline(["segment", "entities", "events"]).process({"body": TEXT, "published": "2024-08-12"})
    (ev,) = doc.events
    assert flt.threshold <= ev.confidence <= 1.0


def test_filter_can_be_switched_off():
    code = ("from khobor.stages.events import get_event_filter; print(get_event_filter() is None)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "KHOBOR_EVENT_FILTER": "0"})
    assert out.stdout.strip() == "True"
