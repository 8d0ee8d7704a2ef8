import csv, json, re, sys
sys.path.insert(0, ".")
from tests.textkit.test_dates import SEED_CASES
from textkit.proposals.evaluate import article_rows
R = "/work/main/archive/demo/records/"
def rows(n): return list(csv.DictReader(open(R + n, encoding="utf-8-sig")))
people = rows("people.csv"); orgs = rows("organizations.csv")
pname = {p["slug"]: p["name"] for p in people}
oname = {o["slug"]: o["name"] for o in orgs}
def aliases(s): return [a.split(":", 1)[-1].strip() for a in (s or "").split("|") if a.strip()]
gold = {"article": "seed_alibaba_b2b", "published": "2017-08-30/2017-09-06",
        "source": "archive/demo/records/*.csv (hand-curated demo records)",
        "people": [{"name": p["name"], "aliases": aliases(p.get("aliases"))} for p in people],
        "organizations": [{"name": o["name"], "aliases": aliases(o.get("aliases"))} for o in orgs],
        "roles": [], "events": [], "dates": []}
for r in rows("roles.csv"):
    gold["roles"].append({"person": pname[r["person"]], "title": r["title"],
                          "organization": oname.get(r["organization"]), "start": r["start_edtf"] or None})
for e in rows("events.csv"):
    if not e["date_edtf"]:
        continue
    who = [pname[s] for s in e["participants"].split("|") if s in pname] + \
          [oname[s] for s in e["organizations"].split("|") if s in oname]
    kw = [w for w in who if w in e["title"]][:1] or [re.findall(r"[\u4e00-\u9fffA-Za-z0-9]{2}", e["title"])[0]]
    gold["events"].append({"title": e["title"], "keywords": kw, "date": e["date_edtf"]})
text = open("tests/data/curation/seed_alibaba_b2b.txt", encoding="utf-8-sig").read()
arts = article_rows(text)
for snippet, phrase, edtf, _ in SEED_CASES:
    pos = next((p for p, t, k in arts if snippet in t and k in ("body", "heading")), None)
    if pos is None: print("skip", snippet); continue
    gold["dates"].append({"paragraph": pos, "text": phrase, "edtf": edtf})
json.dump(gold, open("tests/data/curation/seed_alibaba_b2b.gold.json", "w"), ensure_ascii=False, indent=1)
print(len(gold["people"]), len(gold["roles"]), len(gold["events"]), len(gold["dates"]))
