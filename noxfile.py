"""Developer tasks: ``nox`` runs tests, lint, typecheck and docs; ``bench`` and ``fuzz`` run
when named (``nox -s fuzz``)."""

from __future__ import annotations

from pathlib import Path

import nox

nox.options.sessions = ["tests", "lint", "typecheck", "docs"]
nox.options.reuse_existing_virtualenvs = True

PYTHONS = ["3.10", "3.11", "3.12", "3.13"]


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """Run the test suite (``HYPOTHESIS_PROFILE=thorough`` for many more examples)."""
    session.install("-e", ".[tests,pandas]", "coverage[toml]>=7")
    session.run("coverage", "run", "-m", "pytest", *session.posargs)
    session.run("coverage", "report", "--show-missing", "--skip-covered", "--fail-under=90")


@nox.session
def lint(session: nox.Session) -> None:
    """ruff check, ruff format --check, and the layout's import contracts (import-linter)."""
    session.install("-e", ".", "ruff>=0.6", "import-linter>=2.1")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("lint-imports")


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict with the pydantic plugin.

    The ``tests`` and ``pandas`` extras bring Hypothesis (``mturk_models.testing``) and NumPy
    (``to_dataframe``), whose own type hints mypy reads.
    """
    session.install("-e", ".[tests,pandas]", "mypy>=1.11", "types-python-dateutil")
    session.run("mypy")


@nox.session
def docs(session: nox.Session) -> None:
    """Build the documentation with warnings as errors (every page read again: ``-E``).

    autodoc imports every documented module, ``mturk_models.testing`` too: hence Hypothesis.
    """
    session.install("-e", ".[docs]", "hypothesis>=6.100")
    session.run(
        "sphinx-build", "-W", "--keep-going", "-E", "-b", "html", "docs", "docs/_build/html"
    )


@nox.session
def bench(session: nox.Session) -> None:
    """Run every benchmark script; each prints its ratios against peers measured in the same run."""
    session.install("-e", ".[tests]", "xmltodict>=0.13")
    for script in sorted(Path("benchmarks").glob("bench_*.py")):
        session.run("python", str(script), *session.posargs)


@nox.session
def fuzz(session: nox.Session) -> None:
    """Mutated real files through every parsing entry point (``-- --inputs N --seed S``)."""
    session.install("-e", ".")
    session.run("python", "fuzz/run.py", *session.posargs)
