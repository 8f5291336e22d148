"""Launcher for spark-submit: ``spark-submit scripts/khobor_spark_submit.py INPUT OUTPUT [PARTITIONS]``.

khobor must be importable on the driver and the executors (installed on each node, or shipped with
``--py-files khobor-*.whl``). See ``khobor.spark`` for the output layout.
"""

from khobor.spark import main

if __name__ == "__main__":
    main()
