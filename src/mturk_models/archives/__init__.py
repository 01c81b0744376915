"""Archives read into the API's models: legacy XML API responses and batch results CSV files.

Private to the package: users import every name from :mod:`mturk_models`.
"""
