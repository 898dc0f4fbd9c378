"""Test configuration shared by tests/, docs/ and README.md doctests.

Hypothesis profiles:

* ``dev`` (default on a workstation): few examples, fast feedback.
* ``ci`` (selected when ``CI`` is set, or with ``HYPOTHESIS_PROFILE=ci``): extends
  hypothesis' built-in ``ci`` profile (derandomized, no deadline, no example
  database) with more examples.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

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
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)
