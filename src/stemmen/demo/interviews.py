"""The five OCMWs (cases) and the 31 interviews (documents) of the study, as metadata."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from stemmen.demo.ids import guid
from stemmen.demo.sources import read_rows
from stemmen.model.documents import AttributeDef, AttributeType, Case

TYPES = (
    "Focusgroep eindgebruikers",
    "Focusgroep hulpverleners",
    "Individueel eindgebruiker",
    "Individueel late instapper",
    "Bilateraal",
)
ROLES = (
    "Eindgebruiker", "Hulpverlener", "Late instapper", "OCMW-verantwoordelijke",
    "Projectverantwoordelijke",
)
END_USER_TYPES = ("Focusgroep eindgebruikers", "Individueel eindgebruiker",
                  "Individueel late instapper")


@dataclass(frozen=True)
class Site:
    """One OCMW/CPAS: the case, its city and its AMIF project."""

    case: str
    city: str
    short: str
    region: str
    language: str
    project: str
    city_fr: str
    description: str


SITES = (
    Site("OCMW Antwerpen", "Antwerpen", "ANT", "Vlaanderen", "nl", "AMIE", "Anvers",
         "OCMW Antwerpen, project AMIE: individuele begeleiding en groepsbegeleiding."),
    Site("OCMW Gent", "Gent", "GEN", "Vlaanderen", "nl", "Interactief!", "Gand",
         "OCMW Gent, project Interactief!: modules op maat, OCMW Go en VIA."),
    Site("OCMW Brussel", "Brussel", "BRU", "Brussel", "nl/fr", "MOVE UP!", "Bruxelles",
         "OCMW/CPAS Brussel, project MOVE UP!: collectieve modules in het Frans, "
         "individuele opvolging en socio-professionele inschakeling. Tweetalig."),
    Site("OCMW Charleroi", "Charleroi", "CHA", "Wallonië", "fr", "ACTIV UP!", "Charleroi",
         "CPAS de Charleroi (in het Nederlands: OCMW Charleroi), project ACTIV UP!: "
         "individuele en collectieve begeleiding. Franstalig."),
    Site("OCMW Luik", "Luik", "LUI", "Wallonië", "fr", "MOD'ACTIONS", "Liège",
         "CPAS de Liège (in het Nederlands: OCMW Luik), project MOD'ACTIONS: "
         "oriëntatie, collectieve ateliers en culturele begeleiding. Franstalig."),
)
SITE_BY_CITY = {site.city: site for site in SITES}
SITE_BY_CASE = {site.case: site for site in SITES}


@dataclass(frozen=True)
class Interview:
    """One row of interviews.csv, turned into what a document needs."""

    number: int
    name: str
    site: Site
    type: str
    role: str
    date: dt.date
    wave: int
    language: str
    size: int

    @property
    def is_group(self) -> bool:
        return self.type.startswith("Focusgroep")

    @property
    def voice(self) -> str:
        """"eg" for end users, "pro" for caseworkers and managers."""
        return "eg" if self.type in END_USER_TYPES else "pro"

    @property
    def national_language(self) -> str:
        """The language participants learn, as a word in the transcript's language."""
        if self.language == "fr":
            return "français"
        return "Frans" if self.site.city == "Brussel" else "Nederlands"

    def attributes(self) -> dict[str, object]:
        return {"type": self.type, "role": self.role, "date": self.date, "wave": self.wave,
                "language": self.language, "participants": self.size}


def _type_and_role(kind: str, who: str) -> tuple[str, str]:
    label = who.split(":")[0].strip()
    if kind == "Focusgroep":
        if label == "Eindgebruikers":
            return "Focusgroep eindgebruikers", "Eindgebruiker"
        return "Focusgroep hulpverleners", "Hulpverlener"
    if kind == "Individueel":
        if label == "Late instapper":
            return "Individueel late instapper", "Late instapper"
        return "Individueel eindgebruiker", "Eindgebruiker"
    return "Bilateraal", label


def _language(site: Site, type_: str) -> str:
    if site.language != "nl/fr":
        return site.language
    return "fr" if type_ in END_USER_TYPES else "nl"


def _name(type_: str, role: str, city: str, date: dt.date) -> str:
    if type_ == "Bilateraal":
        head = f"Bilateraal {role}"
    elif type_.startswith("Focusgroep"):
        head = "FG " + type_.split()[-1]
    else:
        head = "Individueel " + type_.split(" ", 1)[1]
    return f"{head} {city} {date.isoformat()}"


def load_interviews() -> list[Interview]:
    """The 31 interviews in the published order (28/05/21 to 26/10/21)."""
    interviews = []
    for number, row in enumerate(read_rows("interviews.csv"), start=1):
        site = SITE_BY_CITY[row["where"]]
        type_, role = _type_and_role(row["type"], row["who"])
        date = dt.datetime.strptime(row["when"], "%d/%m/%y").date()
        size = int(row["who"].split(":")[1]) if ":" in row["who"] else 1
        interviews.append(Interview(
            number=number, name=_name(type_, role, site.city, date), site=site, type=type_,
            role=role, date=date, wave=1 if date < dt.date(2021, 9, 1) else 2,
            language=_language(site, type_), size=size,
        ))
    return interviews


def attribute_defs() -> list[AttributeDef]:
    """Document attributes (type, role, date, wave, language, participants) and case ones."""
    choice, number = AttributeType.CHOICE, AttributeType.NUMBER
    return [
        AttributeDef("type", choice, TYPES, "document", "Soort interview"),
        AttributeDef("role", choice, ROLES, "document", "Rol van de geïnterviewde(n)"),
        AttributeDef("date", AttributeType.DATE, (), "document", "Datum van het interview"),
        AttributeDef("wave", number, (), "document",
                     "Bevragingsgolf: 1 = mei-juli 2021, 2 = oktober 2021"),
        AttributeDef("language", choice, ("nl", "fr"), "document", "Taal van het interview"),
        AttributeDef("participants", number, (), "document", "Aantal deelnemers"),
        AttributeDef("city", AttributeType.TEXT, (), "case", "Stad"),
        AttributeDef("region", choice, ("Vlaanderen", "Brussel", "Wallonië"), "case", "Gewest"),
        AttributeDef("language", choice, ("nl", "fr", "nl/fr"), "case", "Werktaal van het OCMW"),
    ]


def build_cases() -> list[Case]:
    """The five OCMWs/CPAS as cases, in the order Antwerpen, Gent, Brussel, Charleroi, Luik."""
    return [
        Case(site.case, guid("case", site.case), site.description,
             {"city": site.city, "region": site.region, "language": site.language})
        for site in SITES
    ]
