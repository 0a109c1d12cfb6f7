"""Writes a small corpus of invented wire stories as JSON Lines, for the Spark test.

    python examples/spark/make_corpus.py 60 > corpus.jsonl

The stories are made up from a few templates (no real article is copied); the same count
always gives the same corpus.
"""

import json
import sys

COUNTRIES = [
    ("Indian", "India"),
    ("Chinese", "China"),
    ("Japanese", "Japan"),
    ("Australian", "Australia"),
    ("Norwegian", "Norway"),
    ("Swedish", "Sweden"),
    ("Russian", "Russia"),
    ("Ukrainian", "Ukraine"),
]

TEMPLATES = [
    "The {adj} foreign minister met his counterpart from {other} in the capital on Tuesday.",
    "{adj} officials visited {other} on Monday to discuss trade.",
    "{adj} forces attacked positions near the border with {other} on Sunday, officials said.",
    "The {adj} prime minister praised {other} for its help after the floods.",
    "{other} will host the {adj} president next month, the foreign ministry said.",
]


def story(i):
    adj, _ = COUNTRIES[i % len(COUNTRIES)]
    _, other = COUNTRIES[(i * 3 + 1) % len(COUNTRIES)]
    sentences = [TEMPLATES[(i + k) % len(TEMPLATES)].format(adj=adj, other=other) for k in range(1 + i % 3)]
    return {
        "id": f"story-{i:04d}",
        "url": f"https://news.example.org/{i}",
        "published": f"2024-03-{1 + i % 28:02d}",
        "title": None,
        "text": "\n\n".join(sentences),
    }


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    for i in range(n):
        print(json.dumps(story(i)))


if __name__ == "__main__":
    main()
