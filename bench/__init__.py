"""The benchmark (`make bench`): the portal at national scale against a raw-SQL floor.

A plain package, not an app. Its floor views, URLs and query-count middleware are mounted only
when the setting BENCH_FLOOR_VIEWS is true (the benchmark's gunicorn sets it); run.py drives
everything and writes bench/results/.
"""
