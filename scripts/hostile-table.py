#!/usr/bin/env python3
"""Feeds actlab bad command lines and prints a Markdown table of what each one produced.

Usage: python3 scripts/hostile-table.py [path/to/actlab] > hostile-table.md
(default binary: .build/debug/actlab; build it first with `swift build`).
"""
import gzip, os, shutil, signal, struct, subprocess, sys, tempfile, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, ".build/debug/actlab")
scratch = tempfile.mkdtemp(prefix="actlab-hostile-")


def mnist_subset(name, train, test):
    """The first `train`/`test` digits of data/mnist as raw IDX files."""
    folder = os.path.join(scratch, name)
    os.makedirs(folder)
    for prefix, count in (("train", train), ("t10k", test)):
        with gzip.open(os.path.join(root, "data/mnist", prefix + "-images-idx3-ubyte.gz")) as f:
            images = f.read()[16:16 + count * 784]
        with gzip.open(os.path.join(root, "data/mnist", prefix + "-labels-idx1-ubyte.gz")) as f:
            labels = f.read()[8:8 + count]
        with open(os.path.join(folder, prefix + "-images-idx3-ubyte"), "wb") as f:
            f.write(bytes([0, 0, 8, 3]) + struct.pack(">III", count, 28, 28) + images)
        with open(os.path.join(folder, prefix + "-labels-idx1-ubyte"), "wb") as f:
            f.write(bytes([0, 0, 8, 1]) + struct.pack(">I", count) + labels)
    return folder


data = mnist_subset("mnist", 64, 32)
empty = mnist_subset("empty", 0, 0)
with open(os.path.join(scratch, "garbage.model.json"), "w") as f:
    f.write('{"format": ')
os.makedirs(os.path.join(scratch, "full-run"))
open(os.path.join(scratch, "full-run", "results.md"), "w").close()
quick = ["--data", data, "--quiet", "--out", os.path.join(scratch, "never")]
odd = os.fsencode(scratch) + b"/caf\xe9\xff"

# (arguments, where standard output goes: "file", "full" (/dev/full), "pipe" (closed pipe), "closed" (no fd 1))
cases = [
    (["summary", "--units", "9223372036854775807"], "file"),
    (["summary", "--depth", "0"], "file"),
    (["summary", "--depth", "1000000"], "file"),
    (["summary", "--activation", "sigmod"], "file"),
    (["summary", "--activation", ""], "file"),
    (["compare", "--units", "1000000000"] + quick, "file"),
    (["compare", "--units", "9223372036854775807"] + quick, "file"),
    (["compare", "--units", "0"] + quick, "file"),
    (["compare", "--units", "many"] + quick, "file"),
    (["compare", "--batch-size", "99999999999999999999"] + quick, "file"),
    (["compare", "--batch-size", "-128"] + quick, "file"),
    (["compare", "--tensorboard", ""] + quick, "file"),
    (["compare", "--tensorboard", os.path.join(data, "train-images-idx3-ubyte")] + quick, "file"),
    (["depth", "--tensorboard", ""] + quick, "file"),
    (["depth", "--depth", "0"] + quick, "file"),
    (["depth", "--activations", "relux"] + quick, "file"),
    (["depth", "--epochs", "-2"] + quick, "file"),
    (["compare", "--epochs", "-1"] + quick, "file"),
    (["compare", "--epochs", "0"] + quick, "file"),
    (["compare", "--epochs", ""] + quick, "file"),
    (["compare", "--epochs", "1e3"] + quick, "file"),
    (["compare", "--epochs", "9223372036854775807"] + quick, "file"),
    (["compare", "--depth", "0"] + quick, "file"),
    (["compare", "--depth", "1,-6"] + quick, "file"),
    (["compare", "--depth", ","] + quick, "file"),
    (["compare", "--depth", "2000"] + quick, "file"),
    (["compare", "--learning-rate", "inf"] + quick, "file"),
    (["compare", "--learning-rate", "1e40"] + quick, "file"),
    (["compare", "--learning-rate", "nan"] + quick, "file"),
    (["compare", "--learning-rate", "1e-50"] + quick, "file"),
    (["compare", "--learning-rate", "-0.001"] + quick, "file"),
    (["compare", "--learning-rate", "0"] + quick, "file"),
    (["compare", "--seed", "-1"] + quick, "file"),
    (["compare", "--seed", "18446744073709551616"] + quick, "file"),
    (["compare", "--limit-train", "0"] + quick, "file"),
    (["compare", "--task", "cifar"] + quick, "file"),
    (["compare", "--seeds", "0"] + quick, "file"),
    (["compare", "--seeds", "ten"] + quick, "file"),
    (["compare", "--seeds", "99999999999"] + quick, "file"),
    (["compare", "--seed", "18446744073709551615", "--seeds", "2"] + quick, "file"),
    (["compare", "--task", "synthetic", "--depth", "3"] + quick, "file"),
    (["compare", "--task", "synthetic", "--optimizer", "sgd"] + quick, "file"),
    (["compare", "--task", "synthetic", "--units", "9223372036854775807"] + quick, "file"),
    (["compare", "--activations", ""] + quick, "file"),
    (["compare", "--activations", "relux"] + quick, "file"),
    (["compare", "--activations", "x * (1 +)"] + quick, "file"),
    (["compare", "--optimizer", "adamw"] + quick, "file"),
    (["compare", "--rmsprop-epsilon", "middle"] + quick, "file"),
    (["compare", "--data", data, "--quiet", "--out", ""], "file"),
    (["compare", "--data", data, "--quiet", "--out", os.path.join(scratch, "full-run")], "file"),
    (["compare", "--data", data, "--quiet", "--out", os.path.join(scratch, "garbage.model.json")], "file"),
    (["compare", "--data", data, "--quiet", "--out", "/proc/actlab/out"], "file"),
    (["compare", "--data", "/nonexistent", "--quiet", "--out", os.path.join(scratch, "never")], "file"),
    (["compare", "--data", empty, "--quiet", "--out", os.path.join(scratch, "never")], "file"),
    (["compare", "--bogus"], "file"),
    (["compare", "--data", data, "--quiet", "--units", "8", "--epochs", "1", "--activations", "relu", "--out", os.path.join(scratch, "ran")], "full"),
    (["evaluate", "--model", os.path.join(scratch, "none.model.json")], "file"),
    (["evaluate", "--model", ""], "file"),
    (["evaluate", "--model", os.path.join(scratch, "garbage.model.json")], "file"),
    (["evaluate", "--model", data], "file"),
    (["evaluate"], "file"),
    ([b"evaluate", b"--model", odd], "file"),
    ([b"compare", b"--data", data.encode(), b"--quiet", b"--out", odd], "file"),
    (["compare", "--data", data, "--quiet", "--force", "--out", "."], "file"),
    (["compare", "--data", data, "--quiet", "--force", "--out", data], "file"),
    (["show", "relu", "--param", "max_value=1e39"], "file"),
    (["show", "(" * 20000 + "x" + ")" * 20000], "file"),
    (["compare", "--activations", "relu,x" + "*x" * 30000] + quick, "file"),
    (["plot", "x\n+ 1"], "file"),
    (["plot"] + ["relu"] * 30, "file"),
    (["plot"] + ["relu"] * 5000, "file"),
    (["bench", "mlp", "--configs", "99999999999999999999:adam", "--data", data], "file"),
    (["bench", "mlp", "--configs", "0:adam", "--data", data], "file"),
    (["bench", "mlp", "--configs", "128:adamw", "--data", data], "file"),
    (["bench", "mlp", "--configs", "128", "--data", data], "file"),
    (["bench", "mlp", "--configs", "", "--data", data], "file"),
    (["bench", "mlp", "--epochs", "-3", "--data", data], "file"),
    (["bench", "mlp", "--data", empty, "--epochs", "1"], "file"),
    (["bench", "activations", "--elements", "1000000000000"], "file"),
    (["bench", "activations", "--elements", "9223372036854775807"], "file"),
    (["bench", "activations", "--elements", "-1"], "file"),
    (["bench", "activations", "--repeats", "0"], "file"),
    (["bench", "activations", "--repeats", "1000000000"], "file"),
    (["bench", "activations", "--columns", "3"], "file"),
    (["bench", "activations", "--elements", "1024", "--repeats", "1", "--columns", "1"], "full"),
    (["show", "sigmod"], "file"),
    (["show", ""], "file"),
    (["show", "relu", "--param", "negative_slope=nan"], "file"),
    (["show", "relu", "--param", "=1"], "file"),
    (["show", "relu", "--out", ""], "file"),
    (["show", "relu", "--out", "/proc/actlab"], "file"),
    (["show", "relu", "--out", os.path.join(scratch, "charts")], "full"),
    (["plot", "relu", "--range", "nan,1"], "file"),
    (["plot", "relu", "--range", "1,1"], "file"),
    (["plot", "relu", "--out", "chart.png"], "file"),
    (["plot"], "file"),
    (["list", "extra"], "file"),
    (["list"], "full"),
    (["list"], "pipe"),
    (["list"], "closed"),
    (["summary"], "pipe"),
    (["--help"], "full"),
]


def run(arguments, output):
    args = [binary] + [a if isinstance(a, bytes) else a.encode() for a in arguments]
    stdout, close_fds = subprocess.DEVNULL, True
    extra = {}
    if output == "full":
        stdout = open("/dev/full", "wb")
    elif output == "pipe":
        r, w = os.pipe()
        os.close(r)
        stdout = w
    elif output == "closed":
        extra["preexec_fn"] = lambda: os.close(1)
    start = time.time()
    p = subprocess.run(args, stdout=stdout, stderr=subprocess.PIPE, timeout=30, **extra)
    if output == "pipe":
        os.close(stdout)
    return p.returncode, p.stderr.decode("utf-8", "replace"), time.time() - start


def cell(text):
    return text.replace("|", "\\|").replace("\n", "⏎ ").strip()


print("| # | command line | stdout | exit | stderr lines | seconds | message |")
print("|---|---|---|---|---|---|---|")
for i, (arguments, output) in enumerate(cases, 1):
    status, err, seconds = run(arguments, output)
    shown = " ".join(repr(a)[1:] if isinstance(a, bytes) else (a if a and " " not in a and "\n" not in a else repr(a)) for a in arguments)
    if len(shown) > 160:
        shown = shown[:100] + f"... ({len(shown):,} characters)"
    shown = shown.replace(scratch, "$TMP")
    exit_text = f"signal {-status}" if status < 0 else str(status)
    lines = len([l for l in err.split("\n") if l])
    print(f"| {i} | `actlab {cell(shown)}` | {output} | {exit_text} | {lines} | {seconds:.2f} | {cell(err.replace(scratch, '$TMP'))} |")
shutil.rmtree(scratch, ignore_errors=True)
