"""Wrong: hubs.expand keeps an occurrence that falls in a DST gap instead of skipping it.

The occurrence keeps its wall-clock time with the offset from before the gap (what
naive local arithmetic gives: 02:30+01:00 on the night Berlin springs forward).
"""

from __future__ import annotations

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from oracle_wrapper import serve


def perturb(request, answer):
    data = request["input"]
    if request["operation"] != "hubs.expand" or "UNTIL" in data["rule"].upper():
        return answer
    if data.get("exdates") or data.get("rdates") or data.get("window_end"):
        return answer
    zone = ZoneInfo(data["zone"])
    start = dt.datetime.fromisoformat(data["start"]).astimezone(zone).replace(tzinfo=None)
    occurrences = {
        dt.datetime.fromisoformat(text): text for text in answer["output"]["occurrences"]
    }
    bound = data.get("max_occurrences", 1000)
    for local in itertools.islice(rrulestr(data["rule"], dtstart=start), bound):
        aware = local.replace(tzinfo=zone)
        if aware.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) != local:
            occurrences[aware] = aware.isoformat()  # in the gap: kept, wrongly
    ordered = [occurrences[key] for key in sorted(occurrences)]
    return {**answer, "output": {**answer["output"], "occurrences": ordered}}


if __name__ == "__main__":
    serve(perturb)
