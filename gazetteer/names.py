"""One key for every spelling a reader would call the same name.

Keys ignore case, diacritics and apostrophes and treat any run of punctuation or spaces as one
space: "Kyïv", "KYIV" and "Kyiv" share the key "kyiv"; "Kam'yanets'-Podil's'kyy" is
"kamyanets podilskyy". Transliteration variants (Kiev, Kharkov, Київ) are separate names that the
gazetteer stores for the same place.
"""

import re
import unicodedata
from functools import lru_cache

# A word is letters or digits, with apostrophes inside it ("Kam'yanets", "Kyiv's").
WORD = re.compile(r"[^\W_]+(?:['’ʼ‘`´][^\W_]+)*")
_APOSTROPHES = str.maketrans("", "", "'’ʼ‘`´")
# Letters that Unicode decomposition leaves whole but readers treat as their Latin base.
_WHOLE_LETTERS = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe", "ß": "ss", "þ": "th", "ŀ": "l"}
)


@lru_cache(maxsize=500_000)
def fold_word(word: str) -> str:
    """Fold one word: lower case, no diacritics, no apostrophes."""
    if word.isascii():
        return word.lower().translate(_APOSTROPHES)  # the same, without Unicode tables: most news words
    decomposed = unicodedata.normalize("NFKD", word.casefold().translate(_WHOLE_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_APOSTROPHES)


def name_key(name: str) -> str:
    """The lookup key of a name: its folded words joined by single spaces."""
    if name.isascii():
        # The same result without per-word Unicode folding: most names are ASCII, and the gazetteer
        # build keys about two million of them.
        return " ".join(WORD.findall(name.lower())).translate(_APOSTROPHES)
    return " ".join(fold_word(match.group()) for match in WORD.finditer(name))


def strip_article(key: str) -> str:
    """'the hague' -> 'hague'; a leading article is optional in lookups."""
    return key[4:] if key.startswith("the ") else key
