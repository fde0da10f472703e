#!/usr/bin/env python3
"""Generate a synthetic casebook site for benchmarks.

Usage: gen.py N OUTDIR

Writes a casebook site (SPEC sections 2-4, language en) to OUTDIR:

  OUTDIR/casebook.yaml
  OUTDIR/content/index.md
  OUTDIR/content/parties/<id>.md   max(N // 10, 5) parties
  OUTDIR/content/claims/<id>.md    max(N // 20, 5) claims
  OUTDIR/content/events/<id>.md    N events
  OUTDIR/content/sources/<id>.md   max(N // 10, 5) sources

Deterministic: the output depends only on N.  The generator uses its own
pseudo-random number generator (SplitMix64 with a fixed seed) rather than the
`random` module, so the corpus is the same on every Python 3 version.  It uses
the Python standard library only.

What the corpus exercises:
  * event dates of mixed precision: mostly YYYY-MM-DD (some quoted), ~10%
    YYYY-MM, ~5% an unquoted YYYY, ~3% date-time with a Z or +-HH:MM offset,
    ~3% `approximate: true`, ~2% ranges with `end`;
  * relations: claims `by` / `against` / `sources`, events `parties` /
    `claims` / `sources`, always ids of the right type (a one-element list is
    sometimes written as a plain string, which the SPEC allows);
  * bodies of 300-500 words (see count_words) with `##` / `###` headings,
    bullet and numbered lists, *emphasis* and **strong**, a blockquote, 3-5
    wiki links `[[id]]` / `[[id|text]]` that all resolve, and sometimes a
    fenced code block holding `[[not-a-link]]`, which must be left alone;
  * ids unique across the site, matching ^[a-z0-9]+(-[a-z0-9]+)*$.

OUTDIR is created if needed; its `casebook.yaml` and `content/` are replaced.
"""

import datetime
import hashlib
import json
import os
import re
import shutil
import sys

SEED = 0xC0FFEE_CA5EB00C
MASK64 = (1 << 64) - 1
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
NOT_A_LINK = "not-a-link"  # appears only inside fenced code blocks
WORDS_MIN, WORDS_MAX = 300, 500


# ---------------------------------------------------------------------------
# deterministic randomness, independent of the Python version
# ---------------------------------------------------------------------------

class Rng:
    """SplitMix64.  Every helper draws a fixed number of values per call so
    the stream (and therefore the corpus) depends only on the call sequence."""

    def __init__(self, seed):
        self.state = seed & MASK64

    def u64(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def below(self, n):
        """Uniform-enough integer in [0, n) (multiply-shift; bias < n / 2**64)."""
        return (self.u64() * n) >> 64

    def randint(self, lo, hi):
        return lo + self.below(hi - lo + 1)

    def random(self):
        return (self.u64() >> 11) / float(1 << 53)

    def chance(self, p):
        return self.random() < p

    def choice(self, xs):
        return xs[self.below(len(xs))]

    def weighted(self, pairs):
        """pairs: [(value, weight), ...]"""
        total = sum(w for _, w in pairs)
        r = self.random() * total
        for v, w in pairs:
            r -= w
            if r < 0:
                return v
        return pairs[-1][0]

    def sample(self, xs, k, exclude=()):
        """k distinct elements of xs (in draw order), none in exclude.
        Rejection sampling: cheap for the small k used here."""
        k = min(k, len(xs) - len(exclude))
        out, seen = [], set(exclude)
        while len(out) < k:
            x = xs[self.below(len(xs))]
            if x not in seen:
                seen.add(x)
                out.append(x)
        return out


# ---------------------------------------------------------------------------
# vocabulary
# ---------------------------------------------------------------------------

FILLER = (
    "alpha bravo certum datum edictum fiat gravamen habeas ibidem jus lex locus "
    "mens rea nexus onus pari passu quantum ratio sine qua non status quo ultra "
    "vires verbatim vis major ad hoc bona fide de facto de jure inter alia "
    "mutatis mutandis per se prima facie pro rata sub judice res judicata amicus "
    "curiae obiter dictum stare decisis sui generis"
).split()

LEGAL = (
    "court motion filing plaintiff defendant counsel record docket hearing ruling "
    "order judgment appeal brief evidence testimony witness deposition discovery "
    "subpoena affidavit exhibit settlement agreement contract breach damages "
    "injunction relief jurisdiction venue statute claim counterclaim liability "
    "negligence disclosure compliance regulator memorandum opinion remand "
    "stipulation transcript objection sanction arbitration mediation hosting "
    "service terms notice termination platform moderation policy account "
    "server outage migration customer vendor invoice payment warranty license "
    "audit schedule trial jury verdict panel circuit district complaint answer "
    "reply standard burden precedent declaration exhibit sealing redaction"
).split()

COMMON = (
    "the of and to in that was for on with as by at from which this it its an "
    "were had been after before during about against between under over into "
    "their they also however later earlier then while because although despite "
    "each both several many some other new former said alleged reported"
).split()

HEADINGS = [
    "Background", "Procedural posture", "What happened", "Key facts",
    "Positions of the parties", "Analysis", "Why it matters", "Open questions",
    "The record", "Timeline notes", "Reactions", "Outcome", "Context",
    "Points in dispute", "Documents", "What comes next", "Standard of review",
]

GIVEN = ("Abigail Bertrand Chiara Dmitri Esther Fabian Gunnar Helena Isidor "
         "Jolene Kasimir Leonie Magnus Noor Oskar Paloma Rafael Sabine Tobias "
         "Ulla Viktor Wilma Yannick Zainab Anouk Benedikt Cosima Dorian "
         "Elif Florian Greer Hamish Irene Jasper").split()
FAMILY = ("Achterberg Blackwood Cardenas Dalgaard Ekwueme Falkenrath Gallagher "
          "Hargreaves Ishikawa Jovanovic Kerrigan Lindahl Moreau Nwachukwu "
          "Ostrowski Pemberton Quintero Rautenberg Sandoval Tremblay Underhill "
          "Varga Westergaard Yilmaz Zanetti Ashdown Bracknell Carrow").split()
FIRM_STEM = ("Aldergate Bluepeak Corvid Driftwood Emberly Foxhollow Glasswing "
             "Highmoor Ironvale Jadeport Kingsmere Lanternfield Mossbank "
             "Nightjar Oakhurst Palisade Quarrystone Ravensworth Stillwater "
             "Thornbury").split()
FIRM_KIND = ("Networks", "Hosting", "Cloud", "Media", "Holdings", "Analytics",
             "Payments", "Software", "Communications", "Data")
FIRM_SUFFIX = ("Inc.", "LLC", "Ltd.", "GmbH", "Corp.", "plc")
DISTRICTS = ("Western District of Orlan", "Eastern District of Pellam",
             "Northern District of Quessa", "District of Rothmere",
             "Southern District of Sarn", "Central District of Tavel")
AGENCIES = ("Trade Commission", "Communications Authority", "Data Protection Office",
            "Office of the State Attorney", "Consumer Affairs Board",
            "Financial Conduct Agency")
ORGS = ("Foundation", "Institute", "Alliance", "Society", "Council", "Project")

BASES = [
    "Sherman Act § 1", "Breach of contract", "Tortious interference",
    "Defamation", "Promissory estoppel", "Unfair competition statute",
    "Breach of the implied covenant of good faith", "Negligent misrepresentation",
    "Declaratory judgment", "Section 230 defence", "First Amendment defence",
    "Antitrust conspiracy", "Trade secret misappropriation", "Unjust enrichment",
]
STATUSES = ["alleged", "pending", "granted", "denied", "dismissed", "withdrawn", "settled"]

EVENT_KINDS = [
    "Complaint filed", "Motion for temporary restraining order", "Hearing held",
    "Order entered", "Service terminated", "Notice of violation sent",
    "Amended complaint filed", "Settlement talks reported", "Declaration filed",
    "Motion to dismiss filed", "Preliminary injunction denied", "Appeal noticed",
    "Oral argument", "Press statement issued", "Regulator letter sent",
    "Subpoena served", "Status conference", "Stipulated dismissal",
    "Exhibits unsealed", "Terms of service updated", "Service restored",
    "Congressional letter published", "Discovery plan filed", "Mediation session",
]
PUBLISHERS = ["Court docket", "Wire service", "The Evening Ledger", "Harbour Times",
              "Company blog", "Agency press office", "Tech Review Weekly",
              "Legal Affairs Quarterly", "Public records request", "Trade journal"]
SOURCE_KINDS = [("filing", 4), ("order", 2), ("article", 5), ("statement", 2), ("other", 1)]
DOC_WORDS = {"filing": "Filing", "order": "Order", "article": "Article",
             "statement": "Statement", "other": "Record"}

CODE_LINES = [
    "grep -n '[[%s]]' docket.txt" % NOT_A_LINK,
    "note: [[%s]] is literal text in this exhibit" % NOT_A_LINK,
    "ref = \"[[%s|shown verbatim]]\"" % NOT_A_LINK,
    "exhibit 12, line 4: see [[%s]]" % NOT_A_LINK,
]


# ---------------------------------------------------------------------------
# ids
# ---------------------------------------------------------------------------

def slugify(s, maxlen=56):
    s = s.lower()
    s = s.replace("§", "s").replace("ü", "u").replace("ö", "o").replace("ä", "a")
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    if len(s) > maxlen:
        s = s[:maxlen].rstrip("-")
    return s or "x"


class Ids:
    """Site-wide unique ids."""

    RESERVED = {"index", "timeline", "parties", "claims", "events", "sources",
                "404", NOT_A_LINK}

    def __init__(self):
        self.used = set(self.RESERVED)

    def make(self, base):
        base = slugify(base)
        cand, k = base, 2
        while cand in self.used:
            cand = "%s-%d" % (base, k)
            k += 1
        assert ID_RE.match(cand), cand
        self.used.add(cand)
        return cand


# ---------------------------------------------------------------------------
# text
# ---------------------------------------------------------------------------

def words(rng, n):
    """n words: ~35% filler, ~35% legal terms, ~30% common words.  One draw
    per word: the top byte picks the pool, the low 32 bits the word."""
    out = []
    for _ in range(n):
        x = rng.u64()
        c = x >> 56
        pool = FILLER if c < 90 else LEGAL if c < 179 else COMMON
        out.append(pool[(x & 0xFFFFFFFF) % len(pool)])
    return out


def sentence(rng, lo=8, hi=18):
    ws = words(rng, rng.randint(lo, hi))
    ws[0] = ws[0].capitalize()
    if len(ws) > 4 and rng.chance(0.3):
        i = rng.randint(1, len(ws) - 2)
        ws[i] = "*%s*" % ws[i]
    elif len(ws) > 6 and rng.chance(0.25):
        i = rng.randint(1, len(ws) - 3)
        ws[i] = "**" + ws[i]
        ws[i + 1] = ws[i + 1] + "**"
    if len(ws) > 8 and rng.chance(0.2):
        ws[rng.randint(3, len(ws) - 4)] += ","
    return " ".join(ws) + rng.choice(".....!?")[0]


def plain_sentence(rng, lo, hi):
    ws = words(rng, rng.randint(lo, hi))
    ws[0] = ws[0].capitalize()
    return " ".join(ws) + "."


def count_words(md):
    """Words of a body as the benchmark counts them: fenced code blocks are
    skipped, a wiki link counts as its text ([[id]] as one word), and a word
    is a whitespace-separated token containing a letter or digit (so list
    markers, '>' and '#' do not count)."""
    n, in_code = 0, False
    for line in md.split("\n"):
        if line.startswith("```"):
            in_code = not in_code
            continue
        if in_code:
            continue
        line = _LINK_TEXT.sub(r"\1", line)
        line = _LINK_PLAIN.sub("link", line)
        line = _MARKER.sub("", line)
        n += len(_WORD.findall(line))
    return n


_LINK_TEXT = re.compile(r"\[\[[^\]|]+\|([^\]]+)\]\]")
_LINK_PLAIN = re.compile(r"\[\[[^\]]+\]\]")
_MARKER = re.compile(r"^(#+|[-*]|\d+\.|>)\s")  # heading, list and quote markers
_WORD = re.compile(r"(?<!\S)\S*[A-Za-z0-9]\S*")  # a token with a letter or digit


def body(rng, targets, title_words):
    """A Markdown body of WORDS_MIN..WORDS_MAX words linking to every id in
    targets (3-5 of them, distinct).  Deterministic for a given rng state."""
    while True:  # a retry draws new text; rare, and still deterministic
        md = _body_once(rng, targets, title_words)
        if WORDS_MIN <= count_words(md) <= WORDS_MAX:
            return md


def _body_once(rng, targets, title_words):
    goal = rng.randint(WORDS_MIN + 20, WORDS_MAX - 30)
    blocks = []          # [kind, payload]; paragraphs/items are lists of strings
    total = [0]

    def para(lo, hi):
        segs, n = [], 0
        while n < lo or (n < hi and rng.chance(0.5)):
            s = sentence(rng)
            n += len(s.split())
            segs.append(s)
        total[0] += n
        return ["p", segs]

    heads = rng.sample(HEADINGS, 4)
    blocks.append(para(35, 70))
    blocks.append(["h2", heads[0]])
    blocks.append(para(40, 80))
    items = []
    for _ in range(rng.randint(3, 5)):
        s = sentence(rng, 5, 11)
        total[0] += len(s.split())
        items.append([s])
    blocks.append(["ul", items])
    blocks.append(["h2", heads[1]])
    q = [sentence(rng, 10, 18)] + ([sentence(rng, 6, 12)] if rng.chance(0.5) else [])
    total[0] += sum(len(x.split()) for x in q)
    blocks.append(["quote", q])
    blocks.append(para(30, 60))
    if rng.chance(0.5):
        items = []
        for _ in range(rng.randint(2, 4)):
            s = sentence(rng, 6, 12)
            total[0] += len(s.split())
            items.append([s])
        blocks.append(["ol", items])
    if rng.chance(0.2):
        lines = [rng.choice(CODE_LINES) for _ in range(rng.randint(1, 3))]
        blocks.append(["code", lines])
    blocks.append(["h3", heads[2]])
    while total[0] < goal - 25:
        blocks.append(para(25, max(26, min(80, goal - total[0]))))
        if total[0] < goal - 70 and rng.chance(0.3):
            blocks.append(["h3", heads[3]])
            heads[3] = rng.choice(HEADINGS) + " (continued)"

    holders = []
    for b in blocks:
        if b[0] == "p":
            holders.append(b[1])
        elif b[0] in ("ul", "ol"):
            holders.extend(b[1])
    for tid in targets:
        segs = holders[rng.below(len(holders))]
        pos = rng.randint(0, len(segs))
        if rng.chance(0.5):
            link = "[[%s|%s]]" % (tid, " ".join(words(rng, rng.randint(1, 3))))
        else:
            link = "[[%s]]" % tid
        segs.insert(pos, ("See %s." if rng.chance(0.5) else "Compare %s.") % link)

    out = []
    for kind, x in blocks:
        if kind == "p":
            out.append(" ".join(x))
        elif kind == "h2":
            out.append("## " + x)
        elif kind == "h3":
            out.append("### " + x)
        elif kind == "ul":
            out.append("\n".join("- " + " ".join(it) for it in x))
        elif kind == "ol":
            out.append("\n".join("%d. %s" % (i + 1, " ".join(it)) for i, it in enumerate(x)))
        elif kind == "quote":
            out.append("> " + " ".join(x))
        elif kind == "code":
            out.append("```text\n" + "\n".join(x) + "\n```")
    return "\n\n".join(out) + "\n"


# ---------------------------------------------------------------------------
# dates
# ---------------------------------------------------------------------------

D0 = datetime.date(2017, 1, 1).toordinal()
D1 = datetime.date(2024, 12, 31).toordinal()


def rand_day(rng):
    return datetime.date.fromordinal(rng.randint(D0, D1))


def event_date(rng):
    """Front-matter lines for an event's date (a list of 'key: value')."""
    d = rand_day(rng)
    r = rng.random()
    if r < 0.03:      # date-time with an offset, quoted or not
        sec = ":%02d" % rng.below(60) if rng.chance(0.5) else ""
        off = rng.choice(["Z", "+01:00", "-05:00", "-08:00", "+05:30"])
        v = "%sT%02d:%02d%s%s" % (d.isoformat(), rng.below(24), rng.below(60), sec, off)
        return ["date: " + (json.dumps(v) if rng.chance(0.5) else v)]
    if r < 0.06:      # approximate, day or month precision
        v = d.isoformat() if rng.chance(0.5) else d.isoformat()[:7]
        return ["date: " + v, "approximate: true"]
    if r < 0.08:      # a range with `end` (not before date), same precision
        if rng.chance(0.7):
            e = datetime.date.fromordinal(d.toordinal() + rng.randint(1, 45))
            return ["date: " + d.isoformat(), "end: " + e.isoformat()]
        y, m = d.year, d.month + rng.randint(1, 4)
        if m > 12:
            y, m = y + 1, m - 12
        return ["date: " + d.isoformat()[:7], "end: %04d-%02d" % (y, m)]
    if r < 0.18:      # month
        return ["date: " + d.isoformat()[:7]]
    if r < 0.23:      # year, unquoted (YAML reads an integer)
        return ["date: %d" % d.year]
    v = d.isoformat()  # day, quoted now and then
    return ["date: " + (json.dumps(v) if rng.chance(0.15) else v)]


# ---------------------------------------------------------------------------
# the site
# ---------------------------------------------------------------------------

def q(s):
    """Double-quoted YAML scalar (JSON strings are valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


def ids_field(rng, key, xs):
    """A relation field; a one-element list is sometimes a plain string."""
    if len(xs) == 1 and rng.chance(0.1):
        return "%s: %s" % (key, xs[0])
    return "%s: [%s]" % (key, ", ".join(xs))


def generate(n):
    """Return {relative path: file text} for a site of n events."""
    rng = Rng(SEED)
    ids = Ids()
    n_par, n_cla, n_src = max(n // 10, 5), max(n // 20, 5), max(n // 10, 5)

    # -- parties
    roles = ["plaintiff", "defendant", "court", "third-party", "other"]
    parties = []
    for i in range(n_par):
        role = roles[i] if i < 4 else rng.weighted(
            [("plaintiff", 3), ("defendant", 4), ("court", 1), ("third-party", 2), ("other", 1)])
        if role == "court":
            kind = "court"
            title = "U.S. District Court for the %s" % rng.choice(DISTRICTS)
        else:
            kind = rng.weighted([("person", 4), ("company", 4), ("government", 1),
                                 ("organization", 1), ("other", 0.3)])
            if kind == "person":
                title = "%s %s" % (rng.choice(GIVEN), rng.choice(FAMILY))
            elif kind == "company":
                title = "%s %s %s" % (rng.choice(FIRM_STEM), rng.choice(FIRM_KIND),
                                      rng.choice(FIRM_SUFFIX))
            elif kind == "government":
                title = rng.choice(AGENCIES)
            else:
                title = "%s %s" % (rng.choice(FIRM_STEM), rng.choice(ORGS))
        aliases = []
        for _ in range(rng.choice([0, 0, 1, 1, 2])):
            if kind == "person":
                aliases.append("%s. %s" % (rng.choice(GIVEN)[0], title.split()[-1]))
            else:
                aliases.append("".join(w[0] for w in title.split() if w[0].isupper())
                               + (str(len(aliases) + 1) if aliases else ""))
        pid = ids.make(title)
        fm = ["title: " + q(title), "kind: " + kind, "role: " + role]
        if len(aliases) == 1 and rng.chance(0.3):
            fm.append("aliases: " + q(aliases[0]))
        elif aliases:
            fm.append("aliases: [%s]" % ", ".join(q(a) for a in aliases))
        if kind in ("company", "organization") and rng.chance(0.5):
            fm.append("website: " + q("https://%s.example.com/" % pid))
        fm.append("summary: " + q(plain_sentence(rng, 10, 22)))
        parties.append({"id": pid, "role": role, "fm": fm, "dir": "parties", "title": title})

    # -- sources
    sources = []
    for i in range(n_src):
        kind = rng.weighted(SOURCE_KINDS)
        d = rand_day(rng)
        num = "%d-cv-%05d" % (d.year, rng.below(100000))
        title = "%s No. %s" % (DOC_WORDS[kind], num) if kind in ("filing", "order") else \
            "%s: %s" % (rng.choice(PUBLISHERS), plain_sentence(rng, 4, 9)[:-1])
        sid = ids.make("%s %s" % (DOC_WORDS[kind], num))
        fm = ["title: " + q(title), "kind: " + kind, "publisher: " + q(rng.choice(PUBLISHERS)),
              "url: " + q("https://records.example.org/%s" % sid),
              "date: " + (d.isoformat() if rng.chance(0.8) else d.isoformat()[:7])]
        if rng.chance(0.1):
            fm.append("language: de")
        sources.append({"id": sid, "fm": fm, "dir": "sources"})

    # -- claims
    src_ids = [s["id"] for s in sources]
    plaintiffs = [p["id"] for p in parties if p["role"] == "plaintiff"]
    defendants = [p["id"] for p in parties if p["role"] == "defendant"]
    title_of = {p["id"]: p["title"] for p in parties}
    claims = []
    for i in range(n_cla):
        basis = rng.choice(BASES)
        by = rng.sample(plaintiffs, rng.choice([1, 1, 2]))
        against = rng.sample(defendants, rng.choice([1, 1, 2]))
        cid = ids.make("%s %s" % (basis, against[0]))
        fm = ["title: " + q("%s claim against %s" % (basis, title_of[against[0]])),
              ids_field(rng, "by", by), ids_field(rng, "against", against),
              "basis: " + q(basis), "status: " + rng.choice(STATUSES),
              ids_field(rng, "sources", rng.sample(src_ids, rng.randint(1, 3))),
              "summary: " + q(plain_sentence(rng, 10, 22))]
        claims.append({"id": cid, "fm": fm, "dir": "claims"})

    # -- events
    par_ids = [p["id"] for p in parties]
    cla_ids = [c["id"] for c in claims]
    events = []
    for i in range(n):
        kind = rng.choice(EVENT_KINDS)
        date_lines = event_date(rng)
        # every party, claim and source is referred to by at least one event
        ps = [par_ids[i % n_par]] + rng.sample(par_ids, rng.randint(0, 3), exclude=[par_ids[i % n_par]])
        cs = ([cla_ids[i]] if i < n_cla else [])
        cs += rng.sample(cla_ids, rng.choice([0, 1, 1, 2]), exclude=cs)
        ss = [src_ids[i % n_src]] + rng.sample(src_ids, rng.randint(0, 2), exclude=[src_ids[i % n_src]])
        stamp = re.sub(r"[^0-9]", "", date_lines[0].split(":", 1)[1])[:8]
        eid = ids.make("%s %s %s" % (kind, ps[0].split("-")[0], stamp))
        fm = ["title: " + q("%s (%s)" % (kind, title_of[ps[0]]))] + date_lines
        fm.append(ids_field(rng, "parties", sorted(ps)))
        if cs:
            fm.append(ids_field(rng, "claims", sorted(cs)))
        fm.append(ids_field(rng, "sources", sorted(ss)))
        fm.append("summary: " + q(plain_sentence(rng, 12, 28)))
        events.append({"id": eid, "fm": fm, "dir": "events"})

    # -- bodies: 3-5 distinct links to other entities of any type
    every = parties + claims + sources + events
    all_ids = [e["id"] for e in every]
    files = {}
    for e in every:
        targets = rng.sample(all_ids, rng.randint(3, 5), exclude=[e["id"]])
        text = body(rng, targets, None)
        files["content/%s/%s.md" % (e["dir"], e["id"])] = \
            "---\n%s\n---\n\n%s" % ("\n".join(e["fm"]), text)

    title = "Synthetic case explainer (%d events)" % n
    files["content/index.md"] = "---\ntitle: %s\nsummary: %s\n---\n\n%s" % (
        q(title), q(plain_sentence(rng, 12, 20)),
        body(rng, par_ids[:3] + cla_ids[:1], None))
    files["casebook.yaml"] = "\n".join([
        "title: " + q(title),
        "description: " + q("A generated site of %d events for build benchmarks." % n),
        "language: en",
        "base_url: https://example.org/bench/",
        "case:",
        "  name: " + q("%s v. %s" % (title_of[par_ids[0]], title_of[par_ids[1]])),
        "  court: " + q("U.S. District Court for the %s" % DISTRICTS[0]),
        '  docket: "2:21-cv-00031"',
        "  status: " + q("Synthetic; generated by bench/gen.py"),
        "",
    ])
    return files, (n, n_par, n_cla, n_src)


def main(argv):
    if len(argv) != 3 or not argv[1].isdigit() or int(argv[1]) < 1:
        sys.stderr.write(__doc__)
        return 2
    n, out = int(argv[1]), argv[2]
    files, counts = generate(n)
    os.makedirs(out, exist_ok=True)
    if os.path.isdir(os.path.join(out, "content")):
        shutil.rmtree(os.path.join(out, "content"))
    digest = hashlib.sha256()
    for rel in sorted(files):
        path = os.path.join(out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        data = files[rel].encode("utf-8")
        with open(path, "wb") as f:
            f.write(data)
        digest.update(rel.encode() + b"\0" + data + b"\0")
    print("gen: N=%d events=%d parties=%d claims=%d sources=%d files=%d digest=%s -> %s"
          % (counts[0], counts[0], counts[1], counts[2], counts[3], len(files),
             digest.hexdigest()[:16], out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
