"""Emotion words (``Overwhelmed``, ``Relieved + Satisfied``, ``Very frustrated``, ``😟``) as a score from -2 to +2.

The word list is documented in docs/reference.md ("Import and export"); keep
the two in step. A cell may name several feelings (split on ``+``, ``&``,
``/``, ``,``, ``;``, `` and ``, `` then ``, ``→``, ``->`` and line breaks):
the score is the average of the ones found. Words that are not in the list
are ignored and returned, so the caller can say which.
"""

from __future__ import annotations

import re

#: Feeling words by score, on -2..+2. Matching ignores case; phrases of two words are matched before words.
WORDS: dict[int, tuple[str, ...]] = {
    2: ("delighted", "thrilled", "excited", "ecstatic", "elated", "overjoyed", "amazed", "impressed", "wowed",
        "joyful", "love", "loving", "loves", "fantastic", "excellent", "great", "wonderful", "brilliant", "proud",
        "grateful", "😀", "😃", "😄", "😁", "🤩", "😍", "🥰"),
    1: ("happy", "pleased", "satisfied", "relieved", "reassured", "confident", "hopeful", "optimistic", "curious",
        "interested", "intrigued", "glad", "content", "comfortable", "calm", "positive", "good", "motivated",
        "engaged", "encouraged", "eager", "welcomed", "valued", "informed", "in control", "trusting", "safe",
        "🙂", "😊", "👍", "😌"),
    0: ("neutral", "ok", "okay", "fine", "indifferent", "meh", "mixed", "ambivalent", "expectant", "patient",
        "focused", "busy", "routine", "accepting", "😐", "😶", "🤔"),
    -1: ("confused", "uncertain", "unsure", "not sure", "hesitant", "doubtful", "sceptical", "skeptical", "anxious",
         "worried", "nervous", "concerned", "uneasy", "impatient", "bored", "tired", "stressed", "lost", "rushed",
         "annoyed", "irritated", "frustrated", "disappointed", "suspicious", "ignored", "let down", "negative", "bad",
         "😕", "🙁", "😟", "😒", "👎", "😬"),
    -2: ("angry", "furious", "outraged", "livid", "upset", "distressed", "desperate", "panicked", "panicking",
         "helpless", "hopeless", "overwhelmed", "exasperated", "fed up", "betrayed", "humiliated", "scared", "afraid",
         "terrified", "shocked", "awful", "terrible", "horrible", "miserable", "devastated", "abandoned",
         "😠", "😡", "😤", "😫", "😭", "😱"),
}
#: Words before a feeling that move it one step away from 0 (±1 becomes ±2).
STRONGER = ("very", "really", "extremely", "super", "so", "totally", "completely", "incredibly", "deeply")
#: Words before a feeling that move ±2 to ±1.
WEAKER = ("slightly", "a bit", "a little", "somewhat", "mildly", "fairly", "rather")

_SCORE = {word: score for score, words in WORDS.items() for word in words}
_PARTS = re.compile(r"\s*(?:\+|&|/|,|;|\band\b|\bthen\b|→|->|\n)\s*", re.IGNORECASE)
# a word of letters (with inner ' or -), or one pictograph
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|[\U0001F300-\U0001FAFF\u2600-\u27BF]")


def _words(part: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(part)]


def _one(words: list[str]) -> tuple[list[int], list[str]]:
    """The feelings found in one part's words, each with its modifiers, and the words that mean nothing here."""
    found, unknown = [], []
    i = 0
    while i < len(words):
        pair = " ".join(words[i:i + 2])
        if len(words) > i + 1 and pair in _SCORE:
            word, size = pair, 2
        elif words[i] in _SCORE:
            word, size = words[i], 1
        elif pair in WEAKER or words[i] in STRONGER + WEAKER or words[i] == "not":
            i += 2 if pair in WEAKER else 1
            continue
        else:
            unknown.append(words[i])
            i += 1
            continue
        score = _SCORE[word]
        before = words[max(0, i - 2):i]
        joined = " ".join(before)
        if before[-1:] == ["not"]:
            score = -1 if score > 0 else 0
        elif before[-1:] and before[-1] in STRONGER and score:
            score = 2 if score > 0 else -2
        elif (joined in WEAKER or (before[-1:] and before[-1] in WEAKER)) and abs(score) == 2:
            score //= 2
        found.append(score)
        i += size
    return found, unknown


def feeling_score(text: str) -> tuple[float | None, list[str]]:
    """The average score (-2..+2) of the feelings named in ``text``, or None, and the words not understood."""
    scores, unknown = [], []
    for part in _PARTS.split(text):
        found, rest = _one(_words(part))
        scores += found
        unknown += rest
    if not scores:
        return None, unknown
    return sum(scores) / len(scores), unknown


def on_scale(score: float, low: int, high: int) -> float:
    """A word score of -2..+2 placed on the scale ``low..high``."""
    return low + (score + 2) * (high - low) / 4
