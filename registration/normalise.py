"""Transliteration-normalised names and document numbers for duplicate detection.

The same person is written Mohammad, Muhammad or Mohammed depending on who transliterated
the name (and from which script). Comparing raw spellings would miss those duplicates, so
names are reduced to a coarse Latin "sound skeleton" before trigram comparison: any script
is transliterated to ASCII, vowels that transliterations disagree on are folded together,
doubled letters are collapsed and common digraphs are unified. The skeleton is only ever
used to *propose* candidates to staff; nothing is merged on it.
"""

import re

from text_unidecode import unidecode

# Applied in order on lower-case ASCII. Digraphs first, so "kh" is not split by later rules.
_DIGRAPHS = [
    ("ph", "f"),
    ("kh", "k"),
    ("gh", "g"),
    ("ch", "k"),
    ("sh", "s"),
    ("th", "t"),
    ("dh", "d"),
    ("ck", "k"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("aa", "a"),
]
# Vowels that transliterations use interchangeably (Mohammad / Muhammad, Ahmed / Ahmad).
_LETTERS = str.maketrans({"o": "u", "e": "a", "y": "i", "q": "k", "c": "k", "z": "s", "w": "u"})
_NOT_LETTER = re.compile(r"[^a-z ]+")
_DOUBLE = re.compile(r"(.)\1+")
_SPACES = re.compile(r"\s+")
# "Abdul Rahman" and "Abdulrahman" are the same name: particles that are written attached or
# detached are glued to the following word.
_ATTACHED_PREFIXES = re.compile(r"\b(abd(?:ul|al|ol|el)?|al|el|ul|bin|ben|ibn|abu|abou) ")


def _fold_word(word: str) -> str:
    for source, target in _DIGRAPHS:
        word = word.replace(source, target)
    word = word.translate(_LETTERS)
    word = _DOUBLE.sub(r"\1", word)
    return word


def normalise_name(*parts: str) -> str:
    """The transliteration-normalised form of a full name (given names then family name)."""
    text = unidecode(" ".join(p for p in parts if p)).lower()
    text = text.replace("-", " ").replace("'", "").replace("`", "")
    text = _NOT_LETTER.sub(" ", text)
    text = _SPACES.sub(" ", text).strip()
    text = _ATTACHED_PREFIXES.sub(lambda m: m.group(1), text)
    return " ".join(_fold_word(w) for w in text.split(" ") if w)


_NOT_ALNUM = re.compile(r"[^0-9A-Z]+")


def normalise_document_number(number: str) -> str:
    """Document numbers compared without spaces, dashes and case ("NX-12 345" = "nx12345")."""
    return _NOT_ALNUM.sub("", unidecode(number).upper())


def normalise_phone(phone: str) -> str:
    """Digits only, with a leading + kept as 00, so "+31 6 1234" equals "0031-6-1234"."""
    phone = phone.strip()
    digits = re.sub(r"\D", "", phone)
    return "00" + digits if phone.startswith("+") else digits
