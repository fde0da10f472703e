#!/usr/bin/env python3
"""Hostile inputs: each must take time linear in its size.

Usage: bench/pathological.py [CASEBOOK_BINARY] [SCALE] [CASE...]

Writes one small site per case into a temporary folder, times
`casebook check` on it (wall clock, one run each; the point is the order of
growth, not the last millisecond), and prints a Markdown table. SCALE
(default 1.0) multiplies every size, so `0.5` and `1.0` side by side show
whether a case grows linearly: its time should roughly double, not quadruple.
Naming cases runs only those. CASE_TIMEOUT=S (default 300) stops a case
after S seconds and reports it as "> S".

The cases come from the adversarial audit of issue 13:
  wiki-one-line     200 000 `[[aws]]` on one line of a body
  wiki-per-line     the same references, one per line (the linear reference)
  links-one-line    a 5 MB line of Markdown links to a content file
  unclosed-wiki     200 000 `[[` on one line, none closed (each is an error)
  nested-brackets   200 000 `[[` and one `]]` at the end of the line
  unknown-keys      200 000 unknown front-matter keys (each is an error)

A case whose content has errors is expected to exit 1; anything else that is
not 0 or 1 is reported as a failure.
"""

import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_BINARY = os.path.join(HERE, "..", "target", "release", "casebook")

FRONT = "---\ntitle: Suit\ndate: 2021-01-11\nparties: [aws]\n---\n\n"


def cases(scale):
    n = int(200_000 * scale)
    link = "[AWS](../parties/aws.md) "
    links = int(5_000_000 * scale) // len(link)
    keys = "".join(f"unknown{i}: {i}\n" for i in range(n))
    return [
        ("wiki-one-line", FRONT + "[[aws]] " * n + "\n", 0),
        ("wiki-per-line", FRONT + "[[aws]]\n" * n, 0),
        ("links-one-line", FRONT + link * links + "\n", 0),
        ("unclosed-wiki", FRONT + "[[a " * n + "\n", 1),
        ("nested-brackets", FRONT + "[[" * n + "aws]]\n", 0),
        ("unknown-keys", "---\ntitle: Suit\ndate: 2021-01-11\n" + keys + "---\n", 1),
    ]


def write_site(root, event_text):
    files = {
        "casebook.yaml": "title: Pathological\nlanguage: en\n",
        "content/index.md": "---\ntitle: Overview\n---\n\n[[aws]]\n",
        "content/parties/aws.md": "---\ntitle: AWS\nkind: company\nrole: defendant\n---\n",
        "content/events/suit.md": event_text,
    }
    for relative, text in files.items():
        path = os.path.join(root, relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)


def main():
    binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_BINARY)
    scale = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
    if not os.access(binary, os.X_OK):
        sys.exit(f"pathological.py: no casebook binary at {binary} (cargo build --release)")
    print(f"casebook: {binary}, scale {scale}\n")
    print("| case | input | exit | seconds |")
    print("|---|---:|---:|---:|")
    failed = False
    chosen = set(sys.argv[3:])
    timeout = float(os.environ.get("CASE_TIMEOUT", "300"))
    for name, text, expected in cases(scale):
        if chosen and name not in chosen:
            continue
        with tempfile.TemporaryDirectory(prefix="casebook-pathological-") as root:
            write_site(root, text)
            started = time.perf_counter()
            try:
                run = subprocess.run(
                    [binary, "check", "--root", root],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    timeout=timeout,
                )
                code, seconds = run.returncode, f"{time.perf_counter() - started:.2f}"
            except subprocess.TimeoutExpired:
                code, seconds = "-", f"> {timeout:.0f}"
        size = f"{len(text.encode()) / 1e6:.1f} MB"
        print(f"| {name} | {size} | {code} | {seconds} |", flush=True)
        failed |= code != expected
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
