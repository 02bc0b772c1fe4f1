"""Roles of a mention in its sentence, on sentences written for these tests."""

import pytest

from geo.roles import role

# (sentence with the mention in [brackets], expected role or None, whether it is the first sentence)
CASES = [
    ("[ODESA], June 2 (AP) — Drones hit the port.", "dateline", True),
    ("[ODESA] (Reuters) - Drones hit the port.", "dateline", True),
    ("[Odesa], Arcadia beach (the south end), was shelled.", None, True),
    ("[Ankara] said the talks were useful.", "speaker", False),
    ("A missile attack on [Kyiv] reported by officials.", None, False),
    ("The parliament in [Kyiv] reported fires.", "institution", False),
    ("According to the ministry in [Kyiv], the attack failed.", "institution", False),
    ("A drone hit the tax office in [Kyiv].", None, False),
    ("Delegations could meet for talks in [Geneva] next month.", "venue", False),
    ("The exchange of fire took place in [Sumy].", None, False),
    ("The president travelled to [Brussels].", "venue", False),
    ("Both sides agreed a swap with [Moldova] and Romania.", "party", False),
    ("Moscow is demanding that [Georgia] withdraw.", "demand", False),
    ("Officials accused [Belarus] of hosting troops.", "addressee", False),
    ("The [Azov] coast was quiet.", "modifier", False),
    ("Fighting near [Bakhmut] airport continued.", None, False),
    ("[Poltava] governor Ivan Petrenko said drones hit a depot.", "official", False),
    ("[Sumy]'s city council reported damage to a school.", "official", False),
    ("[Turkey]'s foreign ministry said the corridor was open.", "institution", False),
    ("The soldiers of [Moldova] stayed in their barracks.", "modifier", False),
    ("The patrol boat [Dnipro] sank off the coast.", "modifier", False),
    ("The minister visited [Irpin], where houses had burned.", None, False),
    ("The minister visited [Irpin] on Friday.", "venue", False),
    ("Fighting raged on the eastern side of [Vuhledar].", None, False),
    ("Officials in [Chernivtsi] counted the damage.", "official", False),
    ("Protesters clashed with police in [Chisinau] on Sunday.", None, False),
    ("Firms supplying drones to [Moscow] face sanctions.", "recipient", False),
    ("Berlin will send more tanks to [Ukraine] by spring.", "recipient", False),
    ("The deputy mayor of [Uman] reported two blasts.", "official", False),
    ("The shelling was condemned by [Latvia] and Estonia.", "speaker", False),
    ("The town was shelled by [Russia] at dawn.", None, False),
    ("[Russia] launched a massive drone attack on the capital overnight.", "actor", False),
    ("[Israel]'s military said it responded with artillery fire.", "institution", False),
    ("[Kharkiv] was hit by missiles.", None, False),
    ("[Kyiv] struck by missiles overnight.", None, False),
]


@pytest.mark.parametrize(("marked", "expected", "first"), CASES)
def test_role(marked, expected, first):
    start = marked.index("[")
    end = marked.index("]") - 1
    text = marked.replace("[", "").replace("]", "")
    assert role(text, start, end, 0, first) == expected
