#!/usr/bin/env python3
"""Watch latency: from an edit saved to the new bytes served.

Usage: latency.py CASEBOOK SITE [EDITS]

Copies SITE (a casebook site, e.g. the shared 10 000-event corpus) to a
temporary folder on tmpfs, starts `CASEBOOK watch` on the copy, and makes
EDITS (default 10) edits of each kind, one at a time:

  body   append a sentence to one event's body; done when its page, fetched
         over HTTP from the preview server, holds the sentence
  title  retitle one event; done when the timeline page holds the new title
         (the event page, its parties' and claims' pages and the lists are
         written in the same rebuild)
  new    add an event file; done when the timeline page holds its title

Each latency runs from the moment the file is written to the moment the
server returns the new bytes (polled every 2 ms; the timeline, 9 MB at 10 000
events, only once the event's own page shows the change). Between edits it
waits for the rebuild's report and a quiet 300 ms. Prints every latency and
the median of each kind. Python standard library only.
"""

import http.client
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time


def fetch(port, path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


class Watch:
    def __init__(self, casebook, root, port):
        self.lines = []
        self.proc = subprocess.Popen(
            [casebook, "watch", "--root", root, "--port", str(port)],
            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stderr:
            self.lines.append(line.rstrip("\n"))

    def count(self, prefix):
        return sum(1 for line in list(self.lines) if line.startswith(prefix))

    def wait_for(self, prefix, count, timeout=600):
        deadline = time.monotonic() + timeout
        while self.count(prefix) < count:
            if time.monotonic() > deadline or self.proc.poll() is not None:
                sys.exit("watch did not report %r:\n%s" % (prefix, "\n".join(self.lines)))
            time.sleep(0.01)

    def stop(self):
        self.proc.terminate()
        self.proc.wait()


def until_served(port, path, needle, timeout=60):
    deadline = time.monotonic() + timeout
    while True:
        status, body = fetch(port, path)
        if status == 200 and needle in body:
            return
        if time.monotonic() > deadline:
            sys.exit("%s never showed %r" % (path, needle))
        time.sleep(0.002)


def event_text(title, date, party):
    return "---\ntitle: %s\ndate: %s\nparties: [%s]\n---\n\nA new event.\n" % (title, date, party)


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    casebook, source = os.path.abspath(argv[1]), argv[2]
    edits = int(argv[3]) if len(argv) > 3 else 10
    port = 18000 + os.getpid() % 1000
    scratch = tempfile.mkdtemp(prefix="casebook-latency-", dir="/dev/shm")
    root = os.path.join(scratch, "site")
    try:
        shutil.copytree(source, root)
        events = sorted(os.listdir(os.path.join(root, "content/events")))
        parties = sorted(os.listdir(os.path.join(root, "content/parties")))
        watch = Watch(casebook, root, port)
        started = time.monotonic()
        watch.wait_for("serving ", 1)
        print("first build and start: %.1f s" % (time.monotonic() - started))
        results = {"body": [], "title": [], "new": []}
        for i in range(edits):
            for kind in results:
                event = events[(len(events) // 3 + 7 * i) % len(events)]
                ident = event[:-3]
                path = os.path.join(root, "content/events", event)
                page = "/events/%s/" % ident
                rebuilds = watch.count("rebuilt ")
                text = open(path, encoding="utf-8").read()
                if kind == "body":
                    marker = "One more sentence, number %d." % i
                    text = text.rstrip("\n") + "\n\n" + marker + "\n"
                    written = time.monotonic()
                    with open(path, "w", encoding="utf-8") as f:
                        f.write(text)
                    until_served(port, page, marker.encode())
                elif kind == "title":
                    marker = "Retitled event number %d" % i
                    lines = text.split("\n")
                    lines[1] = "title: " + marker
                    written = time.monotonic()
                    with open(path, "w", encoding="utf-8") as f:
                        f.write("\n".join(lines))
                    until_served(port, page, marker.encode())
                    until_served(port, "/timeline/", marker.encode())
                else:
                    marker = "Brand new event number %d" % i
                    ident = "brand-new-event-%d" % i
                    written = time.monotonic()
                    with open(os.path.join(root, "content/events", ident + ".md"), "w",
                              encoding="utf-8") as f:
                        f.write(event_text(marker, "2020-06-%02d" % (i % 28 + 1), parties[i % len(parties)][:-3]))
                    until_served(port, "/events/%s/" % ident, marker.encode())
                    until_served(port, "/timeline/", marker.encode())
                results[kind].append((time.monotonic() - written) * 1000)
                watch.wait_for("rebuilt ", rebuilds + 1)
                time.sleep(0.3)
        for kind, ms in results.items():
            print("%-5s median %4.0f ms  (min %.0f, max %.0f; each: %s)" % (
                kind, statistics.median(ms), min(ms), max(ms), ", ".join("%.0f" % x for x in ms)))
        reports = [line for line in watch.lines if line.startswith("rebuilt ")]
        print("the last rebuilds reported:\n  " + "\n  ".join(reports[-6:]))
        watch.stop()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
