"""Test configuration shared by tests/, docs/ and README.md doctests.

Hypothesis profiles:

* ``dev`` (default on a workstation): few examples, fast feedback.
* ``ci`` (selected when ``CI`` is set, or with ``HYPOTHESIS_PROFILE=ci``): extends
  hypothesis' built-in ``ci`` profile (derandomized, no deadline, no example
  database) with more examples.
* ``mutation`` (``HYPOTHESIS_PROFILE=mutation``, set by ``tools/mutation.py``): for
  mutation testing, where the same tests run once per planted error. Derandomized (every
  run of a test draws the same examples, so a mutant is killed or not, never by luck),
  few examples, no shrinking (a failure is all a killed mutant needs) and no example
  database (failures of mutants are not saved for the next normal run).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, settings

settings.register_profile(
    "dev",
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "ci",
    settings.get_profile("ci"),
    max_examples=150,
    stateful_step_count=40,
)
settings.register_profile(
    "mutation",
    derandomize=True,
    database=None,
    max_examples=20,
    deadline=None,
    phases=[Phase.explicit, Phase.generate, Phase.target],
    report_multiple_bugs=False,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)

# The fixtures live in a module of their own, so that this file needs no pytest (the
# Pyodide test runs it to load the profiles where pytest is not installed).
pytest_plugins = ["tests.fixtures"]
