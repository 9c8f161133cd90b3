"""Rule-based identifiers and labels of stemmen.privacy (no models loaded): phone formats,
e-mails, national numbers, dates, addresses; consistent labels by role and language."""

from __future__ import annotations

import pytest

from stemmen.privacy.labels import canonical_role, label, person_key, same_person
from stemmen.privacy.rules import find_rules
from stemmen.privacy.spans import Found, resolve


def kinds(text: str) -> dict[str, str]:
    return {f.text: f.kind for f in resolve(find_rules(text))}


@pytest.mark.parametrize("phone", [
    "0475 12 34 56", "0475/12.34.56", "09 223 45 67", "+32 475 12 34 56", "+32 (0)9 223 45 67",
    "0032 475 123456", "+33 6 12 34 56 78", "06-12345678", "+31 6 12345678", "081 24 68 10",
])
def test_belgian_dutch_and_french_phone_formats(phone):
    assert kinds(f"Bel me op {phone}, liefst 's avonds.") == {phone: "phone"}


def test_emails_ids_dates_and_addresses():
    found = kinds("Mail an.peeters@example.be of schrijf naar Kerkstraat 12 bus 3, 9000 Gent. "
                  "Rijksregister 85.07.23-123.45, geboren op 14/02/1985 of 3 mei 1990.")
    assert found == {"an.peeters@example.be": "email",
                     "Kerkstraat 12 bus 3, 9000 Gent": "address",
                     "85.07.23-123.45": "id", "14/02/1985": "date", "3 mei 1990": "date"}
    found = kinds("J'habite rue de la Station 5, 4000 Liège. Née le 1er janvier 1996.")
    assert found == {"rue de la Station 5, 4000 Liège": "address", "1er janvier 1996": "date"}


def test_plain_numbers_and_years_are_not_identifiers():
    assert kinds("In 2015 kwam ik met 3 kinderen; de les duurt 120 minuten, om 14.30 uur.") == {}
    assert kinds("Rue barrée, avenue fermée: on a marché 2 km.") == {}


def test_overlaps_keep_the_stronger_kind_and_join_one_kind():
    found = resolve([Found(0, 15, "85.07.23-123.45", "id"), Found(3, 15, "07.23-123.45", "phone"),
                     Found(20, 30, "x" * 10, "address"), Found(28, 40, "y" * 12, "address")])
    assert [(f.start, f.end, f.kind) for f in found] == [(0, 15, "id"), (20, 40, "address")]


def test_labels_by_kind_role_and_language():
    assert label("person", "nl", "hulpverlener", 1) == "[Naam hulpverlener 1]"
    assert label("person", "fr", "eindgebruiker", 3) == "[Nom bénéficiaire 3]"
    assert label("person", "fr", "hulpverlener", 1) == "[Nom intervenant 1]"
    assert label("person", "nl", None, 4) == "[Naam 4]"
    assert label("place", "nl") == "[Plaats]" and label("phone", "fr") == "[Téléphone]"
    assert canonical_role("Intervenante") == "hulpverlener"
    assert canonical_role("Eindgebruiker") == "eindgebruiker"
    assert canonical_role("tolk") == "tolk" and canonical_role(" ") is None


def test_one_person_under_several_mentions():
    assert person_key("Mevrouw  Peeters") == "peeters"
    assert same_person(person_key("Sarah"), person_key("Sarah Claes"))
    assert same_person(person_key("Claes"), person_key("Sarah Claes"))
    assert not same_person(person_key("Sarah Claes"), person_key("Sarah Peeters"))
    assert not same_person(person_key("Sara"), person_key("Sarah Claes"))
