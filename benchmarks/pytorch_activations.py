"""Forward/backward throughput of PyTorch's CPU activation kernels on a 1M float32 array, as JSON.

Run beside `actlab bench activations` (same machine, same thread count) to get the ratios:
    python3 benchmarks/pytorch_activations.py --threads 2 > pytorch.json
Needs torch (see scripts/make_activation_goldens.py for a venv recipe).
"""
import argparse
import json
import time

import torch
import torch.nn.functional as F

FUNCTIONS = {
    "linear": lambda x: x.clone(), "sigmoid": torch.sigmoid, "hard_sigmoid": F.hardsigmoid,
    "log_sigmoid": F.logsigmoid, "tanh": torch.tanh, "hard_tanh": F.hardtanh, "tanh_shrink": F.tanhshrink,
    "softsign": F.softsign, "relu": F.relu, "relu6": F.relu6, "leaky_relu": lambda x: F.leaky_relu(x, 0.3),
    "prelu": lambda x: F.prelu(x, torch.zeros(1)), "rrelu": lambda x: F.rrelu(x, training=False),
    "threshold": lambda x: F.threshold(x, 0.0, 0.0), "elu": F.elu, "selu": F.selu, "celu": F.celu,
    "gelu": F.gelu, "gelu_tanh": lambda x: F.gelu(x, approximate="tanh"), "silu": F.silu,
    "hard_silu": F.hardswish, "mish": F.mish, "softplus": F.softplus, "soft_shrink": F.softshrink,
    "hard_shrink": F.hardshrink, "exponential": torch.exp,
    "softmax": lambda x: F.softmax(x.view(-1, 1024), -1), "log_softmax": lambda x: F.log_softmax(x.view(-1, 1024), -1),
    "softmin": lambda x: F.softmin(x.view(-1, 1024), -1), "glu": lambda x: F.glu(x.view(-1, 1024), -1),
}


def _halves(x):
    return x.view(-1, 1024).chunk(2, -1)


def _pau(x):
    a = torch.tensor([3.35583603e-02, 5.05000375e-01, 1.65343934e+00, 2.01001052e+00, 9.31901999e-01, 1.52424124e-01])
    b = torch.tensor([3.30847488e-06, 3.98021568e+00, 5.12471206e-07, 3.01830109e-01]).abs()
    ax = x.abs()
    p = a[0] + x * (a[1] + x * (a[2] + x * (a[3] + x * (a[4] + x * a[5]))))
    return p / (1 + ax * (b[0] + ax * (b[1] + ax * (b[2] + ax * b[3]))))


# PyTorch ships none of these as one kernel: they are the eager compositions models write.
COMPOSED = {
    "swiglu": lambda x: (lambda a, b: a * F.silu(b))(*_halves(x)),
    "geglu": lambda x: (lambda a, b: a * F.gelu(b))(*_halves(x)),
    "reglu": lambda x: (lambda a, b: a * F.relu(b))(*_halves(x)),
    "bilinear": lambda x: (lambda a, b: a * b)(*_halves(x)),
    "relu2": lambda x: F.relu(x) ** 2, "quick_gelu": lambda x: x * torch.sigmoid(1.702 * x),
    "xielu": lambda x: torch.where(x > 0, 0.8 * x * x + 0.5 * x, (torch.expm1(torch.clamp(x, max=0.0)) - x) * 0.8 + 0.5 * x),
    "isru": lambda x: x * torch.rsqrt(1 + x * x), "isrlu": lambda x: torch.where(x >= 0, x, x * torch.rsqrt(1 + x * x)),
    "bent_identity": lambda x: (torch.sqrt(x * x + 1) - 1) / 2 + x, "sine": lambda x: torch.sin(30 * x),
    "star_relu": lambda x: 0.8944 * F.relu(x) ** 2 - 0.4472, "snake": lambda x: x + torch.sin(x) ** 2,
    "srelu": lambda x: torch.where(x >= 2.5, 2.5 + (x - 2.5), torch.where(x <= 0, 0.2 * x, x)),
    "acon_c": lambda x: x * torch.sigmoid(x), "pau": _pau,
}
FUNCTIONS.update(COMPOSED)


def best(fn, repeats):
    fn()
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--elements", type=int, default=1 << 20)
    p.add_argument("--repeats", type=int, default=20)
    p.add_argument("--threads", type=int, default=torch.get_num_threads())
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    gen = torch.Generator().manual_seed(1)
    x = (4 * torch.randn(a.elements, generator=gen)).float()
    results = []
    # One untimed pass over everything first, as `actlab bench activations` does: a fresh process
    # runs its first second of memory-bound kernels far slower.
    for f in FUNCTIONS.values():
        xg = x.clone().requires_grad_(True)
        y = f(xg)
        for _ in range(a.repeats):
            with torch.no_grad():
                f(x)
            torch.autograd.grad(y, xg, torch.ones_like(y), retain_graph=True)
    for name, f in FUNCTIONS.items():
        with torch.no_grad():
            fwd = best(lambda: f(x), a.repeats)
        xg = x.clone().requires_grad_(True)
        y = f(xg)
        dy = torch.randn(y.shape, generator=gen)
        # Backward alone: the graph is kept so only the gradient kernel is timed.
        bwd = best(lambda: torch.autograd.grad(y, xg, dy, retain_graph=True), a.repeats)
        results.append({"id": name, "forward_elements_per_second": int(a.elements / fwd),
                        "backward_elements_per_second": int(a.elements / bwd)})
    print(json.dumps({"benchmark": "pytorch_activations", "torch": torch.__version__, "threads": a.threads,
                      "elements": a.elements, "results": results}, indent=1))


if __name__ == "__main__":
    main()
