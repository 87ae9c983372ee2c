"""Where imported values go that belong in the format 1.1 keys ``support``, ``frontstage`` and ``time``.

Systems and tools (a Mermaid task's system actors, a sheet's Support column)
go into the step's ``support`` list, frontstage actions into ``frontstage``,
and times into ``time``. A name set to None sends its values to the phase's
narrative instead.
"""

from __future__ import annotations

#: The step key for systems and tools.
SUPPORT_KEY = "support"
#: The step key for what staff do in the customer's sight; None: the phase's narrative.
FRONTSTAGE_KEY: str | None = "frontstage"
#: The step key for when a step happens; None: the phase's narrative.
TIME_KEY: str | None = "time"

#: The order of a step's keys in the files written (the model's order).
STEP_KEYS = ("action", "thinking", "feeling", "emotion", "moment_of_truth", "time", "touchpoints", "pain_points",
             "opportunities", "evidence", "metrics", "frontstage", "backstage", "support")
