"""Mean and standard deviation of test accuracy per activation over several `actlab compare` runs.

Usage: python3 scripts/seed_table.py runs/seeds/seed1/results.json runs/seeds/seed2/results.json ...
Each results.json is one seed's run of the same activations (e.g. scripts/actlab.sh compare
--activations relu,swiglu,relu2,snake,pau --depth 1 --seed N --out runs/seeds/seedN). Prints a
Markdown table: activation, depth, parameters, seeds, mean and sample standard deviation of the
test accuracy and loss, and the mean of each learned tensor's mean where the activation learns.
"""
import json
import statistics
import sys
from collections import defaultdict


def main(paths):
    runs = defaultdict(list)
    order = []
    for path in paths:
        with open(path) as f:
            doc = json.load(f)
        for r in doc["runs"]:
            key = (r["activation"], r["depth"])
            if key not in runs:
                order.append(key)
            runs[key].append(r)
    print("| activation | depth | parameters | seeds | test accuracy (mean ± sd) | test loss (mean ± sd) | s/epoch | learned (mean over seeds) |")
    print("|---|--:|--:|--:|--:|--:|--:|---|")
    for key in order:
        rs = runs[key]
        acc = [r["testAccuracy"] for r in rs]
        loss = [r["testLoss"] for r in rs]
        sd = lambda v: statistics.stdev(v) if len(v) > 1 else 0.0
        learned = defaultdict(list)
        for r in rs:
            for t in r.get("learnedParameters") or []:
                learned[t["name"]].append(t["mean"] if len(t["values"]) > 10 else t["values"])
        text = []
        for name, vals in learned.items():
            if isinstance(vals[0], list):
                text.append(f"{name} = " + " ".join(f"{statistics.mean(v[i] for v in vals):.3f}" for i in range(len(vals[0]))))
            else:
                text.append(f"{name} mean {statistics.mean(vals):.3f}")
        print(f"| {key[0]} | {key[1]} | {rs[0]['parameters']:,} | {len(rs)} | {statistics.mean(acc):.4f} ± {sd(acc):.4f} "
              f"| {statistics.mean(loss):.4f} ± {sd(loss):.4f} | {statistics.mean(r['secondsPerEpoch'] for r in rs):.1f} | {'; '.join(text) or '-'} |")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: seed_table.py results.json [results.json ...]")
    main(sys.argv[1:])
