"""The 2017-01-17 MTurk API, one module per area: its structures, requests and responses.

Private to the package: users import every name from :mod:`mturk_models`.
"""
