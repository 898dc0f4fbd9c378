"""Point the oracle at another implementation: a conformance runner and a differential fuzzer.

Teams that implement creative-city's rules in another language use the library as a
test oracle. Their implementation is a command speaking the line protocol of
``creative-city eval --batch -`` (one JSON request per line in, one JSON answer per
line out, in order); this package runs it as a co-process and

* runs the conformance vectors against it (``creative-city conformance --against CMD``,
  or :func:`creative_city.conformance.runner.check`): a verdict per vector (pass, fail,
  skip, crash, timeout, garbage), a table per operation, text, JSON or JUnit;
* fuzzes it against the library (``creative-city fuzz --against CMD``, module
  ``creative_city.conformance.fuzzer``, which needs hypothesis): requests generated
  from the library's own strategies, each disagreement shrunk to a minimal request
  and saved as a vector on request.

Nothing is imported with the package itself (``creative-city conformance`` starts the
implementation before it loads the rest). The modules, each with one job:
:mod:`~creative_city.conformance.vectors` (reading and writing vectors; the shipped
ones live in ``vectors/v1`` inside this package),
:mod:`~creative_city.conformance.process` (a co-process that cannot hang the
caller), :mod:`~creative_city.conformance.protocol` (the line protocol and its
failures), :mod:`~creative_city.conformance.compare` (judging an answer),
:mod:`~creative_city.conformance.runner` (running vectors),
:mod:`~creative_city.conformance.report` (text, JSON, JUnit), ``cases`` and
``fuzzer`` (generated requests), :mod:`~creative_city.conformance.commands` (the
two commands).
"""

__all__: list[str] = []
