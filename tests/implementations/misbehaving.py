"""Bad behaviour on the requests of one operation; the library's answers otherwise.

Usage: ``python misbehaving.py MODE OPERATION`` where MODE is one of

* ``hang``: never answers;
* ``exit``: writes a traceback-like line to stderr and exits with code 3;
* ``not-json``: answers with a line that is not JSON;
* ``two-lines``: answers twice;
* ``flood``: writes 4 MiB to stderr, then answers correctly;
* ``lag``: from the second request on, answers the previous request (out of step).
"""

from __future__ import annotations

import json
import sys
import time

from oracle_wrapper import reference


def main(mode, operation):
    previous = None
    for line in sys.stdin:
        request = json.loads(line)
        answer = json.dumps(reference(request))
        if mode == "lag":
            previous, answer = answer, previous or answer
        elif request.get("operation") == operation:
            if mode == "hang":
                time.sleep(3600)
            elif mode == "exit":
                sys.stderr.write("Traceback: the implementation gave up\n")
                sys.exit(3)
            elif mode == "not-json":
                answer = "Segmentation fault? no: just not JSON"
            elif mode == "two-lines":
                answer = answer + "\n" + answer
            elif mode == "flood":
                sys.stderr.write("x" * (4 * 1024 * 1024) + "\n")
                sys.stderr.flush()
        sys.stdout.write(answer + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
