"""Regenerate ``src/unvotes/data/countries/un_names.csv``: the UN's French and Spanish short names.

    .venv/bin/python scripts/un_names.py COUNTRY_CODES_CSV [--out PATH]

COUNTRY_CODES_CSV is ``data/country-codes.csv`` of the ``datasets/country-codes`` data package
(https://github.com/datasets/country-codes, read at commit caa72d1 of 15 May 2026). Two of its
columns per language are UN sources: ``UNTERM French Short`` / ``UNTERM Spanish Short`` (the
UNTERM country list of the UN's Department for General Assembly and Conference Management, with
the article in brackets as UNTERM writes it) and ``official_name_fr`` / ``official_name_es``
(the UN Statistics Division's M49 table in that language). A row is written per state in our
``countries.csv`` and per distinct name; its ``source`` says which of the two gave it, or both
when they agree once UNTERM's bracketed article is set aside. A state whose row in that file
has in ``UNTERM English Short`` (set aside its article) no English name of that state in our
tables gets no UNTERM name: the package joins UNTERM to ISO by fuzzy matching and such a row may
be mismatched (Côte d'Ivoire and Türkiye have no UNTERM names there).

States that no longer exist are in neither list. For them the ISO 3166-3 names in French and
Spanish of Debian's iso-codes (as shipped in pycountry) are used, each part before or after a
comma taken only when it is a name on its own ("Tchécoslovaquie", "URSS"); an inverted form
("Alemania, República Democrática de") is left out. Running it twice writes the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import gettext
import io
import re
from pathlib import Path

import pycountry

from unvotes.reference.countries import load_registry, normalise_spelling

REPO = Path(__file__).resolve().parents[1]
OUTPUT = REPO / "src" / "unvotes" / "data" / "countries" / "un_names.csv"
COLUMNS = ("country_code", "language", "name", "source")
LANGUAGES = {"fr": "French", "es": "Spanish"}
UNTERM = "UNTERM"
M49 = "UNSD M49"
ISO = "iso-codes ISO 3166-3 (pycountry 26.2.16)"
_ARTICLE = re.compile(r"\s*\((?:the|le|la|les|l'|el|los|las)\)\s*$", re.IGNORECASE)
# Parts of an ISO 3166-3 translation that are a name by themselves, per former state and language
# (None: every part); the Spanish "Alemania, República Democrática de" has none.
_ISO_PARTS: dict[tuple[str, str], int | None] = {
    **{(code, lang): 0 for code in ("CSK", "SCG", "YUG") for lang in LANGUAGES},
    **{("SUN", lang): None for lang in LANGUAGES},
    ("DDR", "fr"): 0,
}


def bare(name: str) -> str:
    """A UNTERM name without its bracketed article and the observer-state asterisk."""
    return _ARTICLE.sub("", name.replace("*", "").strip()).strip()


def _un_rows(path: Path) -> list[tuple[str, str, str, str]]:
    registry = load_registry()
    rows: list[tuple[str, str, str, str]] = []
    with path.open(encoding="utf-8", newline="") as handle:
        by_code = {row["ISO3166-1-Alpha-3"]: row for row in csv.DictReader(handle)}
    for country in registry:
        row = by_code.get(country.country_code)
        if row is None:
            continue
        english_ok = registry.lookup(bare(row["UNTERM English Short"])) == country.country_code
        for lang, language in LANGUAGES.items():
            unterm = row[f"UNTERM {language} Short"].strip() if english_ok else ""
            m49 = row[f"official_name_{lang}"].strip()
            if unterm and m49 and normalise_spelling(bare(unterm)) == normalise_spelling(m49):
                rows.append((country.country_code, lang, unterm, f"{UNTERM}; {M49}"))
                continue
            pairs = ((unterm, UNTERM), (m49, M49))
            rows.extend((country.country_code, lang, name, source) for name, source in pairs if name)
    return rows


def _iso_rows() -> list[tuple[str, str, str, str]]:
    locales = Path(pycountry.__file__).parent / "locales"
    rows: list[tuple[str, str, str, str]] = []
    for lang in LANGUAGES:
        translation = gettext.translation("iso3166-3", str(locales), languages=[lang])
        for country in pycountry.historic_countries:
            if (country.alpha_3, lang) not in _ISO_PARTS:
                continue
            parts = [p.strip() for p in translation.gettext(country.name).split(",")]
            wanted = _ISO_PARTS[country.alpha_3, lang]
            for part in parts if wanted is None else [parts[wanted]]:
                rows.append((country.alpha_3, lang, part, ISO))
    return rows


def un_names(path: Path) -> str:
    """The CSV text of ``un_names.csv``, sorted by code, language and name."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([COLUMNS, *sorted(set(_un_rows(path) + _iso_rows()))])
    return out.getvalue()


def main() -> None:
    """Write the file from the data package's CSV named on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="data/country-codes.csv of datasets/country-codes")
    parser.add_argument("--out", type=Path, default=OUTPUT)
    args = parser.parse_args()
    args.out.write_text(un_names(args.source), encoding="utf-8")


if __name__ == "__main__":
    main()
