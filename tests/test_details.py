"""Casualty counts and actor phrases, on sentences written for these tests."""

import pytest

from geo.details import actors, casualties


@pytest.mark.parametrize(("sentence", "expected"), [
    ("At least 38 pupils have been killed and 71 injured since the term began.", (38, 71)),
    ("The bomb went off in a café, killing nine people.", (9, None)),
    ("Three dead and 14 wounded after the barrage.", (3, 14)),
    ("A dozen were killed when the ferry was hit.", (12, None)),
    ("Twenty-two soldiers died in the ambush.", (22, None)),
    ("Dozens were injured in the stampede.", (None, 12)),
    ("Hundreds were killed, the agency said.", (100, None)),
    ("An old man was killed by shrapnel.", (1, None)),
    ("The death toll climbed to 1,204 on Friday.", (1204, None)),
    ("Nobody was hurt in the blast.", (None, 0)),
    ("Several people were injured.", (None, None)),
    ("Shells killed 4 on Monday, leaving 11 wounded.", (4, 11)),
    ("Six were killed and 20, including 7 children, were wounded.", (6, 20)),
    ("The convoy stopped 12 km from the border.", (None, None)),
    ("Strikes wounded 5 people two weeks ago.", (None, 5)),
    ("Troops attacked ten villages, killing a woman, the governor said.", (1, None)),
])
def test_casualties(sentence, expected):
    assert casualties(sentence) == expected


def test_actor_phrases():
    sentence = ("Russian troops and separatist forces pushed west while the Ukrainian military regrouped; "
                "police sealed the road.")
    assert actors(sentence) == ("Russian troops", "separatist forces", "the Ukrainian military", "police")


def test_joined_forces_is_no_actor():
    assert actors("The two charities joined forces to deliver food.") == ()


def test_actors_are_unique_and_ordered():
    sentence = "Gunmen fired at police, and police fired back at the gunmen."
    assert actors(sentence) == ("police", "gunmen")
