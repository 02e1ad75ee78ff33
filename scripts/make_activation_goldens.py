"""Golden values of every activation, computed once by PyTorch in float64.

Writes Tests/ActivationsTests/Fixtures/activation_goldens.json, which the ActivationsTests
target compares against. Never needed to build or test; re-run only when the catalogue grows.

Setup (any machine with Python 3.10+):
    python3 -m venv /tmp/torch-venv
    /tmp/torch-venv/bin/pip install torch numpy --index-url https://download.pytorch.org/whl/cpu
    /tmp/torch-venv/bin/python scripts/make_activation_goldens.py

Inputs cover the regimes the Keras tests sweep: tiny, +-large, random normal, and the kinks.
They are rounded to float32 first, so each golden is the exact float64 value at a float32
input. Cases marked "native": false are composed from torch ops (Keras-only functions); their
derivative at a kink is a convention of the composition, so the test skips those points.
"""
import json
import pathlib

import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
rng = np.random.default_rng(20240601)


def keras_relu(x, negative_slope=0.0, max_value=None, threshold=0.0):
    top = x if max_value is None else torch.clamp(x, max=max_value)
    return torch.where(x >= threshold, top, negative_slope * (x - threshold))


def sparsemax(x):
    z, _ = torch.sort(x, dim=-1, descending=True)
    k = torch.arange(1, x.shape[-1] + 1, dtype=x.dtype)
    cumulative = z.cumsum(-1)
    support = (1 + k * z) > cumulative
    kz = support.sum(-1, keepdim=True)
    tau = (cumulative.gather(-1, kz - 1) - 1) / kz
    return torch.clamp(x - tau, min=0)


def maxout(x, k):
    rows, cols = x.shape
    return x.reshape(rows, cols // k, k).max(-1).values


# (id, parameters, torch function, native torch op?, kinks)
CASES = [
    ("linear", {}, lambda x: x * 1, True, []),
    ("sigmoid", {}, torch.sigmoid, True, []),
    ("hard_sigmoid", {}, F.hardsigmoid, True, [-3, 3]),
    ("hard_sigmoid", {"legacy": 1}, lambda x: torch.clamp(0.2 * x + 0.5, 0, 1), False, [-2.5, 2.5]),
    ("log_sigmoid", {}, F.logsigmoid, True, []),
    ("sparse_sigmoid", {}, lambda x: torch.clamp((x + 1) / 2, 0, 1), False, [-1, 1]),
    ("tanh", {}, torch.tanh, True, []),
    ("hard_tanh", {}, F.hardtanh, True, [-1, 1]),
    ("hard_tanh", {"min_val": -2, "max_val": 0.5}, lambda x: F.hardtanh(x, -2, 0.5), True, [-2, 0.5]),
    ("tanh_shrink", {}, F.tanhshrink, True, []),
    ("softsign", {}, F.softsign, True, []),
    ("relu", {}, F.relu, True, [0]),
    ("relu", {"negative_slope": 0.1, "max_value": 6, "threshold": 0.5},
     lambda x: keras_relu(x, 0.1, 6, 0.5), False, [0.5, 6]),
    ("relu6", {}, F.relu6, True, [0, 6]),
    ("leaky_relu", {}, lambda x: F.leaky_relu(x, 0.3), True, [0]),
    ("leaky_relu", {"alpha": 0.01}, lambda x: F.leaky_relu(x, 0.01), True, [0]),
    ("prelu", {"alpha": 0.25}, lambda x: F.prelu(x, torch.tensor([0.25])), True, [0]),
    ("rrelu", {}, lambda x: F.rrelu(x, 1 / 8, 1 / 3, training=False), True, [0]),
    ("threshold", {"threshold": 1, "default_value": -2}, lambda x: F.threshold(x, 1.0, -2.0), True, [1]),
    ("elu", {}, F.elu, True, [0]),
    ("elu", {"alpha": 0.5}, lambda x: F.elu(x, 0.5), True, [0]),
    ("selu", {}, F.selu, True, [0]),
    ("celu", {"alpha": 0.5}, lambda x: F.celu(x, 0.5), True, [0]),
    ("gelu", {}, F.gelu, True, []),
    ("gelu", {"approximate": 1}, lambda x: F.gelu(x, approximate="tanh"), True, []),
    ("silu", {}, F.silu, True, []),
    ("silu", {"beta": 2}, lambda x: x * torch.sigmoid(2 * x), False, []),
    ("hard_silu", {}, F.hardswish, True, [-3, 3]),
    ("mish", {}, F.mish, True, []),
    ("softplus", {}, F.softplus, True, []),
    ("softplus", {"beta": 2, "threshold": 20}, lambda x: F.softplus(x, 2, 20), True, []),
    ("squareplus", {}, lambda x: (x + torch.sqrt(x * x + 4)) / 2, False, []),
    ("sparse_plus", {}, lambda x: torch.where(x <= -1, 0 * x, torch.where(x >= 1, x, (x + 1) ** 2 / 4)), False, [-1, 1]),
    ("soft_shrink", {}, F.softshrink, True, [-0.5, 0.5]),
    ("hard_shrink", {}, F.hardshrink, True, [-0.5, 0.5]),
    ("exponential", {}, torch.exp, True, []),
    ("softmax", {}, lambda x: F.softmax(x, dim=-1), True, []),
    ("log_softmax", {}, lambda x: F.log_softmax(x, dim=-1), True, []),
    ("softmin", {}, lambda x: F.softmin(x, dim=-1), True, []),
    ("sparsemax", {}, sparsemax, False, []),
    ("glu", {}, lambda x: F.glu(x, dim=-1), True, []),
    ("maxout", {"pieces": 3}, lambda x: maxout(x, 3), False, []),
]

ROWWISE = {"softmax", "log_softmax", "softmin", "sparsemax", "glu", "maxout"}
TINY = [0.0, 1e-30, -1e-30, 1e-7, -1e-7, 1e-3, -1e-3]
LARGE = [30.0, -30.0, 100.0, -100.0, 1e3, -1e3, 1e4, -1e4]


def inputs(name, kinks):
    if name in ROWWISE:
        rows = [rng.normal(size=12) * 3 for _ in range(4)]
        rows.append(np.linspace(-2, 2, 12))
        rows.append(1e3 + rng.normal(size=12))
        rows.append(np.array(TINY[:6] + [0.5, -0.5, 0.25, -0.25, 1e-5, -1e-5]))
        return np.stack(rows)
    # exp overflows past 88.7 in float32: keep e^x's large regime where the float is finite.
    large = [v for v in LARGE if name != "exponential" or v < 80]
    kink_points = [k + d for k in kinks for d in (0.0, 1e-4, -1e-4)]
    x = TINY + large + list(rng.normal(size=40) * 3) + kink_points
    return np.array(x)[None, :]


def main():
    out = []
    for name, params, fn, native, kinks in CASES:
        x = inputs(name, kinks).astype(np.float32).astype(np.float64)
        xt = torch.tensor(x, requires_grad=True)
        y = fn(xt)
        dy = torch.tensor(rng.normal(size=tuple(y.shape)).astype(np.float32).astype(np.float64))
        (dx,) = torch.autograd.grad(y, xt, dy)
        out.append({
            "name": name, "parameters": params, "native": native, "kinks": kinks,
            "rows": x.shape[0], "columns": x.shape[1],
            "x": x.ravel().tolist(), "y": y.detach().ravel().tolist(),
            "dy": dy.ravel().tolist(), "dx": dx.ravel().tolist(),
        })
    doc = {"generator": "scripts/make_activation_goldens.py", "torch": torch.__version__, "dtype": "float64", "cases": out}
    path = pathlib.Path(__file__).resolve().parent.parent / "Tests/ActivationsTests/Fixtures/activation_goldens.json"
    path.write_text(json.dumps(doc, indent=1) + "\n")
    print(f"wrote {len(out)} cases to {path}")


if __name__ == "__main__":
    main()
