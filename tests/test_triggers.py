"""Trigger typing, negation and false friends, on sentences written for these tests."""


import pytest

from geo.triggers import (
    BATTLES,
    CIVILIANS,
    EXPLOSIONS,
    FIRE,
    PROTESTS,
    RIOTS,
    STRATEGIC,
    SUB_EVENT_TYPES,
    find_triggers,
    primary,
)

TYPED = [
    ("Heavy fighting went on all night on the outskirts of the port.", BATTLES, "Armed clash"),
    ("The garrison repelled three enemy attacks at dawn.", BATTLES, "Armed clash"),
    ("Army units recaptured the hilltop village on Sunday.", BATTLES, "Government regains territory"),
    ("Insurgents seized control of the district capital.", BATTLES, "Non-state actor overtakes territory"),
    ("The depot was hit with rockets after midnight.", EXPLOSIONS, "Shelling/artillery/missile attack"),
    ("Artillery shelled the northern suburbs again.", EXPLOSIONS, "Shelling/artillery/missile attack"),
    ("An air strike flattened the school gym.", EXPLOSIONS, "Air/drone strike"),
    ("A drone attack damaged the refinery's tanks.", EXPLOSIONS, "Air/drone strike"),
    ("A tractor drove over an anti-tank mine.", EXPLOSIONS, "Remote explosive/landmine/IED"),
    ("A roadside bomb tore through the patrol's lead truck.", EXPLOSIONS, "Remote explosive/landmine/IED"),
    ("A suicide bomber struck the checkpoint queue.", EXPLOSIONS, "Suicide bomb"),
    ("Someone lobbed a grenade into the courtyard.", EXPLOSIONS, "Grenade"),
    ("Medics treated villagers after a chlorine gas release blamed on the militia.", EXPLOSIONS,
     "Chemical weapon"),
    ("Gunmen shot dead four farmers in their fields.", CIVILIANS, "Attack"),
    ("The town's mayor was shot dead outside his home.", CIVILIANS, "Attack"),
    ("Two men were killed in the village overnight.", CIVILIANS, "Attack"),
    ("Two people were injured in the village overnight.", CIVILIANS, "Attack"),
    # A speech verb between: the speakers are no victims of what they tell.
    ("The city's mayor said drones were shot down over the town.", STRATEGIC, "Disrupted weapons use"),
    ("Two aid workers were abducted on the road to the camp.", CIVILIANS, "Abduction/forced disappearance"),
    ("Investigators documented women raped by occupying soldiers.", CIVILIANS, "Sexual violence"),
    ("Hundreds of students held a silent protest outside the ministry.", PROTESTS, "Peaceful protest"),
    ("Riot police dispersed the demonstrators with water cannons.", PROTESTS, "Protest with intervention"),
    ("Soldiers opened fire on protesters.", PROTESTS, "Excessive force against protesters"),
    ("Rioters smashed shop windows and overturned cars.", RIOTS, "Violent demonstration"),
    ("Hundreds of protesters clashed with police outside parliament.", RIOTS, "Violent demonstration"),
    ("A mob lynched a suspected thief at the bus station.", RIOTS, "Mob violence"),
    ("Both sides signed a ceasefire agreement in the capital.", STRATEGIC, "Agreement"),
    ("Police arrested six men suspected of spying.", STRATEGIC, "Arrests"),
    ("The government declared martial law in the border provinces.", STRATEGIC, "Change to group/activity"),
    ("Air defences intercepted most of the incoming cruise missiles.", STRATEGIC, "Disrupted weapons use"),
    ("The brigade set up a new forward base beside the reservoir.", STRATEGIC,
     "Headquarters or base established"),
    ("Retreating units looted shops along the high street.", STRATEGIC, "Looting/property destruction"),
    ("Troops withdrew from the town overnight.", STRATEGIC, "Non-violent transfer of territory"),
    ("Satellite images show a mass grave behind the church.", STRATEGIC, "Other"),
    ("A wildfire spread across the hills above the town.", FIRE, "Fire"),
]


@pytest.mark.parametrize(("sentence", "event_type", "sub_event_type"), TYPED)
def test_primary_trigger_types_the_sentence(sentence, event_type, sub_event_type):
    best = primary(find_triggers(sentence))
    assert best is not None, sentence
    assert (best.event_type, best.sub_event_type) == (event_type, sub_event_type), best


def test_every_sub_event_type_is_covered():
    covered = {(t, s) for _, t, s in TYPED}
    assert covered == {(t, s) for t, subs in SUB_EVENT_TYPES.items() for s in subs}


@pytest.mark.parametrize("sentence", [
    "No shelling was reported in the district overnight.",
    "The regiment did not attack the bridge.",
    "The ministry denied shelling the hospital.",
    "The night passed without any strikes.",
    "There were no fires in the forest this week.",
    "An air strike on the market was not confirmed.",
])
def test_negated(sentence):
    triggers = find_triggers(sentence)
    assert triggers and all(t.negated for t in triggers), triggers


@pytest.mark.parametrize("sentence", [
    "The minister suffered a heart attack in his office.",
    "The war has reshaped the region's economy.",
    "The two parties joined forces before the vote.",
    "Dock workers began a general strike over pay.",
    "Prosecutors opened an inquiry into alleged war crimes.",
    "The conflict has displaced thousands of families.",
    "The threat of violence hangs over the election.",
    "The photo was shot from a hotel balcony.",
    "Critics opened fire on the idea of a new tax.",
    "Drone footage shows long queues at the border crossing.",
    "The city tested its air raid sirens at noon.",
    "The mayor vowed to win the legal battle over the land.",
    "The militia threatened to attack the town.",
])
def test_false_friends_yield_no_event(sentence):
    assert primary(find_triggers(sentence)) is None, find_triggers(sentence)


def test_fire_caused_by_an_attack_is_the_attack():
    triggers = find_triggers("Rocket fire set a grain silo ablaze on the edge of town.")
    assert {t.event_type for t in triggers} == {EXPLOSIONS}


def test_fire_without_a_cause_stays_fire():
    triggers = find_triggers("A blaze gutted the old cinema, firefighters said.")
    assert {t.event_type for t in triggers} == {FIRE}


def test_ceasefire_is_not_a_fire():
    assert all(t.event_type != FIRE for t in find_triggers("The ceasefire held through the weekend."))


def test_several_sub_types_in_one_sentence():
    triggers = find_triggers("Missiles hit the port while bombers dropped bombs on the rail yard.")
    subs = {t.sub_event_type for t in triggers if not t.negated}
    assert {"Shelling/artillery/missile attack", "Air/drone strike"} <= subs


def test_direct_fire_on_civilians_is_violence_against_civilians():
    best = primary(find_triggers("A sniper fire killed a pensioner and two children queuing for bread."))
    assert (best.event_type, best.sub_event_type) == (CIVILIANS, "Attack")


def test_spans_point_into_the_sentence():
    sentence = "Overnight, separatist gunners shelled the station."
    for t in find_triggers(sentence):
        assert sentence[t.start:t.end] == t.text


# (sentence, event type, sub-event type) for words added to the lexicon: armed groups and aircraft at a
# place, forces knocked out, entering or taking over, "captured" before a name, human remains.
ADDED = [
    ("Mercenaries were seen at the grain terminal.", STRATEGIC, "Other"),
    ("Two attack helicopters hovering over the reservoir.", STRATEGIC, "Other"),
    ("An enemy platoon was wiped out at the crossroads.", BATTLES, "Armed clash"),
    ("Separatist troops were knocked out near the quarry.", BATTLES, "Armed clash"),
    ("Armoured vehicles rolled into the market square at noon.", STRATEGIC,
     "Non-violent transfer of territory"),
    ("The airfield was taken over by paratroopers.", BATTLES, "Non-state actor overtakes territory"),
    ("Rebels captured Tarnsk after a week.", BATTLES, "Non-state actor overtakes territory"),
    ("Gunners kept firing to the east all morning.", BATTLES, "Armed clash"),
    ("Villagers found charred bodies behind the barn.", STRATEGIC, "Other"),
]


@pytest.mark.parametrize(("sentence", "event_type", "sub_event_type"), ADDED)
def test_added_words(sentence, event_type, sub_event_type):
    best = primary(find_triggers(sentence))
    assert best is not None, sentence
    assert (best.event_type, best.sub_event_type) == (event_type, sub_event_type), best


def test_a_presence_word_does_not_swallow_the_event_after_it():
    triggers = find_triggers("Enemy troops shelled the farms near the lake.")
    assert primary(triggers).sub_event_type == "Shelling/artillery/missile attack", triggers


@pytest.mark.parametrize("sentence", [
    "The photographer captured the moment on film.",
    "Her novel captured the imagination of readers.",
    "The regional body met to discuss the budget.",
])
def test_captured_and_body_need_a_war_context(sentence):
    assert primary(find_triggers(sentence)) is None, find_triggers(sentence)
