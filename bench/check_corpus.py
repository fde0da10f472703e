#!/usr/bin/env python3
"""Check a corpus written by gen.py (standard library only).

Usage: check_corpus.py SITE_DIR [N]

Checks: the entity counts (when N is given), ids (file stems) unique across
the site and matching ^[a-z0-9]+(-[a-z0-9]+)*$, every relation field naming
ids of the right type, every [[id]] / [[id|text]] outside code blocks
resolving, [[not-a-link]] appearing only inside fenced code blocks, event
dates well-formed and valid (end not before date), and every body having
300-500 words (gen.count_words).  Prints a short profile of the corpus and
exits 1 on any problem.

The front matter is parsed with a tiny reader for the subset gen.py writes
(key: scalar | "string" | [a, b]), not a general YAML parser.
"""

import collections
import datetime
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen  # noqa: E402

TYPES = {"parties": "party", "claims": "claim", "events": "event", "sources": "source"}
RELATIONS = {  # type -> field -> required target type
    "claim": {"by": "party", "against": "party", "sources": "source"},
    "event": {"parties": "party", "claims": "claim", "sources": "source"},
}
KEYS = {
    "party": {"title", "summary", "kind", "role", "aliases", "website"},
    "claim": {"title", "summary", "by", "against", "basis", "status", "sources"},
    "event": {"title", "summary", "date", "end", "approximate", "parties", "claims", "sources"},
    "source": {"title", "summary", "publisher", "url", "date", "kind", "language"},
    "index": {"title", "summary"},
}
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?"
                     r"(Z|[+-]\d{2}:\d{2})?)?)?)?$")
LINK_RE = re.compile(r"\[\[([^\]|#]+)(?:#[^\]|]+)?(?:\|[^\]]+)?\]\]")


def parse(text):
    lines = text.split("\n")
    assert lines[0] == "---", "no opening ---"
    end = lines.index("---", 1)
    fm = {}
    for ln in lines[1:end]:
        k, _, v = ln.partition(":")
        v = v.strip()
        if v.startswith("["):
            v = [x.strip().strip('"') for x in v[1:-1].split(",") if x.strip()]
        elif v.startswith('"'):
            v = json.loads(v)
        fm[k.strip()] = v
    return fm, "\n".join(lines[end + 1:]), end + 1


def date_kind(v):
    m = DATE_RE.match(v)
    if not m:
        return None
    y, mo, d, hh, mi, ss, off = m.groups()
    try:
        if d:
            datetime.date(int(y), int(mo), int(d))
        elif mo and not 1 <= int(mo) <= 12:
            return None
        if hh and (int(hh) > 23 or int(mi) > 59 or (ss and int(ss) > 59)):
            return None
    except ValueError:
        return None
    if hh:
        return "datetime" + ("+offset" if off else "")
    return "day" if d else "month" if mo else "year"


def main(argv):
    if len(argv) not in (2, 3):
        sys.stderr.write(__doc__)
        return 2
    root = argv[1]
    errors = []
    ents = {}  # id -> (type, fm, body, path)
    for d, t in TYPES.items():
        folder = os.path.join(root, "content", d)
        for name in sorted(os.listdir(folder)):
            path = os.path.join(folder, name)
            stem = name[:-3]
            if not name.endswith(".md") or not gen.ID_RE.match(stem):
                errors.append("%s: bad id" % path)
            if stem in ents:
                errors.append("%s: duplicate id (also %s)" % (path, ents[stem][3]))
            with open(path, encoding="utf-8") as f:
                fm, body, _ = parse(f.read())
            ents[stem] = (t, fm, body, path)
    with open(os.path.join(root, "content", "index.md"), encoding="utf-8") as f:
        fm, body, _ = parse(f.read())
    pages = list(ents.items()) + [("index", ("index", fm, body, "content/index.md"))]

    counts = collections.Counter(t for t, *_ in ents.values())
    if len(argv) == 3:
        n = int(argv[2])
        want = {"event": n, "party": max(n // 10, 5), "claim": max(n // 20, 5),
                "source": max(n // 10, 5)}
        for t, w in want.items():
            if counts[t] != w:
                errors.append("%d %s entities, expected %d" % (counts[t], t, w))

    dates = collections.Counter()
    wcount = []
    nlinks = collections.Counter()
    referred = set()
    code_blocks = 0
    for eid, (t, fm, body, path) in pages:
        for k in fm:
            if k not in KEYS[t]:
                errors.append("%s: unknown key %r" % (path, k))
        if "title" not in fm:
            errors.append("%s: no title" % path)
        for field, want in RELATIONS.get(t, {}).items():
            v = fm.get(field, [])
            for x in ([v] if isinstance(v, str) else v):
                if x not in ents:
                    errors.append("%s: %s: unknown id %r" % (path, field, x))
                elif ents[x][0] != want:
                    errors.append("%s: %s: %r is a %s" % (path, field, x, ents[x][0]))
                else:
                    referred.add(x)
        if t == "claim" and not fm.get("by"):
            errors.append("%s: claim without by" % path)
        if t == "event":
            k = date_kind(fm.get("date", ""))
            if not k:
                errors.append("%s: bad date %r" % (path, fm.get("date")))
            label = k or "bad"
            if "end" in fm:
                ke = date_kind(fm["end"])
                if not ke or fm["end"] < fm["date"]:
                    errors.append("%s: bad end %r" % (path, fm["end"]))
                label += " range"
            if fm.get("approximate") == "true":
                label += " approximate"
            dates[label] += 1
        # links, outside fenced code
        in_code = False
        n_here = 0
        for ln in body.split("\n"):
            if ln.startswith("```"):
                in_code = not in_code
                code_blocks += in_code
                continue
            if in_code:
                continue
            for m in LINK_RE.finditer(ln):
                tid = m.group(1)
                n_here += 1
                nlinks["custom text" if "|" in m.group(0) else "plain"] += 1
                if tid not in ents:
                    errors.append("%s: unresolved link [[%s]]" % (path, tid))
                elif tid == eid:
                    errors.append("%s: links to itself" % path)
        if in_code:
            errors.append("%s: unclosed code fence" % path)
        if not 3 <= n_here <= 5:
            errors.append("%s: %d links (want 3-5)" % (path, n_here))
        if "##" not in body or "\n> " not in body:
            errors.append("%s: body lacks a heading or blockquote" % path)
        w = gen.count_words(body)
        wcount.append(w)
        if not gen.WORDS_MIN <= w <= gen.WORDS_MAX:
            errors.append("%s: %d words" % (path, w))
    unref = sorted(eid for eid, (t, *_r) in ents.items() if t != "event" and eid not in referred)
    if unref:  # gen.py names every one from some event once N >= 50
        (errors.append if counts["event"] >= 50 else print)(
            "%d parties/claims/sources named by no relation, e.g. %s" % (len(unref), unref[0]))

    n_ev = counts["event"] or 1
    print("entities: %s (total %d + index)" % (dict(sorted(counts.items())), len(ents)))
    print("event dates: " + ", ".join("%s %d (%.1f%%)" % (k, v, 100.0 * v / n_ev)
                                      for k, v in sorted(dates.items(), key=lambda kv: -kv[1])))
    print("links: %s; fenced code blocks: %d" % (dict(nlinks), code_blocks))
    print("words per body: min %d, median %d, max %d, total %d"
          % (min(wcount), sorted(wcount)[len(wcount) // 2], max(wcount), sum(wcount)))
    for e in errors[:30]:
        print("ERROR " + e)
    if errors:
        print("%d errors" % len(errors))
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
