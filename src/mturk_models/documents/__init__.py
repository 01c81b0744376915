"""The XML and JSON documents carried inside the API: answers, questions, crowd-form answers.

Every XML document goes through the one safe reader in :mod:`._xml`. This folder never imports
the ``api`` folder. Private to the package: users import every name from :mod:`mturk_models`.
"""
