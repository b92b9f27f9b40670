"""Personal data out of readers' free text, before it is stored.

Readers are asked not to type personal details into the feedback forms, and some do anyway.
``scrub(text)`` replaces, with a marker such as "[ID number removed]":

- resident ID numbers: 18 characters, the last a digit or X, whose check character is right
  (ISO 7064 MOD 11-2, as GB 11643 defines it); written whole or as 6-8-4 with spaces or
  dashes;
- mainland mobile numbers: 1[3-9] and nine more digits, whole or 3-4-4, with or without
  +86 / 0086 / 86 in front;
- bank card numbers: 16 to 19 digits, whole or in groups, whose Luhn check digit is right;
- email addresses.

A number is only taken for one of these when it stands alone (no digit right before or
after it), and checksums keep ordinary long numbers (an order number, a case number) from
being mistaken for an ID or a card. The hotline 12333, article numbers, dates and years are
never touched. The markers are in the language active when the text is scrubbed: the
reader's, so a Chinese report reads on in Chinese.
"""

import re

from django.utils.translation import gettext_lazy as _

ID_REMOVED = _("[ID number removed]")
MOBILE_REMOVED = _("[phone number removed]")
CARD_REMOVED = _("[bank card number removed]")
EMAIL_REMOVED = _("[email removed]")

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")

# Full-width digits and separators are folded to ASCII first (a phone keyboard in Chinese
# mode types １３８…), so one set of patterns covers both.
FULL_WIDTH = str.maketrans("０１２３４５６７８９Ｘｘ＋－　＠．", "0123456789Xx+- @.")

SEP = r"[ \-]?"
ID_NUMBER = re.compile(rf"(?<![\dA-Za-z])(\d{{6}}{SEP}\d{{8}}{SEP}\d{{3}}[\dXx])(?![\dA-Za-z])")
MOBILE = re.compile(
    rf"(?<![\d+])(?:(?:\+|00)?86{SEP}|\(\+?86\){SEP})?1[3-9]\d{SEP}\d{{4}}{SEP}\d{{4}}(?!\d)"
)
# A run of digits with single spaces or dashes between them; which part of it, if any, is a
# card number is decided in _cards().
DIGIT_RUN = re.compile(r"(?<!\d)\d+(?:[ \-]\d+)*(?!\d)")

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


def id_number_is_valid(value):
    """ISO 7064 MOD 11-2 over the first 17 digits gives the 18th character."""
    value = re.sub(r"[ \-]", "", value).upper()
    if not re.fullmatch(r"\d{17}[\dX]", value):
        return False
    total = sum(int(digit) * weight for digit, weight in zip(value, ID_WEIGHTS, strict=False))
    return ID_CHECK[total % 11] == value[17]


def luhn_is_valid(digits):
    total = 0
    for position, char in enumerate(reversed(digits)):
        digit = int(char)
        if position % 2:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def _is_card(text):
    digits = re.sub(r"[ \-]", "", text)
    return 16 <= len(digits) <= 19 and luhn_is_valid(digits)


def _cards(match):
    """A card number alone, or inside a longer run of numbers ("12333 6222 0212 …"): the
    longest stretch of whole groups that is a valid card number is removed."""
    run = match.group(0)
    if _is_card(run):
        return str(CARD_REMOVED)
    parts = re.split(r"([ \-])", run)  # groups and the separators between them
    groups = parts[0::2]
    for length in range(len(groups), 0, -1):
        for start in range(len(groups) - length + 1):
            candidate = "".join(parts[2 * start : 2 * (start + length) - 1])
            if _is_card(candidate):
                before = "".join(parts[: 2 * start])
                after = "".join(parts[2 * (start + length) - 1 :])
                return before + str(CARD_REMOVED) + after
    return run


def _id_number(match):
    return str(ID_REMOVED) if id_number_is_valid(match.group(1)) else match.group(0)


def scrub(text):
    """``text`` with ID, mobile and bank card numbers and email addresses replaced by
    markers; everything else as it was."""
    if not text:
        return text
    folded = text.translate(FULL_WIDTH)
    if folded != text and _has_personal_data(folded):
        # Full-width text is folded only when that reveals something to remove.
        text = folded
    text = EMAIL.sub(str(EMAIL_REMOVED), text)
    text = ID_NUMBER.sub(_id_number, text)
    text = DIGIT_RUN.sub(_cards, text)
    text = MOBILE.sub(str(MOBILE_REMOVED), text)
    return text


def _has_personal_data(text):
    return (
        bool(EMAIL.search(text))
        or any(id_number_is_valid(m.group(1)) for m in ID_NUMBER.finditer(text))
        or any(_cards(m) != m.group(0) for m in DIGIT_RUN.finditer(text))
        or bool(MOBILE.search(text))
    )
