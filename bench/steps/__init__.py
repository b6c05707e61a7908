"""The steps of bench/run_bench.py, one module per step or group of steps sharing data."""
