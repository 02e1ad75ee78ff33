"""Golden values of the second catalogue (gated units, learnable and recent activations) in NumPy float64.

Writes Tests/ActivationsTests/Fixtures/catalogue2_goldens.json, which GoldenTests reads next to
activation_goldens.json. Never needed to build or test; re-run only when these functions change.

Setup (any machine with Python 3.10+):
    python3 -m venv .venv-goldens
    .venv-goldens/bin/pip install numpy
    .venv-goldens/bin/python scripts/make_catalogue2_goldens.py

Each function is written from its paper or reference implementation, not from the Swift code:
  swiglu/geglu/reglu/bilinear  Shazeer 2020: x.chunk(2) -> a * gate(b), as glu (gate on the second half)
  xielu      HF transformers' XIELUActivation forward with eps = 0 (effective alpha_p, alpha_n, beta)
  star_relu  timm / MetaFormer StarReLU: scale * relu(x)^2 + bias
  snake      BigVGAN Snake: x + sin(alpha x)^2 / alpha
  pau        ml-research/pau PADEACTIVATION_F_python: P(x) / (1 + sum |b_k| |x|^k), leaky-relu init
  srelu      Jin et al. 2016 piecewise form; acon_c Ma et al. 2021; isru/isrlu Carlile et al. 2017
The derivative dx = dy * f'(x) comes from a hand-written f' per function, checked here against
a central difference of f before anything is written. Inputs are float32-rounded first.
"""
import json
import math
import pathlib

import numpy as np

rng = np.random.default_rng(20241129)
erf = np.vectorize(math.erf)


def sigmoid(x):
    return np.where(x >= 0, 1 / (1 + np.exp(-np.abs(x))), np.exp(-np.abs(x)) / (1 + np.exp(-np.abs(x))))


def phi_cdf(x):
    return 0.5 * (1 + erf(x / math.sqrt(2)))


def phi_pdf(x):
    return np.exp(-x * x / 2) / math.sqrt(2 * math.pi)


GATES = {
    "swiglu": (lambda b: b * sigmoid(b), lambda b: sigmoid(b) + b * sigmoid(b) * (1 - sigmoid(b))),
    "geglu": (lambda b: b * phi_cdf(b), lambda b: phi_cdf(b) + b * phi_pdf(b)),
    "reglu": (lambda b: np.maximum(b, 0), lambda b: (b > 0).astype(float)),
    "bilinear": (lambda b: b, lambda b: np.ones_like(b)),
}


def xielu(ap=0.8, an=0.8, beta=0.5):
    f = lambda x: np.where(x > 0, ap * x * x + beta * x, (np.expm1(np.minimum(x, 0.0)) - x) * an + beta * x)
    d = lambda x: np.where(x > 0, 2 * ap * x + beta, an * np.expm1(np.minimum(x, 0.0)) + beta)
    return f, d


def srelu(tl=0.0, al=0.2, tr=2.5, ar=1.0):
    f = lambda x: np.where(x >= tr, tr + ar * (x - tr), np.where(x <= tl, tl + al * (x - tl), x))
    d = lambda x: np.where(x > tr, ar, np.where(x < tl, al, 1.0))
    return f, d


def acon_c(p1=1.0, p2=0.0, beta=1.0):
    dp = p1 - p2
    f = lambda x: dp * x * sigmoid(beta * dp * x) + p2 * x
    def d(x):
        s = sigmoid(beta * dp * x)
        return dp * s + dp * x * s * (1 - s) * beta * dp + p2
    return f, d


PAU_A = [3.35583603e-02, 5.05000375e-01, 1.65343934e+00, 2.01001052e+00, 9.31901999e-01, 1.52424124e-01]
PAU_B = [3.30847488e-06, 3.98021568e+00, 5.12471206e-07, 3.01830109e-01]


def pau():
    a = np.array(PAU_A, dtype=np.float32).astype(np.float64)  # the layer stores float32 coefficients
    b = np.abs(np.array(PAU_B, dtype=np.float32).astype(np.float64))
    P = lambda x: sum(a[k] * x ** k for k in range(6))
    Q = lambda x: 1 + sum(b[k - 1] * np.abs(x) ** k for k in range(1, 5))
    dP = lambda x: sum(k * a[k] * x ** (k - 1) for k in range(1, 6))
    dQ = lambda x: np.sign(x) * sum(k * b[k - 1] * np.abs(x) ** (k - 1) for k in range(1, 5))
    f = lambda x: P(x) / Q(x)
    d = lambda x: (dP(x) * Q(x) - P(x) * dQ(x)) / Q(x) ** 2
    return f, d


def f32(v):
    return float(np.float32(v))


# (id, parameters, f, f', kinks); parameters as the Swift registry names them.
ELEMENTWISE = [
    ("relu2", {}, lambda x: np.maximum(x, 0) ** 2, lambda x: 2 * np.maximum(x, 0), []),
    ("quick_gelu", {}, lambda x: x * sigmoid(1.702 * x),
     lambda x: sigmoid(1.702 * x) + 1.702 * x * sigmoid(1.702 * x) * (1 - sigmoid(1.702 * x)), []),
    ("xielu", {}, *xielu(), []),
    ("xielu", {"alpha_p": 0.5, "alpha_n": 1.25, "beta": 0.25}, *xielu(f32(0.5), f32(1.25), f32(0.25)), []),
    ("isru", {}, lambda x: x / np.sqrt(1 + x * x), lambda x: (1 + x * x) ** -1.5, []),
    ("isrlu", {}, lambda x: np.where(x >= 0, x, x / np.sqrt(1 + x * x)), lambda x: np.where(x >= 0, 1.0, (1 + x * x) ** -1.5), []),
    ("bent_identity", {}, lambda x: (np.sqrt(x * x + 1) - 1) / 2 + x, lambda x: x / (2 * np.sqrt(x * x + 1)) + 1, []),
    ("sine", {}, lambda x: np.sin(30 * x), lambda x: 30 * np.cos(30 * x), []),
    ("star_relu", {}, lambda x: f32(0.8944) * np.maximum(x, 0) ** 2 + f32(-0.4472), lambda x: 2 * f32(0.8944) * np.maximum(x, 0), []),
    ("snake", {}, lambda x: x + np.sin(x) ** 2, lambda x: 1 + np.sin(2 * x), []),
    ("snake", {"alpha": 0.5}, lambda x: x + np.sin(0.5 * x) ** 2 / 0.5, lambda x: 1 + np.sin(x), []),
    ("srelu", {}, *srelu(al=f32(0.2)), [0.0]),
    ("srelu", {"t_left": -1, "a_left": 0.5, "t_right": 1, "a_right": 0.25}, *srelu(-1, 0.5, 1, 0.25), [-1.0, 1.0]),
    ("acon_c", {}, *acon_c(), []),
    ("acon_c", {"p1": 1.5, "p2": 0.25, "beta": 2}, *acon_c(1.5, 0.25, 2.0), []),
    ("pau", {}, *pau(), []),
]
TINY = [0.0, 1e-30, -1e-30, 1e-7, -1e-7, 1e-3, -1e-3]
LARGE = [30.0, -30.0, 100.0, -100.0, 1e3, -1e3, 1e4, -1e4]


def check(name, f, d, x, kinks):
    # The hand-written derivative against a central difference, away from kinks and huge inputs.
    xs = x[(np.abs(x) < 50) & np.all([np.abs(x - k) > 1e-3 for k in kinks] or [np.ones_like(x, bool)], axis=0)]
    h = 1e-6 * np.maximum(1, np.abs(xs))
    fd = (f(xs + h) - f(xs - h)) / (2 * h)
    err = np.abs(fd - d(xs)) / (1 + np.abs(fd))
    assert err.max() < 1e-5, f"{name}: derivative off by {err.max()}"


def main():
    out = []
    for name, params, f, d, kinks in ELEMENTWISE:
        kink_points = [k + e for k in kinks for e in (0.0, 1e-4, -1e-4)]
        x = np.array(TINY + LARGE + list(rng.normal(size=40) * 3) + kink_points).astype(np.float32).astype(np.float64)
        check(name, f, d, x, kinks)
        dy = rng.normal(size=x.shape).astype(np.float32).astype(np.float64)
        out.append({"name": name, "parameters": params, "native": False, "kinks": kinks, "rows": 1, "columns": len(x),
                    "x": x.tolist(), "y": f(x).tolist(), "dy": dy.tolist(), "dx": (dy * d(x)).tolist()})
    for name, (g, dg) in GATES.items():
        rows = [rng.normal(size=12) * 3 for _ in range(4)] + [np.linspace(-4, 4, 12), np.array(TINY[:6] + [0.5, -0.5, 2, -2, 1e-5, -1e-5])]
        x = np.stack(rows).astype(np.float32).astype(np.float64)
        a, b = x[:, :6], x[:, 6:]
        check(name, g, dg, b.ravel(), [0.0] if name == "reglu" else [])
        y = a * g(b)
        dy = rng.normal(size=y.shape).astype(np.float32).astype(np.float64)
        dx = np.concatenate([dy * g(b), dy * a * dg(b)], axis=1)
        out.append({"name": name, "parameters": {}, "native": False, "kinks": [0.0] if name == "reglu" else [],
                    "rows": x.shape[0], "columns": x.shape[1], "x": x.ravel().tolist(), "y": y.ravel().tolist(),
                    "dy": dy.ravel().tolist(), "dx": dx.ravel().tolist()})
    doc = {"generator": "scripts/make_catalogue2_goldens.py", "numpy": np.__version__, "dtype": "float64", "cases": out}
    path = pathlib.Path(__file__).resolve().parent.parent / "Tests/ActivationsTests/Fixtures/catalogue2_goldens.json"
    path.write_text(json.dumps(doc, indent=1) + "\n")
    print(f"wrote {len(out)} cases to {path}")


if __name__ == "__main__":
    main()
