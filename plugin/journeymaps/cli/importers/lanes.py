"""Where imported values go that belong in the format 1.1 keys ``support``, ``frontstage`` and ``time``.

The model does not accept those keys yet (another issue adds them). Until it
does, systems and tools (a Mermaid task's system actors, a sheet's Support
column) go into the step's ``backstage`` list, and frontstage actions and times
go into the phase's narrative. When the model has the keys, change the three
names below, and the importers follow.
"""

from __future__ import annotations

#: The step key for systems and tools; "support" once the model has it.
SUPPORT_KEY = "backstage"
#: The step key for what staff do in the customer's sight; None: the phase's narrative.
FRONTSTAGE_KEY: str | None = None
#: The step key for when a step happens; None: the phase's narrative.
TIME_KEY: str | None = None

#: The order of a step's keys in the files written (the model's order).
STEP_KEYS = ("action", "thinking", "feeling", "emotion", "moment_of_truth", "time", "touchpoints", "pain_points",
             "opportunities", "evidence", "metrics", "frontstage", "backstage", "support")
