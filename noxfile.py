"""Developer tasks: ``nox`` runs tests, lint, typecheck and docs; ``bench``, ``fuzz`` and
``mutation`` run when named (``nox -s fuzz``)."""

from __future__ import annotations

import os
import re
from collections import Counter
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


# The core modules mutation testing covers (``[tool.mutmut] only_mutate`` in pyproject.toml),
# each with its own tests: what ``mutation`` runs for the module's mutants by default.
MUTATED = {
    "src/mturk_models/_types.py": ["tests/test_types.py", "tests/test_types_contract.py"],
    "src/mturk_models/api/qualifications.py": [
        "tests/api/test_qualifications.py",
        "tests/api/test_qualifications_mutation.py",
        "tests/api/test_qualification_types.py",
        "tests/api/test_requests_qualifications.py",
    ],
    "src/mturk_models/api/requests.py": [
        "tests/api/test_requests.py",
        "tests/api/test_requests_mutation.py",
        "tests/api/test_preflight.py",
    ],
    "src/mturk_models/documents/answers.py": [
        "tests/documents/test_answers.py",
        "tests/documents/test_answers_mutation.py",
        "tests/documents/test_answers_uploads.py",
    ],
    "src/mturk_models/archives/batch.py": [
        "tests/archives/test_batch.py",
        "tests/archives/test_batch_cli.py",
        "tests/archives/test_batch_contract.py",
        "tests/archives/test_batch_sources.py",
        "tests/archives/test_batch_time_errors.py",
    ],
}
# mutmut's result names: "mturk_models._types.x_name__mutmut_3", "...xǁClassǁmethod__mutmut_1".
_MUTANT = re.compile(r"^\s*(?P<module>[\w.]+?)\.x[_ǁ]\S*: (?P<status>.+?)\s*$")


@nox.session
def mutation(session: nox.Session) -> None:
    """Mutation testing (mutmut) of the core modules, and each module's score.

    All of them by default, or only the modules named
    (``nox -s mutation -- src/mturk_models/_types.py``). Each module's mutants run against that
    module's own tests (``MUTATED`` below): minutes per module, and a score that is a lower bound
    of the whole suite's. ``--tests PATH`` (repeatable: a test file or folder) runs those tests
    instead, for every module named (``--tests tests``: the whole suite, hours).
    ``--max-children N`` limits the parallel test processes (default: one per CPU), for a
    shared machine. Hypothesis runs its ``mutation`` profile (few fixed examples, see
    ``tests/conftest.py``) unless ``HYPOTHESIS_PROFILE`` is set. Results are kept in
    ``mutants/``; mutmut collects its stats again whenever the test selection changes.
    """
    session.install("-e", ".[tests,pandas]", "mutmut>=3.8,<4")
    options, tests, paths = _mutation_arguments(session)
    unknown = [path for path in paths if path not in MUTATED]
    if unknown:
        session.error(f"not a mutated module: {', '.join(unknown)}; choose from {list(MUTATED)}")
    modules = [
        path.removeprefix("src/").removesuffix(".py").replace("/", ".") for path in paths or MUTATED
    ]
    env = {"HYPOTHESIS_PROFILE": os.environ.get("HYPOTHESIS_PROFILE", "mutation")}
    scores = []
    for path, module in zip(paths or list(MUTATED), modules, strict=True):
        selected = tests or MUTATED[path]
        env["MUTATION_TESTS"] = os.pathsep.join(selected)
        session.log(f"mutating {module} against {' '.join(selected)}")
        session.run("python", "-c", _MUTMUT_WITH_TESTS, "run", *options, f"{module}.*", env=env)
        # Read now: the next module's run, with other tests, resets the results of this one.
        scores.append(_mutation_score(session, module))
    for score in scores:
        session.log(score)


def _mutation_score(session: nox.Session, module: str) -> str:
    """``mutation score MODULE: NN.N% (counts)`` from mutmut's results of its last run."""
    output = session.run("mutmut", "results", "--all=true", silent=True) or ""
    count: Counter[str] = Counter()
    for line in str(output).splitlines():
        match = _MUTANT.match(line)
        if match and match["module"] == module:
            count[match["status"]] += 1
    killed = count["killed"] + count["timeout"] + count["caught by type check"]
    tested = killed + count["survived"] + count["no tests"] + count["suspicious"]
    score = f"{100 * killed / tested:.1f}%" if tested else "n/a"
    details = ", ".join(f"{n} {status}" for status, n in sorted(count.items()))
    return f"mutation score {module}: {score} ({details or 'no mutants'})"


# mutmut reads its configuration from pyproject.toml only: the module's tests (or ``--tests``)
# replace the test selection ([tool.mutmut] pytest_add_cli_args_test_selection) in mutmut's
# loaded configuration, then this runs mutmut's command line. The forked test processes inherit
# it, and mutmut's own cache key includes the selection, so a run with other tests collects the
# stats again.
_MUTMUT_WITH_TESTS = """
import os, sys
from mutmut.__main__ import cli
from mutmut.configuration import config
config().pytest_add_cli_args_test_selection = os.environ["MUTATION_TESTS"].split(os.pathsep)
sys.argv[0] = "mutmut"
cli()
"""


def _mutation_arguments(session: nox.Session) -> tuple[list[str], list[str], list[str]]:
    """The posargs of ``mutation``: mutmut's ``--max-children N``, the ``--tests`` paths and the
    module paths."""
    options: list[str] = []
    tests: list[str] = []
    paths: list[str] = []
    arguments = iter(session.posargs)
    for argument in arguments:
        name, equals, value = argument.partition("=")
        if name not in ("--max-children", "--tests"):
            paths.append(argument)
            continue
        if not equals:
            value = next(arguments, "")
        if name == "--tests":
            if not Path(value).exists():
                session.error(f"--tests takes an existing test file or folder; got {value!r}")
            tests.append(value)
            continue
        if not value.isdigit() or int(value) < 1:
            session.error(f"--max-children takes a positive number; got {value!r}")
        options += ["--max-children", value]
    return options, tests, paths
