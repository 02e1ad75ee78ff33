#!/usr/bin/env python3
"""Cross-checks ActivationLab's safetensors model files against Python's `safetensors` package.

A Swift test writes a small Dense model (model.json + model.safetensors), inputs x and our
predictions y (probe.safetensors); this script reads the weights with safetensors.numpy, runs
the same forward pass in NumPy from the architecture JSON, and compares.

    python3 -m venv .venv && .venv/bin/pip install safetensors numpy
    .venv/bin/python scripts/crosscheck_safetensors.py            # runs the Swift test first
    .venv/bin/python scripts/crosscheck_safetensors.py DIR        # files already in DIR
"""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
from safetensors.numpy import load_file

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


def main():
    if len(sys.argv) > 1:
        directory = sys.argv[1]
    else:
        directory = tempfile.mkdtemp(prefix="actlab-crosscheck-")
        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        subprocess.run(["swift", "test", "--filter", "SafetensorsCrossCheckTests"], cwd=root, check=True,
                       env=dict(os.environ, ACTLAB_CROSSCHECK_DIR=directory), stdout=subprocess.DEVNULL)
    ours, swift, names = predict(directory)
    err = np.abs(ours - swift).max()
    print(f"tensors read by safetensors {__import__('safetensors').__version__}: {', '.join(names)}")
    print(f"predictions {swift.shape}: max |numpy(float64) - actlab(float32)| = {err:.3g}")
    if not err < 1e-5:
        sys.exit("MISMATCH")
    print("OK")


if __name__ == "__main__":
    main()
