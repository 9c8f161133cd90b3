"""The demo study's report outline, as the final report is laid out (chapters 1 to 5).

Chapter 2 has one section per OCMW in the report's order (2.1 Antwerpen, 2.2 Gent,
2.3 Charleroi, 2.4 Luik, 2.5 Brussel): its project, then its objectives and modules as the
report's subsections name them (read from the section column of ``report_quotes.csv``), corona
and aftercare, then its good practices. Chapter 4 gives the recommendations by level. The
narrative sentences are the demo's (synthetic); headings, quotes and findings are the
report's. French labels are the study's own pairs (OCMW/CPAS, Eindgebruiker/Bénéficiaire...).
"""

from __future__ import annotations

import re

from stemmen.demo.sources import published_quotes

CASE_ORDER = ("OCMW Antwerpen", "OCMW Gent", "OCMW Charleroi", "OCMW Luik", "OCMW Brussel")
CORONA, AFTERCARE = "Corona", "Nazorg"

CHAPTERS = {
    "method": ("Inleiding en methodologie", "Introduction et méthodologie"),
    "cases": ("Onderzoeksresultaten per grootstedelijk OCMW",
              "Résultats de la recherche par CPAS des grandes villes"),
    "across": ("Onderzoeksresultaten over de OCMW's heen", "Résultats transversaux aux CPAS"),
    "recommendations": ("Beleidsaanbevelingen", "Recommandations politiques"),
    "conclusion": ("Conclusie", "Conclusion"),
}
LEVELS = (("OCMW", "Aanbevelingen voor de OCMW's en de methodieken",
           "Recommandations pour les CPAS et les méthodes"),
          ("Federale overheid", "Aanbevelingen voor de overheid en de POD",
           "Recommandations pour les autorités et le SPP"),
          ("Lokaal niveau", "Aanbevelingen op lokaal niveau",
           "Recommandations au niveau local"))

LABELS_FR = {
    "case": {"OCMW Antwerpen": "CPAS Anvers", "OCMW Gent": "CPAS Gand",
             "OCMW Brussel": "CPAS Bruxelles", "OCMW Charleroi": "CPAS Charleroi",
             "OCMW Luik": "CPAS Liège"},
    "role": {"Eindgebruiker": "Bénéficiaire", "Hulpverlener": "Travailleur social",
             "Projectverantwoordelijke": "Responsable de projet",
             "OCMW-verantwoordelijke": "Responsable CPAS", "Late instapper": "Entrant tardif",
             "Deelnemer focusgroep": "Participant au groupe de discussion"},
    "type": {"Focusgroep eindgebruikers": "Groupe de discussion bénéficiaires",
             "Focusgroep hulpverleners": "Groupe de discussion travailleurs sociaux",
             "Individueel eindgebruiker": "Entretien individuel bénéficiaire",
             "Individueel late instapper": "Entretien individuel entrant tardif",
             "Bilateraal": "Entretien bilatéral"},
    "level": {"OCMW": "CPAS", "Federale overheid": "Autorité fédérale",
              "Lokaal niveau": "Niveau local"},
    "objective": {CORONA: "Corona", AFTERCARE: "Suivi (nazorg)",
                  "Collectieve begeleiding": "Accompagnement collectif",
                  "Individuele begeleiding": "Accompagnement individuel"},
}

DESCRIPTION = {
    "nl": "{case} liep een AMIF-project voor sociale activering van erkende vluchtelingen. "
          "Deelnemers kwamen binnen via een intake, volgden een traject met {objectives} en "
          "werden na afloop opgevolgd. (Beschrijving van de demo, synthetisch.)",
    "fr": "Le {case} a mené un projet AMIF d'activation sociale pour des réfugiés reconnus. "
          "Les participants entraient par un entretien d'accueil, suivaient un trajet avec "
          "{objectives} et étaient suivis ensuite. (Description de la démo, synthétique.)",
}
NARRATIVE = {
    "nl": "Wat de deelnemers en hulpverleners van {case} vertelden over {objective}:",
    "fr": "Ce que les participants et les travailleurs sociaux du {case} ont dit sur "
          "{objective} :",
}


def _objective(section: str) -> str:
    """The last heading of a report section path, without its number."""
    last = section.split(" > ")[-1]
    return re.sub(r"^\d+(\.\d+)*\s+", "", last).strip()


def objectives() -> dict[str, list[str]]:
    """Case → its objectives and modules in report order, corona and aftercare last."""
    found: dict[str, list[str]] = {case: [] for case in CASE_ORDER}
    for q in published_quotes():
        name = _objective(q.section)
        if q.org in found and name and name not in found[q.org] and not name.startswith(
                "Onderzoeksresultaten"):
            found[q.org].append(name)
    for names in found.values():
        for extra in (CORONA, AFTERCARE):
            if extra in names:
                names.remove(extra)
            names.append(extra)
    return found


def quotes_by_objective() -> dict[tuple[str, str], list[str]]:
    """(case, objective) → the published quote texts of that subsection, in report order."""
    out: dict[tuple[str, str], list[str]] = {}
    for q in published_quotes():
        out.setdefault((q.org, _objective(q.section)), []).append(q.text)
    return out

METHOD = {
    "nl": "Het eindrapport meldt voor de intercodeerbetrouwbaarheid: twee focusgroepen werden "
          "door twee onderzoekers onafhankelijk gecodeerd in NVivo, 102 paragrafen met 12 "
          "meningsverschillen, Cohens kappa 0,80. Hierboven staan Stemmens eigen cijfers op "
          "de demo: Cohens kappa op de codes per paragraaf, en het cijfer zoals NVivo het "
          "berekent (kappa per code per document op tekens, gewogen gemiddelde).",
    "fr": "Le rapport final indique pour la fiabilité inter-codeurs : deux groupes de "
          "discussion codés indépendamment par deux chercheurs dans NVivo, 102 paragraphes, "
          "12 désaccords, kappa de Cohen 0,80. Ci-dessus, les chiffres de Stemmen sur la "
          "démo : le kappa de Cohen sur les codes par paragraphe, et le chiffre tel que NVivo "
          "le calcule (kappa par code et par document sur les caractères, moyenne pondérée).",
}
