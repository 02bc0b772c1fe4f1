"""How sure a report is: reported (the default), unverified (the text says so), disputed (contradicted).

Unverified: "could not be independently verified", "unable to confirm", "no independent confirmation",
"unconfirmed", "allegedly", "claimed to have". Disputed:
a denial or contradiction ("denied", "the reports were false", "had not detected any").

A cue in a sentence with events of its own applies to them; a cue sentence without events (“The
claim could not be independently confirmed.”, “But officials denied any fires.”) applies to the
closest earlier sentence that has events.
"""

import re

UNVERIFIED = re.compile(
    r"\b(?:could ?n[o']t|cannot|can ?n[o']t|has ?n[o']t been|have ?n[o']t been|were ?n[o']t|was ?n[o']t|"
    r"is ?n[o']t|are ?n[o']t|not)(?: be| been| yet)?(?: (?:immediately|independently))* "
    r"(?:verif|confirm|corroborat)\w*|\b(?:unverified|unconfirmed|uncorroborated|alleged(?:ly)?|purported(?:ly)?)\b"
    r"|\bclaim(?:s|ed)? (?:to have|that)\b"
    r"|\b(?:unable|failed|not able|not possible|impossible) to (?:immediately |independently )*"
    r"(?:verif|confirm|corroborat)\w*|\bno (?:independent )?(?:verification|confirmation|corroboration)\b",
    re.IGNORECASE,
)
DISPUTED = re.compile(
    r"\b(?:denied|denies|deny|refuted|refutes|disputed|disputes|dismissed (?:the |these |those )?"
    r"(?:claims?|reports?)|rejected (?:the |these |those )?(?:claims?|reports?)|"
    r"(?:was|were|is|are) (?:wrong|false|untrue|fake|incorrect|baseless)|(?:had|has|have|did) not "
    r"(?:detected?|found|seen|shown|confirmed)|(?:found|showed|detected|saw) no\b|no (?:such|evidence|sign|"
    r"trace)s?\b|fake news|disinformation|fabricat\w+)",
    re.IGNORECASE,
)


def verification(sentence: str) -> str | None:
    """The verification a sentence's own wording asks for, or None when it says nothing about it."""
    if DISPUTED.search(sentence):
        return "disputed"
    if UNVERIFIED.search(sentence):
        return "unverified"
    return None
