#!/usr/bin/env python3
"""Regenerates src/generated/iso3166.c from Debian's iso-codes package (/usr/share/iso-codes/json):
ISO 3166-1 alpha-2/alpha-3 pairs and the ISO 3166-2 subdivisions of the countries whose
state codes the address transform knows, with their names folded into lookup keys
(lower-case ASCII letters and digits; umlauts both as "u" and as "ue"), plus the
English and older names shops use. Run: scripts/gen-iso3166.py > src/generated/iso3166.c"""
import json
import re
import unicodedata

ISO = "/usr/share/iso-codes/json"
COUNTRIES = ["US", "CA", "AU", "DE", "AT", "CH", "IT", "ES", "MX", "BR", "IN"]
# ISO 3166-2 changes newer than iso-codes 4.15 (newsletter 2023-11-23): old -> new code
RENAMED = {("IN", "CT"): "CG", ("IN", "OR"): "OD", ("IN", "TG"): "TS", ("IN", "UT"): "UK"}
# Other names in use, by country and code (English exonyms, Spanish/Catalan pairs, old names)
ALIASES = {
    "US": {"DC": ["Washington DC", "Washington D.C."]},
    "CA": {"NL": ["Newfoundland"], "YT": ["Yukon Territory"], "QC": ["Québec"]},
    "DE": {"BY": ["Bavaria"], "NI": ["Lower Saxony"], "NW": ["North Rhine-Westphalia"],
           "RP": ["Rhineland-Palatinate"], "SN": ["Saxony"], "ST": ["Saxony-Anhalt"],
           "TH": ["Thuringia"], "HE": ["Hesse"], "MV": ["Mecklenburg-Western Pomerania"]},
    "AT": {"9": ["Vienna"], "3": ["Lower Austria"], "4": ["Upper Austria"], "6": ["Styria"],
           "2": ["Carinthia"], "7": ["Tyrol"]},
    "CH": {"ZH": ["Zurich"], "GE": ["Geneva", "Genf"], "LU": ["Lucerne"], "FR": ["Fribourg"],
           "GR": ["Grisons", "Grigioni"], "BE": ["Berne"], "NE": ["Neuenburg"], "VS": ["Wallis"],
           "VD": ["Waadt"], "TI": ["Tessin"], "SG": ["St. Gallen", "St Gallen"],
           "BS": ["Basel"], "AI": ["Appenzell Inner Rhodes"], "AR": ["Appenzell Outer Rhodes"]},
    "IT": {"MI": ["Milan"], "RM": ["Rome"], "TO": ["Turin"], "NA": ["Naples"], "FI": ["Florence"],
           "VE": ["Venice"], "GE": ["Genoa"], "PD": ["Padua"], "MN": ["Mantua"], "SR": ["Syracuse"],
           "BZ": ["South Tyrol", "Bozen", "Alto Adige", "Südtirol"], "82": ["Sicily"],
           "88": ["Sardinia"], "52": ["Tuscany"], "25": ["Lombardy"], "21": ["Piedmont"],
           "75": ["Apulia"], "23": ["Valle d'Aosta", "Aosta Valley", "Aosta"]},
    "ES": {"A": ["Alicante"], "CS": ["Castellón"], "NA": ["Navarra"], "VI": ["Álava"],
           "BI": ["Vizcaya", "Biscay"], "SS": ["Guipúzcoa"], "SE": ["Seville"],
           "CT": ["Catalonia"], "AN": ["Andalusia"], "PV": ["País Vasco", "Basque Country"],
           "NC": ["Comunidad Foral de Navarra"], "VC": ["Comunitat Valenciana"],
           "IB": ["Balearic Islands"], "CN": ["Canary Islands"]},
    "MX": {"CMX": ["Mexico City", "CDMX", "Distrito Federal"], "MEX": ["Estado de México"],
           "COA": ["Coahuila"], "MIC": ["Michoacán"], "VER": ["Veracruz"]},
    "IN": {"OD": ["Orissa"], "PY": ["Pondicherry"], "UK": ["Uttaranchal"],
           "DH": ["Dadra and Nagar Haveli", "Daman and Diu"]},
}
SPECIAL = {"ß": "ss", "Æ": "ae", "æ": "ae", "Œ": "oe", "œ": "oe", "Ø": "o", "ø": "o", "Đ": "d",
           "đ": "d", "Ł": "l", "ł": "l", "Þ": "th", "þ": "th", "Ð": "d", "ð": "d", "ı": "i",
           "Ħ": "h", "ħ": "h", "Ŀ": "l", "ŀ": "l", "ĸ": "k", "Ŋ": "n", "ŋ": "n", "Ŧ": "t",
           "ŧ": "t", "Ĳ": "ij", "ĳ": "ij", "ŉ": "n", "ſ": "s"}


def fold_char(ch, umlaut):
    if umlaut == "ue" and ch in "äöüÄÖÜ":
        return unicodedata.normalize("NFD", ch)[0].lower() + "e"
    if ch in SPECIAL:
        return SPECIAL[ch]
    base = unicodedata.normalize("NFD", ch)[0]
    return base.lower() if base.isascii() and base.isalnum() else ""


def key(name, umlaut="u"):
    return "".join(c.lower() if c.isascii() and c.isalnum() else ("" if c.isascii() else fold_char(c, umlaut))
                   for c in name)


def names(name):
    """The ISO name and the variants written inside it: "A Coruña [La Coruña]", "Alacant*",
    "Madrid, Comunidad de" (also "Comunidad de Madrid")."""
    out = []
    main = re.sub(r"\s*\[.*\]", "", name).rstrip("*")
    out.append(main)
    out += re.findall(r"\[(.*?)\]", name)
    if ", " in main:
        first, rest = main.split(", ", 1)
        out.append(rest + " " + first)
    return out


def state_rows(subdivisions):
    rows = []
    for country in COUNTRIES:
        subs = [s for s in subdivisions if s["code"].startswith(country + "-")]
        # provinces before the regions that share a name with them (ES, IT)
        subs.sort(key=lambda s: (s["type"] not in ("Province", "State", "Land", "Canton",
                                                   "Metropolitan city", "Territory"), s["code"]))
        for s in subs:
            code = s["code"].split("-", 1)[1]
            new = RENAMED.get((country, code), code)
            spellings = names(s["name"]) + ALIASES.get(country, {}).get(new, [])
            keys = []
            for spelling in spellings:
                for umlaut in ("u", "ue"):
                    k = key(spelling, umlaut)
                    if k and k not in keys:
                        keys.append(k)
            rows.append((country, new, code if new != code else "", keys))
    return rows


def main():
    countries = json.load(open(f"{ISO}/iso_3166-1.json"))["3166-1"]
    subdivisions = json.load(open(f"{ISO}/iso_3166-2.json"))["3166-2"]
    print("/* Generated by scripts/gen-iso3166.py from Debian's iso-codes; do not edit. */")
    print('#include "generated/iso3166.h"\n')
    print("const isync_country_row isync_countries[] = {")
    for c in sorted(countries, key=lambda c: c["alpha_2"]):
        print(f'    {{"{c["alpha_2"]}", "{c["alpha_3"]}"}}, /* {c["name"]} */')
    print("};\nconst size_t isync_country_count = sizeof isync_countries / sizeof isync_countries[0];\n")
    print("const isync_state_row isync_states[] = {")
    for country, code, old, keys in state_rows(subdivisions):
        for k in keys:
            print(f'    {{"{country}", "{code}", "{old}", "{k}"}},')
    print("};\nconst size_t isync_state_count = sizeof isync_states / sizeof isync_states[0];\n")
    print("/* U+00C0..U+017F folded to lower-case ASCII (\"\" for signs such as U+00D7) */")
    print("const char *const isync_latin_fold[ISYNC_LATIN_FOLD_COUNT] = {")
    folds = [fold_char(chr(cp), "u") for cp in range(0xC0, 0x180)]
    for i in range(0, len(folds), 16):
        print("    " + " ".join(f'"{f}",' for f in folds[i:i + 16]))
    print("};")


main()
