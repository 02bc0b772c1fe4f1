"""Latin spellings of Russian-alphabet names, as English-language reporting writes them.

GeoNames romanizes a place's name by its country's own system (Ukraine's national one: "Marhanets",
"Vinnytsia") and lists some other spellings, but often not the one made from the Russian name that
news and older maps use ("Marganets", "Vinnitsa"). The build adds those: the BGN/PCGN romanization of
each Russian-alphabet alternate name, without the soft and hard signs (which the press drops), with
"e" as well as "ye" after a vowel ("Zaporozhye"/"Zaporozhe") and ё as "yo". Names with Ukrainian-only
letters (і, ї, є, ґ) are left alone: their own romanization is the place's name already.
"""

import re

_LETTERS = dict(zip("абвгдзийклмнопрстуфыэ", "abvgdziyklmnoprstufye", strict=True)) | {
    "ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ю": "yu", "я": "ya", "ь": "", "ъ": ""
}  # fmt: skip
_VOWELS = set("аеёиоуыэюяьъ")  # after these (and at a word's start) е is written ye
RUSSIAN = re.compile(r"[А-ЯЁа-яё]+(?:[ -][А-ЯЁа-яё]+)*")


def _word(word: str, iotated: str) -> str:
    out, before = [], ""
    for ch in word:
        low = ch.lower()
        if low == "е":
            latin = (iotated if before == "" or before in _VOWELS else "") + "e"
        else:
            latin = "yo" if low == "ё" else _LETTERS[low]
        if ch != low:  # capitals stay capitals: a code in capitals is no word (build.WORD)
            latin = latin.upper() if word.isupper() else latin.capitalize()
        out.append(latin)
        before = low
    return "".join(out)


def romanized(name: str) -> set[str]:
    """The name's Latin spellings if it is written in the Russian alphabet only, else none."""
    if not RUSSIAN.fullmatch(name):
        return set()
    parts = re.split(r"([ -])", name)
    return {"".join(_word(p, iotated) if p not in " -" else p for p in parts) for iotated in ("y", "")}
