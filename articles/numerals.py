"""Chinese numerals as the law writes article and chapter numbers (第七十四条, 第十二章)."""

DIGITS = "零一二三四五六七八九"
UNITS = ((1000, "千"), (100, "百"), (10, "十"))


def to_chinese(number: int) -> str:
    """Write 1–9999 the way the law does: 4 → 四, 10 → 十, 74 → 七十四, 105 → 一百零五."""
    if not 0 < number < 10000:
        raise ValueError(f"{number} is outside 1–9999")
    text = ""
    rest = number
    need_zero = False
    for value, unit in UNITS:
        digit, rest = divmod(rest, value)
        if digit:
            if need_zero:
                text += "零"
            # 十 alone for 10–19 at the start, as in 第十条, 第十二条.
            text += ("" if (value == 10 and digit == 1 and not text) else DIGITS[digit]) + unit
            need_zero = False
        elif text:
            need_zero = True
    if rest:
        if need_zero:
            text += "零"
        text += DIGITS[rest]
    return text


def from_chinese(text: str) -> int:
    """Read a Chinese numeral back: 七十四 → 74, 十 → 10, 一百零五 → 105."""
    if not text:
        raise ValueError("empty numeral")
    units = {"十": 10, "百": 100, "千": 1000}
    total = 0
    digit = None
    for char in text:
        if char in DIGITS:
            if digit is not None and char != "零":
                raise ValueError(f"not a numeral: {text!r}")
            digit = DIGITS.index(char) if char != "零" else None
        elif char in units:
            total += (1 if digit is None else digit) * units[char]
            digit = None
        else:
            raise ValueError(f"not a numeral: {text!r}")
    total += digit or 0
    if to_chinese(total) != text:
        raise ValueError(f"not a well-formed numeral: {text!r}")
    return total
