"""Personal data is taken out of readers' text before it is stored (channels/scrub.py):
each pattern, the checksums that decide, and the ordinary numbers that must survive."""

import pytest
from django.utils import translation

from channels.scrub import id_number_is_valid, luhn_is_valid, scrub

ID = "[ID number removed]"
PHONE = "[phone number removed]"
CARD = "[bank card number removed]"
EMAIL = "[email removed]"

# The example number of GB 11643 (check character X) and two computed by hand:
# 1·7+1·9+0·10+1·5+0·8+8·4+1·2+9·1+8·6+0·3+0·7+1·9+0·10+1·5+1·8+2·4+3·2 = 158,
# 158 mod 11 = 4 → "10X98765432"[4] = "7".
VALID_IDS = ["11010519491231002X", "110108198001011237", "440304199003070018"]
# 16, 18 and 19 digits whose last digit is the Luhn check digit.
VALID_CARDS = ["4111111111111111", "621483000012345673", "6212260200001234562"]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


# --- ID numbers -------------------------------------------------------------------------


@pytest.mark.parametrize("number", VALID_IDS)
def test_a_valid_id_number_is_removed(number):
    assert scrub(f"My ID is {number}, please check.") == f"My ID is {ID}, please check."


def test_an_id_number_with_a_lower_case_x_or_in_groups_is_removed():
    assert scrub("11010519491231002x") == ID
    assert scrub("身份证110105 19491231 002X。") == f"身份证{ID}。"
    assert scrub("110105-19491231-002X") == ID


def test_an_id_number_next_to_chinese_text_is_removed():
    assert scrub("我的身份证号是110108198001011237谢谢") == f"我的身份证号是{ID}谢谢"


def test_eighteen_digits_with_a_wrong_check_character_survive():
    # The right check character is 7; with 9 it is not an ID number (nor a Luhn number).
    assert not id_number_is_valid("110108198001011239")
    assert not luhn_is_valid("110108198001011239")
    assert scrub("Order 110108198001011239") == "Order 110108198001011239"


def test_the_checksum_is_iso_7064_mod_11_2():
    assert id_number_is_valid("11010519491231002X")
    assert not id_number_is_valid("110105194912310021")
    assert not id_number_is_valid("1101051949123100")  # too short
    assert not id_number_is_valid("X1010519491231002X")


def test_an_id_number_inside_a_longer_number_is_not_taken_apart():
    assert scrub("9110108198001011237") != f"9{ID}"


# --- Mobile numbers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "13800138000",
        "138 0013 8000",
        "138-0013-8000",
        "+86 13800138000",
        "+86-138-0013-8000",
        "+8613800138000",
        "0086 138 0013 8000",
        "86 13912345678",
        "(+86) 15012345678",
        "19912345678",
    ],
)
def test_a_mobile_number_is_removed_however_it_is_written(written):
    assert scrub(f"call me on {written} today") == f"call me on {PHONE} today"


def test_a_mobile_number_in_chinese_text_and_full_width_digits_is_removed():
    assert scrub("电话13800138000，谢谢") == f"电话{PHONE}，谢谢"
    assert scrub("电话１３８００１３８０００") == f"电话{PHONE}"


@pytest.mark.parametrize(
    "number",
    [
        "12345678901",  # 12… is no mobile prefix
        "10086",  # a service number
        "1380013800",  # ten digits
        "138001380001",  # twelve digits
        "010-12345678",  # a landline
    ],
)
def test_numbers_that_are_not_mobile_numbers_survive(number):
    assert scrub(f"number {number} here") == f"number {number} here"


# --- Bank card numbers ---------------------------------------------------------------------


@pytest.mark.parametrize("number", VALID_CARDS)
def test_a_luhn_valid_card_number_is_removed(number):
    assert scrub(f"card {number} lost") == f"card {CARD} lost"


def test_a_card_number_in_groups_is_removed():
    assert scrub("6212 2602 0000 1234 562") == CARD
    assert scrub("4111-1111-1111-1111") == CARD


def test_a_card_number_next_to_another_number_loses_only_the_card():
    assert scrub("12333 6212 2602 0000 1234 562") == f"12333 {CARD}"


def test_long_numbers_that_fail_luhn_survive():
    for number in ("4111111111111112", "6212260200001234563", "1234567890123456"):
        assert not luhn_is_valid(number)
        assert scrub(f"ref {number}") == f"ref {number}"


def test_too_short_or_too_long_luhn_numbers_survive():
    fifteen = "378282246310005"  # Luhn-valid but 15 digits
    assert luhn_is_valid(fifteen)
    assert scrub(fifteen) == fifteen
    twenty = "4" * 19 + "0"
    assert scrub(twenty) == twenty


# --- Email addresses ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "address", ["wang.li@example.com", "a+b@mail.example.org.cn", "zhang_3@163.com"]
)
def test_an_email_address_is_removed(address):
    assert scrub(f"write to {address}.") == f"write to {EMAIL}."


def test_an_at_sign_alone_is_not_an_email_address():
    assert scrub("meet @ the bank") == "meet @ the bank"


# --- What must survive -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I called 12333 and pressed 1.",
        "拨打12333转人工服务",
        "Article 74(4) of the Social Insurance Law",
        "《中华人民共和国社会保险法》第七十四条第四款",
        "It was on 2026-12-02 at 9:30.",
        "2011年7月1日起施行，2018年修正",
        "The law of 2010 was amended in 2018.",
        "Window 3, floor 2, about 200 yuan, postcode 100000",
        "/en/questions/check-balance/#method-bank-outlet",
        "",
    ],
)
def test_ordinary_numbers_dates_and_years_survive(text):
    assert scrub(text) == text


def test_everything_at_once():
    text = (
        "ID 11010519491231002X, phone +86 138 0013 8000, card 4111 1111 1111 1111, "
        "mail li@example.com; I called 12333 on 2026-12-02 about Article 74."
    )
    assert scrub(text) == (
        f"ID {ID}, phone {PHONE}, card {CARD}, mail {EMAIL}; "
        "I called 12333 on 2026-12-02 about Article 74."
    )


def test_the_markers_are_in_the_readers_language():
    with translation.override("zh-hans"):
        marked = scrub("电话13800138000")
    assert marked == "电话[手机号码已删除]"
