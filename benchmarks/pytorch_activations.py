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
