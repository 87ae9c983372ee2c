"""A small portfolio with known numbers, for the tests of the pages across maps.

Stages discover, buy, use; channels web, phone, store, email; departments
sales, support, ops. The figures the tests expect are worked out by hand in
the comments below.

- shop/ana-buys (current, ana, scenario buy): emotions discover 2, 0; buy -1, none; use 1.
  Touchpoints: Landing page (web, mobile, sales) → Chat bubble (web, mobile, support):
  department, 2 → 0 drops. → Order line (phone, no device, sales): channel and department
  (mobile → no device is not a change), 0 → -1 drops. → Receipt email (email, desktop, sales):
  channel, -1 → none is no drop. → Care tips email (email, desktop, sales): no change.
- shop/ben-buys (blueprint, ben, scenario buy): emotions discover -2, -1; use 1, 2.
  Shop window (store, in-person, ops) → Store greeting (store, in-person, sales): department,
  -2 → -1 rises. → Help line (phone, no device, support): channel and department, -1 → 1.
  The last step has no touchpoint (one CSV row of its own).
- shop/ana-future (future of shop/ana-buys, in review): discover 2 (Landing page, Live chat),
  buy 1 (order line). Hand-offs Landing page → Live chat (department, same step: no drop) and
  Live chat → order line (channel, department; 2 → 1 drops). Not in the persona comparisons.
- other/cleo-old (archived): never published, so cleo has no numbers.

Heatmap (as-is maps): ana discover +1.0, buy −1.0, use +1.0, all +0.5;
ben discover −1.5, buy —, use +1.5, all 0.0; cleo — everywhere.
Department pairs (as-is maps): sales→support 2 (1 drop), sales→sales 1, support→sales 1 (1 drop),
ops→sales 1.
"""

from __future__ import annotations

from pathlib import Path

from sites import FRESH_CONFIG, write

VOCABULARY = """
stages:
  - discover
  - buy
  - {id: use, name: Use, description: The customer uses what they bought.}
channels: [web, phone, store, email]
devices: [mobile, desktop, in-person]
departments:
  - {id: sales, name: Sales}
  - {id: support, name: Support}
  - {id: ops, name: Operations}
"""

ANA_BUYS = """
---
title: Ana buys a kettle
persona: ana
type: current
status: approved
owner: sales
scenario: buy
phases:
  - stage: discover
    steps:
      - action: Finds the kettle online
        emotion: 2
        touchpoints:
          - {name: Landing page, channel: web, device: mobile, department: sales}
      - action: Asks about the warranty
        emotion: 0
        touchpoints:
          - {name: Chat bubble, channel: web, device: mobile, department: support}
  - stage: buy
    steps:
      - action: Phones to order
        emotion: -1
        touchpoints:
          - {name: Order line, channel: phone, department: sales}
        pain_points: [Long hold]
        opportunities:
          - {title: Call-back, impact: high, effort: low, owner: support}
      - action: Reads the receipt
        touchpoints:
          - {name: Receipt email, channel: email, device: desktop, department: sales}
  - stage: use
    steps:
      - action: Boils water
        emotion: 1
        touchpoints:
          - {name: Care tips email, channel: email, device: desktop, department: sales}
---
"""

BEN_BUYS = """
---
title: Ben buys a kettle in town
persona: ben
type: blueprint
status: approved
owner: support
scenario: buy
phases:
  - stage: discover
    steps:
      - action: Walks past the shop
        emotion: -2
        touchpoints:
          - {name: Shop window, channel: store, device: in-person, department: ops, contact: indirect}
        pain_points: [Window is dark]
        opportunities:
          - Brighter window
          - {title: Staff training, impact: low, effort: high, owner: sales}
      - action: Goes in
        emotion: -1
        touchpoints:
          - {name: Store greeting, channel: store, device: in-person, department: sales}
  - stage: use
    steps:
      - action: Calls for help with the lid
        emotion: 1
        touchpoints:
          - {name: Help line, channel: phone, department: support}
      - action: Leaves a review
        emotion: 2
---
"""

ANA_FUTURE = """
---
title: Ana buys a kettle, future
persona: ana
type: future
status: review
baseline: shop/ana-buys
phases:
  - stage: discover
    steps:
      - action: Finds the kettle and chats at once
        emotion: 2
        touchpoints:
          - {name: Landing page, channel: web, device: mobile, department: sales}
          - {name: Live chat, channel: web, device: mobile, department: support}
  - stage: buy
    steps:
      - action: Orders on the phone with no wait
        emotion: 1
        touchpoints:
          - {name: order line, channel: phone, department: sales}
---
"""

CLEO_OLD = """
---
title: Cleo's old map
persona: cleo
status: archived
phases:
  - stage: buy
    steps:
      - action: Buys
        emotion: -2
        touchpoints:
          - {name: Old shop, channel: store, department: ops}
---
"""


def persona(name: str) -> str:
    """A persona file with just a name."""
    return f"---\nname: {name}\n---\n"


def portfolio_site(root: Path, config: str = FRESH_CONFIG) -> Path:
    """Write the portfolio above as a site at ``root``."""
    write(root, {
        "mkdocs.yml": config,
        "journeys/vocabulary.yml": VOCABULARY,
        "journeys/personas/ana.md": persona("Ana"),
        "journeys/personas/ben.md": persona("Ben"),
        "journeys/personas/cleo.md": persona("Cleo"),
        "journeys/shop/ana-buys.md": ANA_BUYS,
        "journeys/shop/ben-buys.md": BEN_BUYS,
        "journeys/shop/ana-future.md": ANA_FUTURE,
        "journeys/other/cleo-old.md": CLEO_OLD,
    })
    (root / "docs").mkdir(exist_ok=True)
    return root
