#!/usr/bin/env python3
"""Cross-checks ActivationLab's safetensors model files against Python's `safetensors` package.

A Swift test writes a small Dense model (model.json + model.safetensors), inputs x and our
predictions y (probe.safetensors); this script reads the weights with safetensors.numpy, runs
the same forward pass in NumPy from the architecture JSON, and compares. The other way round,
the script writes F16/F32/F64 tensors with safetensors.numpy, the test reads them and writes
them back as F32, and the script checks every value.

    python3 -m venv .venv && .venv/bin/pip install safetensors numpy
    .venv/bin/python scripts/crosscheck_safetensors.py            # runs the Swift test first
    .venv/bin/python scripts/crosscheck_safetensors.py DIR        # files already in DIR
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np
from safetensors.numpy import load_file, save_file

ACTIVATIONS = {
    "linear": lambda z: z,
    "relu": lambda z: np.maximum(z, 0),
    "tanh": np.tanh,
    "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
    "softmax": lambda z: np.exp(z - z.max(axis=1, keepdims=True)) / np.exp(z - z.max(axis=1, keepdims=True)).sum(axis=1, keepdims=True),
}


def predict(directory):
    with open(os.path.join(directory, "model.json")) as f:
        arch = json.load(f)
    assert arch["format"] == "activationlab-model" and arch["version"] == 3, arch.get("version")
    weights = load_file(os.path.join(directory, arch["weights_file"]))
    probe = load_file(os.path.join(directory, "probe.safetensors"))
    h = probe["x"].astype(np.float64)
    for layer in arch["layers"]:
        assert layer["type"] == "Dense", layer["type"]
        kernel = weights[layer["name"] + "/kernel"].astype(np.float64)
        bias = weights[layer["name"] + "/bias"].astype(np.float64)
        assert kernel.shape == (h.shape[1], layer["config"]["units"]), kernel.shape
        activation = layer["config"]["activation"]
        h = ACTIVATIONS[activation["id"]](h @ kernel + bias)
    return h, probe["y"], sorted(weights)


def python_tensors():
    rng = np.random.default_rng(3)
    return {
        "half": rng.normal(size=(3, 5)).astype(np.float16),
        "single": rng.normal(size=(2, 2, 3)).astype(np.float32),
        "double": (rng.normal(size=(7,)) * 1e3).astype(np.float64),
        "scalar": np.array(2.5, dtype=np.float32),
        "empty": np.zeros((0, 4), dtype=np.float16),
    }


def main():
    sent = python_tensors()
    if len(sys.argv) > 1:
        directory = sys.argv[1]
    else:
        directory = tempfile.mkdtemp(prefix="actlab-crosscheck-")
        save_file(sent, os.path.join(directory, "from_python.safetensors"), metadata={"by": "python"})
        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        run = subprocess.run(["swift", "test", "--filter", "SafetensorsCrossCheckTests"], cwd=root,
                             env=dict(os.environ, ACTLAB_CROSSCHECK_DIR=directory), capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(run.stdout[-3000:] + run.stderr[-3000:])
    ours, swift, names = predict(directory)
    err = np.abs(ours - swift).max()
    print(f"tensors read by safetensors {__import__('safetensors').__version__}: {', '.join(names)}")
    print(f"predictions {swift.shape}: max |numpy(float64) - actlab(float32)| = {err:.3g}")
    ok = err < 1e-5
    back_path = os.path.join(directory, "from_python_f32.safetensors")
    if os.path.exists(back_path):
        back = load_file(back_path)
        for name, value in sent.items():
            same = back[name].dtype == np.float32 and back[name].shape == value.shape and \
                np.array_equal(back[name], value.astype(np.float32))
            print(f"{name} {value.dtype} {value.shape}: read by actlab and written back as F32 {'exactly' if same else 'DIFFERENT'}")
            ok = ok and same
    if len(sys.argv) == 1:
        shutil.rmtree(directory)
    if not ok:
        sys.exit("MISMATCH")
    print("OK")


if __name__ == "__main__":
    main()
