"""Domain package of the VNeID consultation aggregation pipeline.

Nothing in this package imports Airflow except `airflow_adapter`, so every piece of logic can be
unit-tested on its own.
"""
