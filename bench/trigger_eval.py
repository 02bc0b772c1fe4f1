"""Event typing on the Ukraine dev records: does the primary trigger's type agree with the mapped label?

Usage: .venv/bin/python -m bench.trigger_eval [path/to/ukraine_events_dev.jsonl]

The gold label follows the mapping in ../shared/data/dev/UKRAINE_SOURCES.md section 6, including its
keyword rules on the text; records it leaves unmapped (CIR "Other", no weapon label) are skipped. The
sub-type gold partly comes from those same keywords, so sub-type agreement is an optimistic figure.
"""

import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

from geo.triggers import BATTLES, CIVILIANS, EXPLOSIONS, STRATEGIC, find_triggers, primary

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev" / "ukraine_events_dev.jsonl"
SHELL, AIR, IED = "Shelling/artillery/missile attack", "Air/drone strike", "Remote explosive/landmine/IED"


def _has(pattern: str, text: str) -> bool:
    return re.search(pattern, text, re.IGNORECASE) is not None


def explosion_sub(text: str) -> str:
    """The mapping's keyword rule for the sub-type of an explosion."""
    if _has(r"\bmines?\b|\bIEDs?\b|car bomb", text):
        return IED
    if _has(r"air ?strike|airstrike|drone|shahed|loitering|(aircraft|plane|jet).*\bbomb"
            r"|\bbomb.*(aircraft|plane)", text):
        return AIR
    return SHELL


# Bellingcat weapon labels: weapon -> (event type, sub-type or None for "unknown").
BC_WEAPON = {
    "Air strike": (EXPLOSIONS, AIR), "Loitering munition": (EXPLOSIONS, AIR), "Land mines": (EXPLOSIONS, IED),
    "Small arms": (CIVILIANS, "Attack"), "Vehicle mounted weapon": (CIVILIANS, "Attack"),
    "Unknown": (EXPLOSIONS, None), "None": (EXPLOSIONS, None),
}


def gold(record: dict) -> tuple[str, str | None] | None:
    """(event type, sub-type or None when unknown) for a record, or None when the mapping leaves it out."""
    text = record["text"]
    for label in record["types"]:
        if label.startswith("Weapon System: "):
            weapon = label.removeprefix("Weapon System: ")
            if weapon in BC_WEAPON:
                return BC_WEAPON[weapon]
            return EXPLOSIONS, AIR if _has(r"air ?strike|airstrike", text) else SHELL
    for label in record["types"]:
        if label in ("Bombing or Explosion", "Civilian Infrastructure Damage",
                     "Military Infrastructure Damage"):
            return EXPLOSIONS, explosion_sub(text)
        if label == "Civilian Casualty":
            if _has(r"\bshot\b|shooting|execut|gunfire|sniper", text):
                return CIVILIANS, "Attack"
            return EXPLOSIONS, explosion_sub(text)
        if label == "Ground Battle":
            return BATTLES, "Armed clash"
        if label in ("Russian Military Losses", "Ukrainian Military Losses"):
            if _has(r"strike|drone|artillery|missile|shell|rocket|HIMARS|bayraktar|javelin|mortar", text):
                return EXPLOSIONS, explosion_sub(text)
            return BATTLES, "Armed clash"
        if label == "Russian Firing Positions":
            if _has(r"\bfir(e|es|ed|ing)\b|launch|shell|strike", text):
                return EXPLOSIONS, SHELL
            return STRATEGIC, "Other"
        if label == "Munitions":
            return EXPLOSIONS, SHELL
        if label in ("Russian Military Presence", "Russian Allies Presence/Losses"):
            if _has(r"\bbase\b|\bcamp\b|headquarters", text):
                return STRATEGIC, "Headquarters or base established"
            if _has(r"\benter|\btak(e|en|ing)\b|\btook\b|captur|flag", text):
                return STRATEGIC, "Non-violent transfer of territory"
            return STRATEGIC, "Other"
        if label == "Mass grave or Burial":
            if _has(r"\bkill|execut|\bshot\b|murder", text):
                return CIVILIANS, "Attack"
            return STRATEGIC, "Other"
        if label == "Detentions or Arrests":
            if _has(r"civilian|abduct|kidnap", text):
                return CIVILIANS, "Abduction/forced disappearance"
            return STRATEGIC, "Arrests"
    return None


def main(path: Path) -> None:
    records = [json.loads(line) for line in path.open(encoding="utf-8")]
    labelled = [(r, g) for r in records if (g := gold(r)) is not None]
    predicted = [primary(find_triggers(r["text"])) for r, _ in labelled]
    started = time.process_time()  # timed on a second pass: the first compiles the lexicon's routes
    for record, _ in labelled:
        find_triggers(record["text"])
    elapsed = time.process_time() - started
    confusion: Counter = Counter()
    type_hits = sub_known = sub_hits = 0
    for (_, (event_type, sub_type)), trigger in zip(labelled, predicted, strict=True):
        got = trigger.event_type if trigger else "(none)"
        confusion[event_type, got] += 1
        type_hits += got == event_type
        if sub_type is not None:
            sub_known += 1
            sub_hits += trigger is not None and trigger.sub_event_type == sub_type
    n = len(labelled)
    print(f"{n} of {len(records)} records mapped; {n / elapsed:,.0f} records per CPU second")
    print(f"event type agrees: {type_hits}/{n} = {type_hits / n:.3f}")
    print(f"sub-type agrees (where the mapping gives one): {sub_hits}/{sub_known} "
          f"= {sub_hits / sub_known:.3f}")
    print(f"no affirmed trigger: {sum(t is None for t in predicted) / n:.3f}")
    print("confusion (gold -> predicted):")
    for (gold_type, got), count in sorted(confusion.items(), key=lambda item: -item[1]):
        print(f"  {count:5d}  {gold_type} -> {got}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
