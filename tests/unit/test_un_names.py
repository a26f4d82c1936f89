"""The UN's French and Spanish short names (``data/countries/un_names.csv``): every current Member
has both, each row names its source, the resolver takes them in any case, with or without accents
and articles, and no name points to two states."""

from __future__ import annotations

import pytest

from unvotes.reference.countries import load_registry, normalise_spelling
from unvotes.reference.un_names import bare_name, load_un_names

_SOURCES = {"UNTERM; UNSD M49", "UNTERM", "UNSD M49", "iso-codes ISO 3166-3 (pycountry 26.2.16)"}


def test_every_member_of_today_has_a_french_and_a_spanish_name() -> None:
    registry = load_registry()
    members = {c.country_code for c in registry if c.un_member_to is None and c.un_member_from is not None}
    assert len(members) == 193
    for language in ("fr", "es"):
        named = {n.country_code for n in load_un_names() if n.language == language}
        assert members <= named, sorted(members - named)


def test_each_name_has_a_source_and_most_are_confirmed_by_two() -> None:
    names = load_un_names()
    assert {n.source for n in names} <= _SOURCES
    both = [n for n in names if n.source == "UNTERM; UNSD M49"]
    assert len(both) >= 380  # UNTERM and the M49 table agree on all but a handful


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("République populaire démocratique de Corée", "PRK"),
        ("la république populaire démocratique de corée", "PRK"),
        ("REPUBLICA POPULAR DEMOCRATICA DE COREA", "PRK"),
        ("Corée du Nord", "PRK"),  # common name, aliases.csv
        ("République de Corée", "KOR"),
        ("Estados Unidos de América", "USA"),
        ("Etats-Unis d'Amerique", "USA"),
        ("Royaume-Uni de Grande-Bretagne et d’Irlande du Nord", "GBR"),
        ("Pays-Bas", "NLD"),
        ("Países Bajos (Reino de los)", "NLD"),
        ("Saint-Siège", "VAT"),
        ("Estado de Palestina", "PSE"),
        ("Fédération de Russie", "RUS"),
        ("Union des républiques socialistes soviétiques", "SUN"),
        ("URSS", "SUN"),
        ("Tchécoslovaquie", "CSK"),
        ("Afrique du Sud", "ZAF"),
        ("Alemania", "DEU"),
    ],
)
def test_the_resolver_takes_french_and_spanish_names(typed: str, code: str) -> None:
    assert load_registry().lookup(typed) == code


def test_no_name_of_one_state_is_another_states() -> None:
    registry = load_registry()
    for name in load_un_names():
        assert registry.lookup(bare_name(name.name)) == name.country_code, name


def test_search_knows_the_french_and_spanish_names() -> None:
    names = load_registry().names_of_states
    dprk = names[normalise_spelling("République populaire démocratique de Corée")]
    assert normalise_spelling("Democratic People's Republic of Korea") in dprk
    assert normalise_spelling("República Popular Democrática de Corea") in dprk
