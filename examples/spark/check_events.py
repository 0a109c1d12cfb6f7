"""Checks that the events of a Spark run (Parquet) equal those of a direct `attache code` run
(JSON Lines): the same multiset of events, compared field by field.

    python examples/spark/check_events.py direct.jsonl events.parquet

Exits 0 when they are equal and non-empty, 1 otherwise, printing the differences.
"""

import collections
import json
import sys

import pyarrow.parquet as pq


def without_nulls(value):
    """Spark's inferred schema gives every row every field, absent ones as null: compare
    events with null fields dropped on both sides."""
    if isinstance(value, dict):
        return {k: without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_nulls(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def canonical(event):
    return json.dumps(without_nulls(event), sort_keys=True, ensure_ascii=False)


def main(direct_path, parquet_path):
    with open(direct_path, encoding="utf-8") as f:
        direct = collections.Counter(canonical(json.loads(line)) for line in f if line.strip())
    table = pq.read_table(parquet_path)
    spark = collections.Counter(canonical(row) for row in table.to_pylist())
    print(f"direct run: {sum(direct.values())} event(s); Spark: {sum(spark.values())} event(s)")
    if not direct:
        print("FAIL: the direct run gave no events, nothing was compared")
        return 1
    if direct == spark:
        print("OK: the same events")
        return 0
    for label, extra in (("only in the direct run", direct - spark), ("only in Spark", spark - direct)):
        for event, n in list(extra.items())[:5]:
            print(f"FAIL {label} (x{n}): {event}")
    return 1


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
