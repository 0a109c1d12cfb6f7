"""Code a JSON Lines corpus with attache on Spark and write the events as Parquet.

Each partition of the corpus is streamed through one `attache code --input-format jsonl -`
process with RDD.pipe: attache reads records from its stdin and writes one JSON event per
line to its stdout, so Spark only moves lines around and all the coding happens in Rust.

    PYSPARK_PYTHON=$VENV/bin/python $VENV/bin/python examples/spark/code_corpus.py \
        --master 'local[2]' --attache target/release/attache corpus.jsonl events.parquet

The attache binary must exist at the same path on every worker (or be shipped with
`spark-submit --files attache` and named `--attache ./attache`).
"""

import argparse
import os
import shlex

from pyspark.sql import SparkSession


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("corpus", help="JSON Lines corpus: {id, url, published, title, text|html} per line")
    p.add_argument("output", help="Parquet directory to write the events to")
    p.add_argument("--attache", default="attache", help="the attache binary on the workers")
    p.add_argument("--master", default=None, help="Spark master, e.g. local[2] (default: spark-submit's)")
    p.add_argument("--partitions", type=int, default=None, help="minimum number of partitions")
    p.add_argument(
        "--threads",
        type=int,
        default=1,
        help="coding threads per attache process (Spark already runs one process per core)",
    )
    p.add_argument(
        "--strict",
        action="store_true",
        help="fail the job when a record cannot be read (default: skip it; attache logs it on the "
        "executor's stderr)",
    )
    return p.parse_args()


def main():
    args = parse_args()
    builder = SparkSession.builder.appName("attache-code")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        binary = args.attache
        if os.path.sep in binary and not binary.startswith("." + os.path.sep):
            binary = os.path.abspath(binary)
        code = [binary, "code", "--input-format", "jsonl", "--threads", str(args.threads), "-"]
        if args.strict:
            command = shlex.join(code)
        else:
            # Exit 1 means some records were skipped (and reported); only 2 or a crash fails
            # the task. checkCode then makes Spark fail loudly instead of dropping a partition.
            command = shlex.join(
                ["sh", "-c", f'{shlex.join(code)}; rc=$?; [ "$rc" -le 1 ] || exit "$rc"']
            )
        sc = spark.sparkContext
        lines = sc.textFile(args.corpus, minPartitions=args.partitions)
        events = lines.pipe(command, checkCode=True)
        # Reading JSON infers the schema in one pass and builds the rows in another: keep the
        # piped events so attache runs once per partition.
        events.cache()
        frame = spark.read.json(events)
        frame.write.mode("overwrite").parquet(args.output)
        print(f"attache: {frame.count()} event(s) written to {args.output}")
        events.unpersist()
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
