"""A tiny synthetic corpus for the hints and reveal tests (web and browser): three codes with
definitions, two transcripts whose lines read like one code each, and a line with a name and a
place to pseudonymise."""

DOCS = {
    "Gesprek A": ("[SYNTHETIC TEST TRANSCRIPT]\n"
                  "Deelnemer: De tolk vertaalde alles wat de dokter zei.\n"
                  "Deelnemer: Ik sliep niet van de stress en de zorgen over geld.\n"
                  "Deelnemer: We zochten lang naar een betaalbare woning om te huren.\n"),
    "Gesprek B": ("[SYNTHETIC TEST TRANSCRIPT]\n"
                  "Deelnemer: Zonder tolk begreep ik de brief van de gemeente niet.\n"
                  "Deelnemer: Mijn huis is te klein en de huur is te hoog.\n"),
}
CODES = {"tolk": "Een tolk of vertaler helpt bij het begrijpen van een andere taal.",
         "stress": "Stress, spanning, zorgen en slecht slapen.",
         "wonen": "Een woning zoeken, huren, het huis en de huurprijs."}
PRIVATE = ("[SYNTHETIC TEST TRANSCRIPT]\n"
           "Respondent: Mevrouw Janssens volgde mijn dossier op in Wondelgem.\n")
