"""Event triggers: the words of a sentence that signal an incident, typed on the ACLED taxonomy (plus Fire).

The lexicon is one ordered list of alternatives, false friends first: at a given word the first
alternative that matches wins, so a false friend ("heart attack", "drone footage") consumes its words
before a trigger can, and a phrase ("missile strike") is listed before its head word ("strike"). Each
word is tried only against the alternatives that can begin with its first two characters.
docs/events.md has the tables and the rules.
"""

import functools
import re
import re._constants as _C
import re._parser as _parser
from dataclasses import dataclass
from typing import NamedTuple

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
CIVILIANS = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"
FIRE = "Fire"

SHELL = "Shelling/artillery/missile attack"
AIR = "Air/drone strike"
IED = "Remote explosive/landmine/IED"

SUB_EVENT_TYPES: dict[str, tuple[str, ...]] = {
    BATTLES: ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    EXPLOSIONS: (SHELL, AIR, IED, "Suicide bomb", "Grenade", "Chemical weapon"),
    CIVILIANS: ("Attack", "Abduction/forced disappearance", "Sexual violence"),
    PROTESTS: ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    RIOTS: ("Violent demonstration", "Mob violence"),
    STRATEGIC: ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                "Headquarters or base established", "Looting/property destruction",
                "Non-violent transfer of territory", "Other"),
    FIRE: ("Fire",),
}

# A fire in a sentence with one of these is its consequence: "a fire caused by shelling is the shelling".
VIOLENT_TYPES = frozenset({BATTLES, EXPLOSIONS, CIVILIANS, RIOTS})


@dataclass(frozen=True, slots=True)
class Trigger:
    """A trigger span in its sentence. `confidence` ranks how reliably the words alone name the type."""

    start: int
    end: int
    text: str
    event_type: str
    sub_event_type: str
    negated: bool = False
    confidence: float = 1.0


class Entry(NamedTuple):
    """A lexicon row: alternatives in pattern notation (below) that signal one type.

    `on_civilians` marks direct fire, which is Violence against civilians/Attack when victims are named.
    """

    event_type: str | None  # None: a false friend, matched only to be skipped
    sub_event_type: str
    confidence: float
    alternatives: tuple[str, ...]
    on_civilians: bool = False


# Pattern notation: a space matches spaces or hyphens ("air strike", "air-strike"), "_" an optional one
# ("airstrike"); alternatives are regex word families, each ends at a word boundary.
_WEAPON = (r"(?:missiles?|rockets?|artillery|mortars?|shells?|howitzers?|MLRS|MRLS|Grads?|Uragans?|Smerch"
           r"|HIMARS|Iskanders?|Kalibrs?|Tochka(?: U)?|cruise missiles?|ballistic missiles?|thermobaric"
           r"|cluster (?:munitions?|bombs?)|incendiary|TOS 1A?)")
_DRONE = (r"(?:drones?|UAVs?|Shaheds?|Geran(?: ?2)?|Lancets?|loitering munitions?|kamikaze drones?"
          r"|quadcopters?)")
_AIRCRAFT = r"(?:aircraft|warplanes?|jets?|bombers?|helicopters?|planes?|Su \d+|aviation)"
_HARDWARE = (r"(?:tanks?|armou?r|(?:armou?red|military|army) vehicles?|APCs?|IFVs?|BMPs?|BTRs?|MBTs?"
             r"|howitzers?|convoys?|columns?|positions?|trenches|dugouts?|military (?:equipment|hardware)"
             r"|equipment|pontoon bridges?|ammunition depots?|ammo depots?|warships?|landing ships?)")
_VICTIMS = (r"(?:civilians?|residents?|villagers?|locals|pedestrians?|passers by|children|child|kids|women"
            r"|woman|elderly|families|journalists?|volunteers?|farmers?|people|boys?|girls?|teenagers?"
            r"|priests?|doctors?|nurses?|medics|patients|worshippers|evacuees|refugees|unarmed"
            r"|m[ae]n|persons?|officials?|governors?|mayors?|politicians?|lawmakers?|students?|workers?"
            r"|teachers?|drivers?|passengers?|hostages?|prisoners?|detainees?)")
_PROTESTERS = r"(?:protesters|protestors|demonstrators|marchers|the crowd|crowds?|activists)"
_SHOOT = (r"(?:shot(?: dead| and killed)?|shoot(?:s|ing)?|execut(?:ed|es|ing)|murder(?:s|ed|ing)?"
          r"|gunned down|tortur(?:ed|es|ing)|stabbed|beaten(?: to death)?|hanged)")
_KILL = r"(?:kill(?:s|ed|ing)?|" + _SHOOT[3:]
_FORCES = (r"(?:troops|forces|soldiers|fighters|servicemen|paratroopers|units|platoons?|battalions?|brigades?"
           r"|regiments?|garrisons?|military|tanks?"
           r"|(?:armou?red |military )?vehicles?|trucks|tents|mercenaries|militants|militias?|separatists"
           r"|rebels|insurgents|guerrillas|partisans|Wagner(?: group)?|helicopters?|warplanes?|jets)")
# Up to two or three words between the parts of a phrase, none a speech verb: "residents said drones were
# shot down" has no victims shot ("reported" stays: "people reported killed" is a hedge).
_GAP_WORD = r" (?!(?:said|says|say|told|tells|added|stated)\b)\w+"
_GAP2, _GAP3 = rf"(?:{_GAP_WORD}){{0,2}}?", rf"(?:{_GAP_WORD}){{0,3}}?"

_ROWS: tuple[tuple, ...] = (
    # False friends: consumed so that their trigger-looking words yield nothing.
    (None, "", 0, (
        r"(?:heart|panic|asthma|anxiety|shark|dog|bear|cyber|ransomware|DDoS|verbal|personal) attacks?",
        r"attack(?:s|ed|ing)? (?:the |his |her |their |its )?(?:decision|plan|policy|proposal|remarks"
        r"|comments|idea|bill|law|budget|statement|report|media|press|critics)",
        r"(?:opened|open|came under|comes? under|drew|draws|fac(?:ed|es|ing)|under) fire (?:on|over|for|from)"
        r" (?:the |his |her |its |their )?(?:idea|plan|proposal|critics|criticism|decision|remarks|comments"
        r"|policy|bill|handling|opposition|lawmakers|press)",
        r"fire (?:alarms?|drills?|safety|hazards?|risks?|stations?|exits?|escapes?|extinguishers?|insurance"
        r"|sale|power|ants?|departments?|services?|and rescue|rescue)",
        r"fire (?:up|off) (?:an? )?(?:email|letter|tweet|message)",
        r"fired (?:from|as|over|for) |(?:was|were|got|been|being) fired (?:from|as|after|for|over)",
        r"(?:general|labou?r|rail|transport|teachers'?|doctors'?|nurses'?|miners'?|workers'?) strike",
        r"strikes? (?:a|the|an) (?:deal|balance|chord|note|pose|bargain|compromise)",
        r"(?:lucky|first|pre emptive legal) strike|strike (?:price|zone|rate|action)",
        r"(?:photos?|pictures?|images?|videos?|footage|films?|scenes?|movies?|episodes?)(?: \w+){0,3}?"
        r" (?:was|were|been|being) shot",
        r"(?:photo|camera|screen|mug|flu|booster|vaccine|long|cheap|parting|big) shots?",
        _DRONE + r" (?:footage|videos?|images?|imagery|views?|shots?|photos?|pictures?|operators?"
        r"|surveillance|reconnaissance|recon)",
        r"air raid (?:sirens?|alerts?|alarms?|warnings?|shelters?)|bomb (?:shelters?|threats?|scares?)",
        r"(?:legal|court|political|uphill|custody|election|electoral|ratings|PR|bidding) battles?",
        r"battle (?:against|with) (?:cancer|covid|illness|disease|addiction|inflation|obesity)",
        r"shell (?:company|companies|corporation|out|shock(?:ed)?)|mine (?:workers?|shafts?|owners?)",
        r"(?:coal|gold|salt|iron ore|copper|uranium|open pit|lithium) mines?",
        r"assault (?:brigades?|regiments?|battalions?|divisions?|rifles?|troops|units?|helicopters?"
        r"|vehicles?|ships?|weapons?|charges?)",
        r"riot (?:police|gear|squads?|control|shields?|units?|officers)",
        r"cease_fire (?:talks|proposals?|negotiations|calls?|plans?|offers?|demands?)",
    )),
    # A weapon brought down is no attack where it fell: "drones were shot down over the city".
    (STRATEGIC, "Disrupted weapons use", 1.0, (
        r"(?:" + _DRONE + "|" + _WEAPON + "|" + _AIRCRAFT + r")(?: (?:were|was|have been|had been|being))?"
        r" (?:shot down|intercepted|downed)",
        r"(?:intercept(?:ed|s|ing)|shot down|shoot(?:s|ing)? down|downed)(?: \w+){0,3}? (?:" + _DRONE + "|"
        + _WEAPON + "|" + _AIRCRAFT + ")",
    )),
    # Protests and riots first: "opened fire on protesters" is excessive force, not a clash.
    (PROTESTS, "Excessive force against protesters", 1.0, (
        r"(?:opened fire|fired|shot|shooting|live (?:ammunition|rounds|fire)|" + _KILL[3:] + r"(?: on| at"
        r"| into)?" + _GAP2 + " " + _PROTESTERS,
        _PROTESTERS + _GAP2 + r" (?:were |was )?(?:killed|shot(?: dead)?|gunned down|beaten to death)",
    )),
    (PROTESTS, "Protest with intervention", 1.0, (
        r"(?:dispers(?:ed|e|ing)|broke up|break up|breaking up|tear gas(?:sed)?|water cannons?|rubber bullets"
        r"|stun grenades|kettled)" + _GAP3 + r" (?:" + _PROTESTERS[3:-1] + r"|protests?|rall(?:y|ies)"
        r"|demonstrations?|gatherings?|marches)",
        r"(?:" + _PROTESTERS[3:-1] + r"|protests?|rall(?:y|ies))" + _GAP3 + r" (?:were |was )?(?:dispersed"
        r"|detained|arrested|tear gassed|broken up)",
    )),
    (RIOTS, "Violent demonstration", 1.0, (
        r"riot(?:s|ers|ing|ed)?|violent (?:protests?|demonstrations?|clashes with police)",
        _PROTESTERS + _GAP2 + r" (?:threw|hurled|throwing|torched|smashed|set fire)",
        # Crowds that clash with police are no armed clash: "protesters clashed with police".
        _PROTESTERS + _GAP2 + r" (?:clash(?:ed|es|ing)?|fought|scuffled) with (?:the )?(?:riot )?police",
    )),
    (RIOTS, "Mob violence", 1.0, (r"mobs?|lynch(?:ed|ing|ings)?|vigilantes?",)),
    (PROTESTS, "Peaceful protest", 1.0, (
        r"protest(?:s|ed|ing|ers|ors)?|demonstrat(?:ion|ions|ors)|rall(?:y|ies)|sit ins?|pickets?|picketed",
        r"marchers|protest march(?:es)?|hunger strikes?|went on strike|on strike|strikers|walkouts?",
    )),
    # Explosions/Remote violence: phrases before head words.
    (EXPLOSIONS, "Chemical weapon", 1.0, (
        r"chemical (?:weapons?|attacks?|agents?|munitions?)|chlorine gas|sarin|nerve agents?",
        r"poison(?:ous)? gas|toxic gas|chloropicrin|mustard gas|gas attacks?",
    )),
    (EXPLOSIONS, "Suicide bomb", 1.0, (
        r"suicide (?:bomb(?:s|ers?|ings?)?|attacks?|blasts?|vests?|car bombs?|bombing)",
        r"blew (?:himself|herself|themselves) up|self detonat(?:ed|ion)",
    )),
    (EXPLOSIONS, AIR, 1.0, (
        _DRONE + r"(?: dropped)? grenades?",
        r"(?:dropped|drops|dropping) (?:an? |two |several )?(?:grenades?|munitions?|bombs?|explosives)",
    )),
    (EXPLOSIONS, "Grenade", 1.0, (r"(?:hand |stun |frag(?:mentation)? )?grenades?",)),
    (EXPLOSIONS, IED, 1.0, (
        r"land_mines?|(?:anti (?:tank|personnel)|butterfly|petal|PFM 1S?|roadside|sea|naval|tripwire)"
        r"(?: \w+)? mines?",
        r"(?:a |the )?mine (?:blasts?|explosions?|exploded|detonated)",
        r"(?:stepped on|drove over|ran over|hit|struck|triggered|by) (?:an? |the )?(?:\w+ )?mines?",
        r"IEDs?|improvised explosives?(?: devices?)?|explosive devices?|booby_traps?(?:ped)?|tripwires?",
        r"(?:roadside|car|parcel|letter|pipe) bombs?|unexploded (?:ordnance|shells?|munitions?|bombs?)|UXOs?",
        r"(?:blew|blow|blown|blowing) up|demolition charges?",
    )),
    (EXPLOSIONS, AIR, 1.0, (
        r"air_strikes?|air (?:raids?|attacks?|bombardments?)|aerial (?:bombardments?|bombing|attacks?"
        r"|strikes?)",
        _DRONE + r" (?:strikes?|attack(?:s|ed)?|hits?|hit|struck|strik(?:ing|es)|raids?|swarms?)",
        r"(?:struck|hit|attacked|targeted) (?:by|with) (?:an? )?" + _DRONE,
        r"glide bombs?|guided bombs?|FAB \d+|KAB \d+|bombed|bombings?",
        _AIRCRAFT + r" (?:strikes?|attacks?|bomb(?:ed|ing)|dropped|struck|hit)",
        r"bombs? (?:fell|dropped|landed|impacted|were dropped)",
    )),
    (EXPLOSIONS, SHELL, 1.0, (
        _WEAPON + r" (?:strikes?|attacks?|fir(?:e|es|ed|ing)|barrages?|salvos?|shelling|hits?|hit|struck"
        r"|impacts?|launch(?:es)?|bombardments?|rounds|volleys?|landed|exploded)",
        r"(?:hit|struck|pounded|attacked|targeted|bombarded|shelled)" + _GAP3
        + r" (?:by|with) (?:an? |heavy )?" + _WEAPON,
        r"(?:fir(?:ed|es|ing)|launch(?:ed|es|ing)) (?:\w+ )?(?:missiles?|rockets?|shells?|salvos?|volleys?"
        r"|rounds)",
        r"shell(?:s|ed|ing)|bombard(?:ed|ing|ment|ments)|barrages?|counter_battery",
    )),
    (EXPLOSIONS, AIR, 0.6, (_DRONE, r"kamikaze", _AIRCRAFT + r" (?:fired|launched)")),
    (EXPLOSIONS, SHELL, 0.6, (_WEAPON, r"rocket(?:ed|ing)|shrapnel|submunitions?|warheads?|projectiles?")),
    (EXPLOSIONS, IED, 0.6, (r"mine(?:d|fields?)|mines",)),
    (EXPLOSIONS, SHELL, 0.5, (
        r"explosions?|explod(?:ed|es|ing)|blasts?|detonat(?:ed|ion|ions)|strikes?|struck",
        r"impacts?|impacted|craters?|hit by|hitting|targeting|targeted",
    )),
    # Destroyed military hardware implies combat; listed before the aftermath words it shares.
    (BATTLES, "Armed clash", 0.4, (
        r"(?:destroy(?:ed|s|ing)?|destruction of|damag(?:ed|ing)|knock(?:ed)? out|disabled|wreck(?:ed)?"
        r"|burn(?:ed|t|ing) out)" + _GAP3 + " " + _HARDWARE,
        _HARDWARE + _GAP2 + r" (?:destroyed|knocked out|disabled|abandoned)",
        _FORCES + r"(?: (?:were|was|have been|had been|been))? (?:knocked out|wiped out|routed|eliminated"
        r"|neutrali[sz]ed|decimated)",
        r"(?:military|combat|heavy) losses",
    )),
    # Aftermath: damage with no stated cause. In conflict reporting it is most often remote violence (the
    # base rate); deliberate destruction by an actor is Looting/property destruction, below.
    (EXPLOSIONS, SHELL, 0.3, (
        r"damag(?:e|ed|es|ing)|destr(?:oyed|oys|uction)|debris|rubble|ruins|wreckage|collapsed|aftermath",
    )),
    # Battles.
    (BATTLES, "Government regains territory", 1.0, (
        r"recaptur(?:ed|es|ing|e)|retook|retake|retaken|liberat(?:ed|es|ing|ion)|took back|taken back",
        r"(?:regained|regains|regain|restored|restores) control|counter_offensives?",
    )),
    (BATTLES, "Non-state actor overtakes territory", 1.0, (
        r"(?:captur(?:ed|es|ing|e)|seiz(?:ed|es|ing|e)|overr(?:an|un|unning)|took|taken|taking|gained"
        r"|occupied) (?:full |complete )?(?:control (?:of|over)|the (?:town|city|village|settlement|region"
        r"|district|airport|port|airfield|air base|base|bridge|plant|dam|heights?|hill))",
        r"(?:taken|took|taking|takes) over by (?:\w+ ){0,2}?" + _FORCES,
        _FORCES + r"(?: \w+){0,2}? (?:took|take|takes|taking) over",
        r"fell to|overran|occupation of",
    )),
    (BATTLES, "Armed clash", 0.6, (
        r"(?:violat(?:ed|ing|es|ions?)|broke|breach(?:ed|es|ing)?) (?:of )?(?:the )?cease_fire",
        r"cease_fire (?:violations?|breach(?:es)?)",
    )),
    (BATTLES, "Armed clash", 1.0, (
        r"fighting|fights?|fought|clash(?:es|ed)?|battl(?:es|ed|ing)|battle (?:for|of|over|in|near|at)",
        r"firefights?|gunfights?|gun_battles?|skirmish(?:es|ed)?|ambush(?:es|ed)?|shootouts?|crossfire",
        r"exchange of fire|exchang(?:ed|ing) fire|tank battles?|tanks? fir(?:e|es|ed|ing)",
        r"(?:repel(?:led|s|ling)?|repuls(?:ed|es|ing)|beat back|beaten back|fought off)" + _GAP3
        + r" (?:attacks?|assaults?|attempts?|offensives?|advances?)",
        r"repel(?:led|s|ling)?|repuls(?:ed|ing)|assaults?|assaulted|storm(?:ed|ing) (?:the )?\w+|offensives?",
        r"counter_attack(?:s|ed)?|raid(?:s|ed)?|advanc(?:ed|ing|es) (?:on|towards?|into)|encircl(?:ed|ement)",
        r"(?:came|come|coming|was|were|is|are) under fire|heavy fire",
    )),
    # Violence against civilians.
    (CIVILIANS, "Sexual violence", 1.0, (
        r"rap(?:e|ed|es|ing|ist|ists)|gang raped",
        r"sexual(?:ly)? (?:violence|assault(?:ed)?|abuse(?:d)?|exploitation)",
    )),
    (CIVILIANS, "Abduction/forced disappearance", 1.0, (
        r"abduct(?:ed|s|ing|ion|ions)|kidnapp?(?:ed|s|ing)|taken hostage|hostages?|went missing|disappeared",
        r"forcibly (?:disappeared|deported|transferred|taken)|forced disappearances?",
        r"deport(?:ed|ation|ations)|filtration camps?",
    )),
    (CIVILIANS, "Attack", 1.0, (
        _SHOOT + _GAP2 + " " + _VICTIMS,
        _VICTIMS + _GAP3 + r" (?:were |was |been |being )?" + _SHOOT,
        r"(?:opened fire|fired|firing) (?:on|at|into|towards?) (?:\w+ ){0,2}?" + _VICTIMS,
        r"execut(?:ed|ion|ions)|massacre(?:s|d)?|tortur(?:ed|e|ing)|murder(?:ed|s)?|summary killings?",
    )),
    # A death alone is an outcome: any weapon word in the sentence types it better (higher confidence).
    (CIVILIANS, "Attack", 0.45, (
        r"kill(?:s|ed|ing)" + _GAP2 + " " + _VICTIMS,
        r"(?:dead|deceased) " + _VICTIMS + r"|civilian (?:casualties|deaths)",
        _VICTIMS + _GAP3 + r" (?:were |was |been |being )?(?:killed|dead|died)",
    )),
    # An injury alone is the weakest evidence (under "damaged", 0.3): any other event word types it better.
    (CIVILIANS, "Attack", 0.25, (
        _VICTIMS + _GAP3 + r" (?:were |was |been |being )?(?:injured|wounded|hurt)",
    )),
    # Generic battle words last, so that the targeted phrases above win.
    (BATTLES, "Armed clash", 0.6, (
        r"open(?:ed|s|ing)? fire|gunfire|shooting|shot at|shots fired|firing (?:at|into|to|towards?|on)",
        r"fired (?:at|on|upon|into|towards?)|(?:firing|fired) in the direction of",
        r"(?:sniper|machine gun|small arms|automatic) fire|snipers?",
    ), True),
    (BATTLES, "Armed clash", 0.4, (r"attack(?:s|ed|ing)?|invad(?:ed|ing)|invasion",)),
    # Strategic developments.
    (STRATEGIC, "Disrupted weapons use", 1.0, (
        r"intercept(?:ed|s|ing|ion|ions)|shot down|shoot(?:s|ing)? down|downed",
        r"defus(?:ed|ing)|demin(?:ed|ing)|mine clearance|clear(?:ed|ing) (?:of )?mines",
        r"air defen[cs]es? (?:destroyed|repelled|neutrali[sz]ed)",
        r"bomb disposal|(?:weapons?|arms) caches?",
        r"(?:seized|confiscated) (?:\w+ ){0,2}?(?:weapons|arms|ammunition|explosives)",
    )),
    (STRATEGIC, "Agreement", 1.0, (
        r"cease_fires?|truces?|peace (?:deal|agreement|accord|treaty)s?|humanitarian corridors?|agreed to",
        r"(?:signed|sign|agreed|reached) (?:an? |the )?(?:\w+ )?(?:agreement|deal|accord|memorandum)",
        r"prisoner (?:exchanges?|swaps?)|exchange of (?:prisoners|bodies|POWs)|swapp?ed (?:\w+ )?prisoners",
    )),
    (STRATEGIC, "Arrests", 1.0, (
        r"arrest(?:ed|s|ing)?|detain(?:ed|s|ing|ees?)|detention|taken into custody|apprehended",
        r"prisoners? of war|POWs?|captured (?:\w+ )?(?:soldiers|troops|servicemen|fighters|POWs)",
    )),
    # "Russian forces captured Izium": the object is a place only the incident stage knows; listed after
    # "captured soldiers" (Arrests) and ranked as an uncertain word ("captured on video").
    (BATTLES, "Non-state actor overtakes territory", 0.5, (
        r"(?:captur(?:ed|es|ing)|overr(?:an|un))(?= (?-i:[A-Z]))",
    )),
    (STRATEGIC, "Headquarters or base established", 1.0, (
        r"(?:set up|sets up|setting up|established|establish|establishing|built|building) (?:an? |the )?"
        r"(?:\w+ ){0,2}?(?:base|headquarters|HQ|camp|checkpoint|command post|outpost|field hospital)s?",
        r"(?:military |army )?(?:base|encampment) (?:established|set up)",
    )),
    (STRATEGIC, "Looting/property destruction", 1.0, (
        r"loot(?:ed|ing|ers)|pillag(?:ed|ing|e)|plunder(?:ed|ing)?|ransack(?:ed|ing)|vandali[sz](?:ed|ing|m)",
        r"torch(?:ed|ing)|set (?:on )?fire to|set ablaze|arson|demolish(?:ed|ing)|raz(?:ed|ing)"
        r"|bulldoz(?:ed|ing)",
    )),
    (STRATEGIC, "Non-violent transfer of territory", 1.0, (
        r"hand(?:ed|ing|s)? over (?:the )?(?:town|city|village|control|territory|region)",
        r"abandon(?:ed|s)? (?:the |their )?(?:positions?|town|city|village)|without (?:a )?fight",
        r"(?:entered|enter|entering) (?:the )?(?:town|city|village|settlement)",
        _FORCES + r"(?=" + _GAP2 + r" (?:entered|enter|enters|entering|rolled into|moved into"
        r"|marched into)\b)",
        r"hoist(?:ed|ing) (?:\w+ )?flags?",
    )),
    # A withdrawal is often the setting of another event ("retreating troops looted"): ranked below it.
    (STRATEGIC, "Non-violent transfer of territory", 0.8, (
        r"withdr(?:ew|awn|awal|awing|aw)|pull(?:ed|s|ing)? (?:out|back)|retreat(?:ed|s|ing)?",
    )),
    (STRATEGIC, "Change to group/activity", 1.0, (
        r"mobili[sz](?:ation|ed|ing)|conscript(?:ion|ed|s)|martial law|curfews?|disband(?:ed|ing)",
        r"(?:re)?deploy(?:ed|ment|ments|ing)|reinforcements?|troop (?:build ?up|movements?)",
        r"evacuat(?:ed|ion|ions|ing)",
    )),
    (STRATEGIC, "Other", 0.5, (
        r"mass graves?|exhum(?:ed|ation|ations)|bodies (?:found|discovered|recovered)|burial|buried",
        r"convoys?|(?:military|troop|russian|ukrainian) presence|spotted|sighted|columns? of",
        r"(?:fresh|new|civilian|makeshift|shallow|unmarked|individual) graves?|graves",
        r"grave (?:rows|sites?|lines)",
        # Human remains; a bare "body" is too often an institution ("a governing body").
        r"corpses?|(?:dead|lifeless|burn(?:ed|t)|charred|mutilated|decomposed|decomposing|skeletal|tied up"
        r"|unburied|bound) bod(?:y|ies)|bod(?:y|ies) (?:of (?:an? |the )?" + _VICTIMS + r"|lying|lay|lie)",
        # Presence: armed men or hardware at a place, the setting of many reports; any event word outranks it.
        # Only the forces word is consumed, so that the words after it can be triggers ("forces shelled
        # positions near ...").
        _FORCES + r"(?=(?: \w+){0,2}? (?:in|at|near|around|through|outside|inside|on the outskirts of)\b"
        r"|(?: \w+)? (?:driving|moving|seen|spotted|passing|parked|rolling|heading|patroll?ing|stationed"
        r"|flying|flew|hovering|circling|headed)\b)",
        r"firing positions?|patroll?(?:ed|ing)",
    )),
    # Fire: kept only when no attack in the sentence accounts for it (find_triggers).
    (FIRE, "Fire", 1.0, (
        r"blazes?|wild_fires?|caught fire|catch(?:es)? fire|(?:on|set) fire|ablaze|in flames|flames",
        r"(?:forest|grass|brush|bush|house|building|warehouse|industrial|huge|large|massive|big) fires?",
        r"burn(?:ed|t|ing) (?:down|out|to the ground)|infernos?",
        r"fire (?:broke|breaks|spread|spreads|engulfed|raged|rages)",
        r"fire_fighters?|fire crews?|fire brigades?",
    )),
    (FIRE, "Fire", 0.5, (
        r"fires?|burn(?:ed|t|ing|s)?",
        r"(?:plumes?|clouds?) of (?:black |thick )?smoke",
        r"smoke (?:rising|rose|rises|billow(?:ing|ed|s)|plumes?)",
    )),
)
LEXICON: tuple[Entry, ...] = tuple(Entry(*row) for row in _ROWS)


def _compile(alternative: str) -> str:
    return "(?:" + alternative.replace("_", r"[\s-]?").replace(" ", r"[\s-]+") + ")\\b"


# Matching cost: one alternation of the whole lexicon, tried at every word, made the cost grow with the
# lexicon. Instead each word is matched against only the alternatives that can begin with its first two
# characters, in lexicon order, so at a given word the same alternative wins as in the full alternation.
_KEY = 2
_SPACE = " \t\n\r\f\v"
Prefixes = frozenset[tuple[str, bool]]  # (text, complete): complete = the whole match is that short text


def _concat(heads: Prefixes, tails: Prefixes | None) -> Prefixes:
    """Prefixes of a match of `heads` then `tails` (None: anything), cut to _KEY characters."""
    out = set()
    for head, complete in heads:
        if not complete or len(head) >= _KEY:
            out.add((head[:_KEY], False))
        elif tails is None:
            out.add((head, False))  # anything may follow: a wildcard
        else:
            out.update(((head + t)[:_KEY], c and len(head + t) < _KEY) for t, c in tails)
    return frozenset(out)


def _class(items) -> Prefixes | None:
    chars: set[str] = set()
    for op, arg in items:
        if op is _C.LITERAL:
            chars.add(chr(arg))
        elif op is _C.RANGE:
            chars.update(map(chr, range(arg[0], arg[1] + 1)))
        elif op is _C.CATEGORY and arg is _C.CATEGORY_SPACE:
            chars.update(_SPACE)
        else:
            return None
    return frozenset((c.lower(), True) for c in chars)


def _prefixes(items) -> Prefixes | None:
    """What a parsed pattern's matches can begin with (None: unknown), from Python's own regex parse tree.

    Literals, classes, groups, branches and repeats are read exactly; anything else counts as unknown,
    which only makes a route larger, never wrong.
    """
    found: Prefixes | None = frozenset({("", True)})
    for op, arg in items:
        if op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):  # zero width
            continue
        if op is _C.LITERAL:
            part = frozenset({(chr(arg).lower(), True)})
        elif op is _C.IN:
            part = _class(arg)
        elif op is _C.SUBPATTERN:
            part = _prefixes(arg[3])
        elif op is _C.BRANCH:
            parts = [_prefixes(branch) for branch in arg[1]]
            part = None if None in parts else frozenset().union(*parts)
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
            part = _repeat(*arg)
        else:
            part = None
        found = _concat(found, part)
        if all(not complete for _, complete in found):
            break
    return found


def _repeat(low: int, high: int, items) -> Prefixes | None:
    once = _prefixes(items)
    if once is None:
        return None
    reps = frozenset({("", True)})
    out = set(reps) if low == 0 else set()
    for n in range(1, min(high, _KEY) + 1):
        reps = _concat(reps, once)
        if n >= low:
            out |= reps
    if high > _KEY:  # more repeats may follow a short one
        out = {(text, complete and len(text) >= _KEY) for text, complete in out}
    return frozenset(out)


_ALTERNATIVES = [
    (f"t{i}_{j}", _compile(a)) for i, entry in enumerate(LEXICON) for j, a in enumerate(entry.alternatives)
]
_STARTS = [_prefixes(_parser.parse(p, re.IGNORECASE)) for _, p in _ALTERNATIVES]
# Group `t<entry>_<alternative>` names the lexicon entry that matched.
_MATCHER = re.compile("|".join(f"(?P<{name}>{p})" for name, p in _ALTERNATIVES), re.IGNORECASE)
@functools.cache
def _route(key: str) -> re.Pattern:
    """The alternatives that can match text starting with `key` (lower case), in lexicon order."""
    kept = [f"(?P<{name}>{p})" for (name, p), starts in zip(_ALTERNATIVES, _STARTS, strict=True)
            if starts is None or any(key.startswith(s) or s.startswith(key) for s, _ in starts)]
    return re.compile("|".join(kept) or "(?!)", re.IGNORECASE)


def _matcher(key: str) -> re.Pattern:
    # Case folding maps a few non-ASCII letters onto ASCII ones (the Kelvin sign, long s): the full matcher.
    return _route(key) if key.isascii() else _MATCHER


_WORD = re.compile(r"\b\w")
_VICTIM_WORD = re.compile(r"\b" + _VICTIMS.replace(" ", r"[\s-]+") + r"\b", re.IGNORECASE)

# Negation scope: a negator then only words that cannot end it ("no further shelling", "did not attack").
_NEGATED_BEFORE = re.compile(
    r"\b(?:no|not|never|without|nor|neither|n't|den(?:y|ies|ied|ying)|rul(?:ed|es|ing) out|free of"
    r"|absence of|zero|stopped|halted|ceased)(?:\s+(?:any|further|new|more|major|heavy|significant"
    r"|reported|active|such|serious|large|signs?|reports?|evidence|of|the|a|an|been|be|yet|immediately|once"
    r"|ever|recorded|official|confirmed|immediate|fresh|renewed|enemy|to|have|has|had|having))*\s*$",
    re.IGNORECASE)
_NEGATED_AFTER = re.compile(
    r"^(?:\s+\w+){0,4}?\s+(?:was|were|has|have|had|is|are)\s+(?:not|never)\s+(?:been\s+)?"
    r"(?:reported|recorded|observed|confirmed|heard)"
    r"|^(?:\s+\w+){0,4}?\s+(?:did|does)\s+not\s+(?:happen|occur|take place)", re.IGNORECASE)
# Irrealis: a threatened, planned or feared event is not an incident.
_IRREALIS_BEFORE = re.compile(
    r"\b(?:threat(?:en|ens|ened)?s?|vow(?:s|ed)?|warn(?:s|ed|ing)?|plan(?:s|ned|ning)?|fear(?:s|ed)?|could"
    r"|may|might|would|will|risk of|prepar(?:es|ed|ing)|wants?|wanted|demand(?:s|ed|ing)?|calls? for"
    r"|called for|insist(?:s|ed)? on)(?:\s+(?:of|to|an?|the|more|new|further|possible"
    r"|launch|carry|out|conduct|resume|be|massive|large|another|imminent))*\s*$", re.IGNORECASE)
# A clause boundary ends a negation's scope.
_CLAUSE = re.compile(r"[.;:!?,]|\bbut\b|\bwhile\b|\bafter\b", re.IGNORECASE)


def _clause_before(sentence: str, start: int) -> str:
    before = sentence[:start]
    cut = 0
    for match in _CLAUSE.finditer(before):
        cut = match.end()
    return before[cut:]


def _matches(sentence: str):
    """Lexicon matches at word starts, left to right, never overlapping (as `finditer` would give)."""
    end = 0
    for word in _WORD.finditer(sentence):
        start = word.start()
        if start < end:
            continue
        match = _matcher(sentence[start : start + _KEY].lower()).match(sentence, start)
        if match:
            end = match.end()
            yield match


def find_triggers(sentence: str) -> list[Trigger]:
    """Every trigger in the sentence, in order; fires are dropped when an attack in it accounts for them."""
    found: list[Trigger] = []
    for match in _matches(sentence):
        entry = LEXICON[int(match.lastgroup[1:].partition("_")[0])]
        event_type, sub_event_type, confidence, _, on_civilians = entry
        if event_type is None:
            continue
        before = _clause_before(sentence, match.start())
        if _IRREALIS_BEFORE.search(before):
            continue
        if on_civilians and _VICTIM_WORD.search(sentence):
            event_type, sub_event_type = CIVILIANS, "Attack"
        negated = bool(_NEGATED_BEFORE.search(before) or _NEGATED_AFTER.match(sentence[match.end():]))
        found.append(Trigger(match.start(), match.end(), match.group(), event_type, sub_event_type, negated,
                             confidence))
    if any(t.event_type in VIOLENT_TYPES and not t.negated for t in found):
        found = [t for t in found if t.event_type != FIRE]
    return found


def primary(triggers: list[Trigger]) -> Trigger | None:
    """The trigger that best types its sentence: the most confident affirmed one, the earliest on ties."""
    affirmed = [t for t in triggers if not t.negated]
    return max(affirmed, key=lambda t: (t.confidence, -t.start), default=None)
