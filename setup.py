"""Build hook for the optional C accelerator of the NER decoder (``khobor._nerfast``).

Everything else about the package is in pyproject.toml. The extension is optional: when it cannot be
compiled (no C compiler), installation goes on and ``khobor.ner`` uses its numpy decoder, which gives
the same labels (tests/test_ner_fast.py compares the two when the extension is present)."""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "khobor._nerfast",
            ["src/khobor/_nerfast.c"],
            optional=True,
            # only additions and comparisons, but keep the compiler from fusing or reordering anything
            extra_compile_args=["-O2", "-ffp-contract=off", "-fno-fast-math"],
        )
    ],
)
