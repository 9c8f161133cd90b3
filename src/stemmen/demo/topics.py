"""The semi-structured topic list: which topics each interview covers and which codes they touch.

The second wave added corona, aftercare (nazorg) and reception (opvang) to the topic list.
"""

from __future__ import annotations

from stemmen.demo.interviews import Interview

# Topic → code → how often answers on that topic are about that code.
TOPIC_CODES: dict[str, dict[str, int]] = {
    "instap": {"R-oriëntatie": 3, "R-tolk": 2, "R-inburgering": 2, "R-taalniveau": 2,
               "R-int. bemiddelaar": 1, "R-verwelkoming": 1},
    "opvang": {"R-verwelkoming": 4, "R-int. bemiddelaar": 1, "R-tolk": 1, "R-oriëntatie": 1},
    "begeleiding": {"M-ind. begeleiding": 4, "M-collect. begeleiding": 4, "M-telefoneren": 1,
                    "M-int. bemiddeling": 1, "M-tolken": 1, "M-andere": 1,
                    "M-wisselwerking": 1},
    "activiteiten": {"M-vrijwilligers": 3, "M-artistiek": 2, "M-digitale kennis": 2,
                     "M-taal": 2, "M-andere": 1},
    "taal": {"T-mondeling": 4, "T-schriftelijk": 2, "M-taal": 1},
    "netwerk": {"S-sociale vaardigheden": 3, "S-communicatie": 3},
    "activering": {"A-activering": 4, "A-kinderopvang": 1, "M-vrijwilligers": 1},
    "digitaal": {"D- smartphone": 2, "D-PC": 2, "D-internet": 2, "D-mail": 1,
                 "M-digitale kennis": 1},
    "zelfredzaamheid": {"Z- zelfredzaamheid": 3, "Z-zelfvertrouwen": 3},
    "gezondheid": {"G-gezondheid": 4, "Z-zelfvertrouwen": 1, "S-sociale vaardigheden": 1},
    "werking": {"O-OCMW": 3, "M-wisselwerking": 2, "O-opl. Hulpv.": 2},
    "corona": {"T-covid-19": 2, "S-covid-19": 2, "A-covid-19": 2, "M-covid-19": 2,
               "O-covid-19": 1},
    "nazorg": {"N-begeleiding": 3, "N-communicatie": 2},
    "afsluiting": {"M-tolken": 1, "N-begeleiding": 1, "M-digitale kennis": 1, "T-mondeling": 1,
                   "M-taal": 1, "G-gezondheid": 1, "A-kinderopvang": 1, "O-OCMW": 1,
                   "M-wisselwerking": 1, "A-activering": 1},
}

# A code's covid-19 sibling: people mention corona spontaneously, also in the first wave.
COVID = {"T": "T-covid-19", "S": "S-covid-19", "A": "A-covid-19", "M": "M-covid-19",
         "O": "O-covid-19"}

_HOME = {"R": "instap", "T": "taal", "S": "netwerk", "A": "activering", "D": "digitaal",
         "Z": "zelfredzaamheid", "G": "gezondheid", "N": "nazorg", "O": "werking"}
_ACTIVITIES = {"M-artistiek", "M-vrijwilligers", "M-digitale kennis", "M-taal"}
_FALLBACK = {"opvang": "instap", "instap": "opvang", "activiteiten": "begeleiding",
             "werking": "begeleiding", "corona": "begeleiding", "nazorg": "afsluiting",
             "gezondheid": "zelfredzaamheid", "digitaal": "activiteiten"}


def topics_for(interview: Interview) -> list[str]:
    """The topics of an interview's topic list, in the order they are asked."""
    if interview.type == "Bilateraal":
        return ["instap", "begeleiding", "activering", "werking", "afsluiting"]
    if interview.type == "Focusgroep hulpverleners":
        return ["instap", "begeleiding", "activiteiten", "taal", "netwerk", "activering",
                "zelfredzaamheid", "gezondheid", "werking", "afsluiting"]
    if interview.type == "Individueel late instapper":
        return ["instap", "opvang", "begeleiding", "taal", "netwerk", "digitaal", "corona",
                "afsluiting"]
    if interview.wave == 1:
        return ["instap", "begeleiding", "activiteiten", "taal", "netwerk", "activering",
                "digitaal", "zelfredzaamheid", "gezondheid", "afsluiting"]
    return ["opvang", "begeleiding", "taal", "netwerk", "activering", "digitaal",
            "zelfredzaamheid", "corona", "nazorg", "afsluiting"]


def home_topic(code: str) -> str:
    """The topic where a code is most at home."""
    if "covid" in code:
        return "corona"
    if code == "R-verwelkoming":
        return "opvang"
    if code.startswith("M-"):
        return "activiteiten" if code in _ACTIVITIES else "begeleiding"
    return _HOME[code[0]]


def topic_for_codes(codes: tuple[str, ...], topics: list[str]) -> str:
    """The interview topic under which a paragraph with these codes fits best."""
    for code in codes:
        if home_topic(code) in topics:
            return home_topic(code)
    topic = home_topic(codes[0])
    for _ in range(len(_FALLBACK)):
        topic = _FALLBACK.get(topic, "begeleiding")
        if topic in topics:
            return topic
    return "begeleiding" if "begeleiding" in topics else topics[0]
