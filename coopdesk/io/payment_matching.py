"""Which member a bank payment is from, read off its free-text reference and the payer's name.

Members write their member number or their name in the reference, surrounded by anything
("Beitrag März Mitglied 42", "DUES M-0042 / 2026", "Anna Müller Q1"). A reference is full of
numbers that are not member numbers (dates, amounts, years, months), so numbers are trusted by
how clearly they are meant, strongest first:

1. **Strong.** (a) A member number that is not all digits ("M-0042", "A17") in whole words and
   numbers of the reference: case does not count, nor how its letters and digits are split by
   single "-", "." or "/" ("m0042", "M.0042", "M-0042/2026" all hold M-0042; "XM-0042",
   "M-00421" and "M 0042" do not: a space would let "a 1 year" hold A1). A number of digits and
   separators only ("2026-017") must be written with the same parts, and not inside a longer date
   or amount. (b) Digits right after a marker:
   member, membership, mitglied, mitglieds, mitgliedsnummer, mitgliedsnr, mitgl, membre,
   adhérent, socio, miembro, number, nummer, numéro, número, num, nr, no, nº, n°, id or #,
   possibly several ("Mitglied Nr. 42", "member #0042", "Nr.42"); the digits match the member
   whose number has the same value, ignoring leading zeros and a letter prefix ("M-0042" is 42).
2. **Weak.** A bare run of digits standing alone, matching a member whose number is all digits and
   has the same value. It does not count when it is part of a date, amount, time or range
   ("31.03.2026", "12,50", "03/2026", "10:30", "1-3"), stands next to a currency ("42 EUR",
   "€42", "42%"), is followed by a unit of time ("3 months", "12 Monate"), or looks like a year
   (four digits from 1900 to 2099) - "2026" alone never matches member 2026, but "Mitglied 2026"
   or "#2026" does.

A payment matches by number when the strong rules find exactly one member. When they find none, a
single weak number is taken unless the reference also names another member (then it is ambiguous,
for the treasurer to decide); the payer's name does not overrule it, since one member often pays
for another. Otherwise it is matched by name: a member's name of two words or more ("Anna Müller",
"Müller, Anna", "Müller Anna"; case, accents, "ü"/"ue" and punctuation do not count) in the
reference, else the payer's name equal to a member's, and it must point to one member only (a
payer's name picks among several members named in the reference).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["Match", "MemberKey", "PaymentMatcher", "match_payment"]

_MARKER_WORDS = (
    "member", "membership", "mitglied", "mitglieds", "mitgliedsnummer", "mitgliedsnr", "mitgl",
    "membre", "adherent", "socio", "miembro", "number", "nummer", "numero", "num", "nr", "no",
    "id",
)
# Marker words (after folding: "Nº" becomes "no"), "#" and "n°", one or more, then the digits.
_MARKED = re.compile(
    r"(?:(?:(?<![^\W_])(?:" + "|".join(_MARKER_WORDS) + r")(?![^\W\d_])|#|(?<![^\W_])n°)"
    r"[\s.:#\-]*)+"
    r"(\d+)(?![^\W_])(?![.,/:]\d)"
)
_DIGITS = re.compile(r"(?<![^\W_])\d+(?![^\W_])")
_JOINED = re.compile(r"\d[.,/:\-]\s?$")  # the digits continue a date, amount, time or range
_CONTINUED = re.compile(r"\s?[.,/:\-]\d")
_SEPARATOR = re.compile(r"[-./]")
_CURRENCY_BEFORE = re.compile(r"(?:[€$£¥]|(?<![^\W_])(?:eur|usd|gbp|chf|cad|aud))\s?$")
_CURRENCY_OR_UNIT_AFTER = re.compile(
    r"\.?\s?(?:[€$£¥%]|(?:eur|usd|gbp|chf|cad|aud|x|times|mal|fois|veces|months?|monate?|mois|"
    r"mes(?:es)?|years?|jahre?|ans|anos?|weeks?|wochen?|semaines?|semanas?|quarters?|"
    r"quartale?|trimestres?)(?![^\W_]))"
)
_NUMBER_CORE = re.compile(r"[^\W\d_]*[-./ ]?0*(\d+)")
_NUMBER_PARTS = re.compile(r"[^\W_]+")
_NAME_TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_TITLES = frozenset({"herr", "frau", "hr", "fr", "mr", "mrs", "ms", "mx", "dr", "prof", "m", "mme"})
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})


@dataclass(frozen=True, slots=True)
class MemberKey:
    """What matching needs to know of a member."""

    member_id: int
    number: str
    display_name: str
    sort_name: str


@dataclass(frozen=True, slots=True)
class Match:
    """The member a payment is from, if one: `how` is "number" or "name", else why not.

    Without a member, `how` is "no match" or starts with "ambiguous: " and names the candidates.
    """

    member_id: int | None
    how: str

    @property
    def matched(self) -> bool:
        """Whether a member was found."""
        return self.member_id is not None


def match_payment(reference: str, name: str | None, members: Sequence[MemberKey]) -> Match:
    """The member a payment with `reference` from `name` is from (see the module's rules).

    For many payments, build one `PaymentMatcher` and call its `match` instead.
    """
    return PaymentMatcher(members).match(reference, name)


class PaymentMatcher:
    """Matches payments against one list of members, indexed once."""

    def __init__(self, members: Sequence[MemberKey]) -> None:
        self._members = {member.member_id: member for member in members}
        self._by_value: dict[int, set[int]] = {}  # number value -> members, for marked digits
        self._by_plain_value: dict[int, set[int]] = {}  # the same, all-digit numbers only
        self._most_parts = 0
        # Numbers that are not all digits, by their letters and digits run together ("m0042"),
        # and those of digits and separators only ("2026-017"), by their parts.
        self._by_letters_and_digits: dict[str, set[int]] = {}
        self._by_digit_parts: dict[tuple[str, ...], set[int]] = {}
        self._names: dict[tuple[str, ...], set[int]] = {}
        for member in members:
            number = _fold(member.number).strip()
            if core := _NUMBER_CORE.fullmatch(number):
                self._by_value.setdefault(int(core.group(1)), set()).add(member.member_id)
            if number.isdigit():
                self._by_plain_value.setdefault(int(number), set()).add(member.member_id)
            elif parts := tuple(_NUMBER_PARTS.findall(number)):
                if any(char.isalpha() for char in number):
                    key = "".join(parts)
                    self._by_letters_and_digits.setdefault(key, set()).add(member.member_id)
                else:
                    self._by_digit_parts.setdefault(parts, set()).add(member.member_id)
                self._most_parts = max(self._most_parts, len(parts))
            for form in _name_forms(member):
                self._names.setdefault(form, set()).add(member.member_id)
        self._first_tokens = {form[0] for form in self._names if len(form) > 1}

    def match(self, reference: str, name: str | None) -> Match:
        """The member a payment with `reference` from `name` is from (see the module's rules)."""
        text = _fold(reference)
        strong = self._strong_numbers(text)
        if len(strong) == 1:
            return Match(next(iter(strong)), "number")
        if strong:
            return Match(
                None, f"ambiguous: the reference holds the numbers of {self._list(strong)}"
            )
        in_reference = self._names_in(_name_tokens(text))
        weak = self._weak_numbers(text)
        if len(weak) == 1:
            (member_id,) = weak
            if not in_reference or member_id in in_reference:
                return Match(member_id, "number")
            return Match(
                None,
                f"ambiguous: the number in the reference is {self._list(weak)} but the name is "
                f"{self._list(in_reference)}",
            )
        named = self._named(in_reference, name)
        if len(named) == 1:
            return Match(next(iter(named)), "name")
        if named:
            return Match(None, f"ambiguous: {self._named_alike(named)}")
        if weak:
            return Match(None, f"ambiguous: the reference holds the numbers of {self._list(weak)}")
        return Match(None, "no match")

    def _strong_numbers(self, text: str) -> set[int]:
        found = self._formatted_numbers(text)
        for marked in _MARKED.finditer(text):
            found |= self._by_value.get(int(marked.group(1)), set())
        return found

    def _formatted_numbers(self, text: str) -> set[int]:
        """Members whose number (not all digits) is in `text`, its parts joined by one "-", "."
        or "/" or by none: runs of whole words and numbers of `text` are looked up in an index.
        """
        found: set[int] = set()
        if not self._most_parts:
            return found
        parts = list(_NUMBER_PARTS.finditer(text))
        for first, start in enumerate(parts):
            # Within a date or amount ("31-03-2026"), digits and separators are not a number.
            in_a_date = bool(_JOINED.search(text, 0, start.start()))
            for last in range(first, min(first + self._most_parts, len(parts))):
                if last > first and not _SEPARATOR.fullmatch(
                    text, parts[last - 1].end(), parts[last].start()
                ):
                    break
                words = tuple(part.group() for part in parts[first : last + 1])
                found |= self._by_letters_and_digits.get("".join(words), set())
                if not in_a_date and not _CONTINUED.match(text, parts[last].end()):
                    found |= self._by_digit_parts.get(words, set())
        return found

    def _weak_numbers(self, text: str) -> set[int]:
        found: set[int] = set()
        for digits in _DIGITS.finditer(text):
            start, end, value = digits.start(), digits.end(), int(digits.group())
            if (
                _JOINED.search(text, 0, start)
                or _CONTINUED.match(text, end)
                or _CURRENCY_BEFORE.search(text, 0, start)
                or _CURRENCY_OR_UNIT_AFTER.match(text, end)
                or (end - start == 4 and 1900 <= value <= 2099)
            ):
                continue
            found |= self._by_plain_value.get(value, set())
        return found

    def _named(self, in_reference: set[int], name: str | None) -> set[int]:
        """Members named in the reference, else (or, when several, among them) by the payer."""
        by_payer = self._names.get(_without_titles(_name_tokens(_fold(name or ""))), set())
        if in_reference & by_payer:
            return in_reference & by_payer
        return in_reference or by_payer

    def _names_in(self, tokens: tuple[str, ...]) -> set[int]:
        """Members whose name (two words or more) is in `tokens`; the longest found wins."""
        spans: list[tuple[int, int, set[int]]] = []
        for start, token in enumerate(tokens):
            if token not in self._first_tokens:
                continue
            for end in range(start + 2, len(tokens) + 1):
                ids = self._names.get(tokens[start:end])
                if ids:
                    spans.append((start, end, ids))
        found: set[int] = set()
        for start, end, ids in spans:
            inside_another = any(
                s <= start and end <= e and (s, e) != (start, end) for s, e, _ in spans
            )
            if not inside_another:
                found |= ids
        return found

    def _list(self, member_ids: Iterable[int]) -> str:
        members = sorted((self._members[i] for i in member_ids), key=_by_number)
        described = ", ".join(f"{m.number} {m.display_name}" for m in members)
        return f"{len(members)} members ({described})" if len(members) > 1 else described

    def _named_alike(self, member_ids: set[int]) -> str:
        members = sorted((self._members[i] for i in member_ids), key=_by_number)
        names = {_fold(member.display_name) for member in members}
        if len(names) == 1:
            numbers = ", ".join(member.number for member in members)
            return f"{len(members)} members named {members[0].display_name!r} ({numbers})"
        return f"the name matches {self._list(member_ids)}"


def _by_number(member: MemberKey) -> tuple[int, str]:
    return len(member.number), member.number


def _fold(text: str) -> str:
    """`text` without case or accents ("ß" is "ss", "Nº" is "no"), other characters kept."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _name_tokens(folded: str) -> tuple[str, ...]:
    return tuple(_NAME_TOKEN.findall(folded))


def _without_titles(tokens: tuple[str, ...]) -> tuple[str, ...]:
    while len(tokens) > 1 and tokens[0] in _TITLES:
        tokens = tokens[1:]
    return tokens


def _name_forms(member: MemberKey) -> set[tuple[str, ...]]:
    """The ways a member's name may be written, as folded words, with "ä" as "ae" too."""
    written = {member.display_name, member.sort_name}
    last, comma, first = member.sort_name.partition(",")
    if comma and first.strip():
        written.add(f"{first} {last}")
    forms: set[tuple[str, ...]] = set()
    for name in written:
        lowered = name.casefold()
        for variant in (lowered, lowered.translate(_UMLAUTS)):
            tokens = _without_titles(_name_tokens(_fold(variant)))
            if tokens:
                forms.add(tokens)
    return forms
