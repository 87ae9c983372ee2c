"""A site made for the tests of the journey page as a picture (tests/test_map_picture.py).

Maps as dense as the sample's, at the sizes the issue names: ten steps (fits a
1400 px window and one landscape A3 page), eight (one landscape A4 page),
fourteen (scrolls sideways), a day in the life with a time on each step, a
service blueprint with every lane, and a future map. Every step has its own
action and every touchpoint its own name, so that a test can look for each of
them on the screen and in a PDF. The helpers at the end read a built page, a
page in the browser and a printed PDF.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

from playwright.sync_api import Page

from sites import write

STAGES = ["awareness", "consideration", "purchase", "delivery", "retention", "advocacy", "loyalty"]

VOCABULARY = """
emotion_scale:
  min: -2
  max: 2
  labels: {-2: Very negative, -1: Negative, 0: Neutral, 1: Positive, 2: Very positive}
stages: [awareness, consideration, purchase, delivery, retention, advocacy, loyalty]
channels:
  - social-media
  - email
  - {id: live-chat, name: Live chat}
  - {id: phone, name: Phone line}
  - store
  - website
  - {id: mobile-app, name: Mobile app}
  - print
  - sms
  - post
  - kiosk
  - {id: partner-network, name: Partner network}
  - {id: carrier-pigeon, name: Carrier pigeon}
devices: [mobile, desktop, {id: in-person, name: In person}, paper]
departments:
  - {id: marketing, name: Marketing}
  - {id: ecommerce, name: E-commerce}
  - {id: customer-service, name: Customer Service}
  - {id: logistics, name: Logistics}
  - {id: stores, name: Stores}
"""

PERSONA = """
---
name: Robin, the careful planner
segment: Busy parents
quote: "I plan the week on Sunday evening. If a delivery breaks the plan, I remember it."
goals: [Everything on time]
---
Robin plans ahead.
"""

ACTIONS = [
    "Sees a neighbour's photo of the new school shoes in the class group chat",
    "Searches the shop's website for wide fittings in size 13 and filters by colour",
    "Compares the fit guide with last year's pair measured on the kitchen floor",
    "Asks in the chat whether the leather version can be worn for sports lessons",
    "Orders two sizes with next-day delivery and pays with a saved card",
    "Receives a text that the parcel will arrive between 9 and 11 tomorrow",
    "Waits at home all morning and the courier comes at half past two instead",
    "Tries both pairs on the child before school and keeps the larger one",
    "Books a free return at the kiosk in the supermarket near the school gate",
    "Gets the refund after eight days and writes a short review on the website",
    "Receives a voucher for the next purchase in a printed letter at home",
    "Recommends the shop to two parents at the school gate on Friday",
    "Buys socks and a shoe-care kit in the store on the way back from town",
    "Signs up for the loyalty club to collect points on the next pair",
]
THOUGHTS = [
    "Do they last a whole term, or will the toes be scuffed by October?",
    "Why is the wide fitting only shown for half of the colours?",
    "He grows fast, so the bigger size might be the safer choice.",
    "I hope somebody answers before the little one wakes up.",
    "Two pairs cost more now, but the return should be free.",
    "Good, I can plan the school run around that slot.",
    "I took the morning off for this and nothing happened.",
    "The larger pair fits with thick socks, that settles it.",
    "Nice that I don't need a printer for the label.",
    "Eight days is long when the money is already spent.",
    "A voucher is nice, but it expires before the next pair.",
    "I'd buy here again if the delivery slot is right.",
    "The staff in the store actually remember us.",
    "Points are only worth it if we come back twice a year.",
]
FEELINGS = ["Curious", "Hopeful", "Unsure", "Impatient", "Relieved", "Reassured", "Angry", "Satisfied",
            "Pleased", "Let down", "Indifferent", "Proud", "Welcome", "Doubtful"]
EMOTIONS = [1, 0, -1, -1, 1, 1, -2, 1, 2, -1, 0, 2, 1, 0]
CHANNELS = ["social-media", "website", "website", "live-chat", "mobile-app", "sms", "post", "store", "kiosk",
            "email", "print", "phone", "partner-network", "carrier-pigeon"]
TOUCHPOINTS = [
    ("Class group chat photo", "Shared product link"),
    ("Wide fit filter on the website",),
    ("Printable fit guide", "Size chart in the app"),
    ("Live chat with an adviser",),
    ("Checkout with saved card", "Order confirmation message"),
    ("Delivery slot text",),
    ("Courier tracking page", "Missed slot apology email"),
    ("Returns slip in the box",),
    ("Return kiosk at the supermarket", "Kiosk receipt"),
    ("Refund email", "Review invitation"),
    ("Voucher letter",),
    ("Word of mouth at the school gate",),
    ("Store till and shoe-care shelf", "Store assistant's fitting check"),
    ("Loyalty club sign-up",),
]
PAINS = [
    [],
    ["The wide fitting is hidden behind a second filter"],
    ["The fit guide needs a printer and a ruler", "Sizes differ from last year's model"],
    ["The chat queue shows no waiting time"],
    [],
    [],
    ["The slot was missed without any message", "Nobody answers the phone line before 10"],
    [],
    [],
    ["The refund takes eight days to arrive"],
    ["The voucher expires after six weeks"],
    [],
    [],
    ["Points expire after one year"],
]
OPPORTUNITIES = [
    [],
    [{"title": "Show wide fittings first for school shoes", "impact": "high", "effort": "low", "owner": "ecommerce"}],
    ["Measure the foot with the phone's camera"],
    [],
    [{"title": "Free second size for school shoes", "impact": "medium", "effort": "medium"}],
    [],
    [{"title": "Proactive message when a slot is at risk", "impact": "high", "effort": "medium",
      "owner": "logistics"}, "Let the parent pick a later slot on the day"],
    [],
    [],
    [{"title": "Refund when the kiosk scans the parcel", "impact": "high", "effort": "high"}],
    [],
    [],
    [],
    [],
]


def _q(text: str) -> str:
    """A YAML scalar (a JSON string is one)."""
    return json.dumps(text)


def step_yaml(i: int, *, time: str | None = None, blueprint: bool = False) -> str:
    """Step ``i`` of the pool as YAML, indented for a phase's ``steps:`` list."""
    lines = [f"      - action: {_q(ACTIONS[i])}",
             f"        thinking: {_q(THOUGHTS[i])}",
             f"        feeling: {_q(FEELINGS[i])}",
             f"        emotion: {EMOTIONS[i]}"]
    if i in (3, 6):
        lines.append("        moment_of_truth: true")
    if time:
        lines.append(f"        time: {_q(time)}")
    lines.append("        touchpoints:")
    for k, name in enumerate(TOUCHPOINTS[i]):
        lines.append(f"          - name: {_q(name)}")
        lines.append(f"            channel: {CHANNELS[i] if k == 0 else 'email'}")
        lines.append("            device: mobile")
        if k == 1:
            lines.append("            contact: indirect")
    if PAINS[i]:
        lines.append("        pain_points:")
        lines += [f"          - {_q(p)}" for p in PAINS[i]]
    if OPPORTUNITIES[i]:
        lines.append("        opportunities:")
        for o in OPPORTUNITIES[i]:
            if isinstance(o, str):
                lines.append(f"          - {_q(o)}")
            else:
                lines.append(f"          - title: {_q(o['title'])}")
                lines += [f"            {key}: {o[key]}" for key in ("impact", "effort", "owner") if key in o]
    if i % 4 == 2:
        lines += ["        evidence:", "          - kind: quote",
                  f"            text: {_q('We measured his foot with a ruler on the floor, twice, to be sure.')}",
                  "            source: Interview 2"]
    if i % 5 == 1:
        lines += ["        metrics:", "          - {name: Conversion, value: 2.4, unit: '%', target: 3}"]
    if blueprint:
        lines += ["        frontstage:", f"          - {_q(f'Adviser {i} answers in the chat window')}",
                  "        backstage:", f"          - {_q(f'Warehouse {i} checks stock of both sizes')}",
                  "        support:", f"          - {_q(f'Order system {i} reserves the pair')}"]
    return "\n".join(lines)


def journey(title: str, steps: int, *, kind: str = "current", status: str = "approved", times: bool = False,
            reviewed: str = "2099-01-01", extra: str = "") -> str:
    """A map of ``steps`` steps, two to a phase, from the pool."""
    phases = []
    for p in range(0, steps, 2):
        stage = STAGES[p // 2]
        body = [f"  - stage: {stage}", f"    name: {_q(f'Phase {p // 2 + 1} of {title}')}", "    steps:"]
        for i in range(p, min(p + 2, steps)):
            time = f"{7 + i:02d}:{15 * (i % 4):02d}" if times else None
            body.append(step_yaml(i, time=time, blueprint=kind == "blueprint"))
        phases.append("\n".join(body))
    return (f"---\ntitle: {_q(title)}\npersona: robin\ntype: {kind}\nstatus: {status}\nowner: ecommerce\n"
            f"reviewed: {reviewed}\ngoal: {_q('New school shoes that fit, delivered before the first day of term.')}\n"
            f"{extra}phases:\n" + "\n".join(phases) + "\n---\nThe story of the map.\n")


#: The maps of the site: address below ``journeys/`` -> (source, steps).
MAPS = {
    "maps/ten-steps": (journey("Ten steps to school shoes", 10, reviewed="2020-01-01"), 10),
    "maps/eight-steps": (journey("Eight steps to school shoes", 8), 8),
    "maps/fourteen-steps": (journey("Fourteen steps to school shoes", 14), 14),
    "maps/school-morning": (journey("A school morning", 6, kind="day-in-the-life", times=True), 6),
    "maps/blueprint": (journey("School shoes behind the scenes", 5, kind="blueprint", status="draft",
                               reviewed="2020-01-01"), 5),
    "maps/future": (journey("School shoes next year", 6, kind="future", status="review",
                            extra="baseline: maps/eight-steps\n"), 6),
}
CONFIG = """
site_name: Pictures
theme:
  name: material
  font: false
plugins:
  - search
  - journeys
"""


def picture_site(root: Path) -> Path:
    """Write the site below ``root`` (build it with ``sites.build``)."""
    write(root, {"mkdocs.yml": CONFIG, "journeys/vocabulary.yml": VOCABULARY, "journeys/personas/robin.md": PERSONA,
                 **{f"journeys/{address}.md": text for address, (text, _) in MAPS.items()}})
    (root / "docs").mkdir(exist_ok=True)
    return root


def names(address: str) -> tuple[list[str], list[str]]:
    """The actions and the touchpoint names of a map of :data:`MAPS`, in order."""
    steps = MAPS[address][1]
    return ACTIONS[:steps], [name for i in range(steps) for name in TOUCHPOINTS[i]]


# --- reading the pages -------------------------------------------------------------------------------------------


def text_of(fragment: str) -> str:
    """The text of an HTML fragment, entities decoded and white space collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def lane_names(text: str) -> list[str]:
    """The names of the map's lanes, top to bottom (a lane's quiet note left out)."""
    tbody = text[text.index('<table class="jm-timeline jm-journey'):]
    tbody = tbody[tbody.index("<tbody>"):tbody.index("</tbody>")]
    heads = re.findall(r'<th scope="row" class="jm-lane[^"]*">(.*?)</th>', tbody, re.S)
    return [text_of(re.sub(r'<span class="jm-muted">.*?</span>|<svg.*?</svg>', "", head, flags=re.S)) for head in heads]


def step_boxes(page: Page) -> list[dict]:
    """Where each step's head (its action) is in the window."""
    return page.evaluate("""() => [...document.querySelectorAll('.jm-journey th.jm-step')].map(el => {
        const box = el.getBoundingClientRect();
        return {left: box.left, right: box.right, top: box.top, bottom: box.bottom, text: el.textContent};
    })""")


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page of a PDF (poppler's pdftotext), whitespace collapsed."""
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(p.split()) for p in text.split("\f") if p.strip()]


def smallest_print_font(page: Page, width: int, height: int) -> float:
    """The smallest font size, in points, of the text shown when the page is printed ``width`` px wide."""
    page.set_viewport_size({"width": width, "height": height})
    page.emulate_media(media="print")
    size = page.evaluate("""() => {
        let smallest = Infinity;
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const el = node.parentElement;
            if (!node.textContent.trim() || !el || !el.getClientRects().length) continue;
            if (el.closest('.jm-visually-hidden, [hidden], desc, title')) continue;
            const style = getComputedStyle(el);
            if (style.visibility === 'hidden') continue;
            smallest = Math.min(smallest, parseFloat(style.fontSize));
        }
        return smallest;
    }""")
    page.emulate_media(media="screen")
    return size * 72 / 96


#: Landscape pages less the 8 mm margins of the style sheet, in CSS pixels.
PAPER = {"A3": (1527, 1062), "A4": (1062, 733)}
