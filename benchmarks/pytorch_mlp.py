#!/usr/bin/env python3
"""PyTorch CPU reference for the ActivationLab MNIST MLP benchmark.

Trains the Keras-equivalent model 784 -> Dense(512, act) -> Dense(10) + softmax
with categorical cross-entropy on MNIST, times each epoch's training loop
(wall clock, data loading excluded), evaluates test accuracy and prints ONE
JSON line.

Setup (once, outside the repo):
    python3 -m venv /root/torch-venv
    /root/torch-venv/bin/pip install torch numpy
Run from the repo root:
    /root/torch-venv/bin/python benchmarks/pytorch_mlp.py --optimizer rmsprop --batch-size 128 --epochs 3

MNIST is read from gzip IDX files in --data (default: <repo>/data/mnist).
Optimizers use Keras defaults: RMSprop(lr=1e-3, rho=0.9, eps=1e-7),
Adam(lr=1e-3, betas=(0.9, 0.999), eps=1e-7), SGD(lr=0.01).
"""
import argparse
import gzip
import json
import struct
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

REPO_ROOT = Path(__file__).resolve().parent.parent


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    zero, dtype, ndim = struct.unpack(">HBB", data[:4])
    if zero != 0 or dtype != 0x08:
        raise ValueError(f"{path}: not an unsigned-byte IDX file")
    shape = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(shape)


def load_mnist(directory):
    d = Path(directory)
    def images(name):
        x = read_idx(d / name).reshape(-1, 784).astype(np.float32) / 255.0
        return torch.from_numpy(x).contiguous()
    def labels(name):
        return torch.from_numpy(read_idx(d / name).astype(np.int64))
    return (images("train-images-idx3-ubyte.gz"), labels("train-labels-idx1-ubyte.gz"),
            images("t10k-images-idx3-ubyte.gz"), labels("t10k-labels-idx1-ubyte.gz"))


ACTIVATIONS = {"relu": nn.ReLU, "linear": nn.Identity, "sigmoid": nn.Sigmoid, "tanh": nn.Tanh}


def build_model(activation):
    model = nn.Sequential(nn.Linear(784, 512), ACTIVATIONS[activation](), nn.Linear(512, 10))
    for m in model:
        if isinstance(m, nn.Linear):  # Keras Dense defaults: glorot_uniform kernel, zero bias
            nn.init.xavier_uniform_(m.weight)
            nn.init.zeros_(m.bias)
    return model


def build_optimizer(name, params):
    if name == "rmsprop":
        return torch.optim.RMSprop(params, lr=1e-3, alpha=0.9, eps=1e-7, momentum=0.0, centered=False)
    if name == "adam":
        return torch.optim.Adam(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-7)
    if name == "sgd":
        return torch.optim.SGD(params, lr=0.01, momentum=0.0)
    raise ValueError(name)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", default=str(REPO_ROOT / "data" / "mnist"))
    p.add_argument("--optimizer", choices=["rmsprop", "adam", "sgd"], default="rmsprop")
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--epochs", type=int, default=1)
    p.add_argument("--activation", choices=sorted(ACTIVATIONS), default="relu")
    p.add_argument("--threads", type=int, default=None)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args()

    if args.threads is not None:
        torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    x_train, y_train, x_test, y_test = load_mnist(args.data)
    model = build_model(args.activation)
    opt = build_optimizer(args.optimizer, model.parameters())
    shuffle_gen = torch.Generator().manual_seed(args.seed)
    n, bs = x_train.shape[0], args.batch_size

    seconds = []
    for _ in range(args.epochs):
        perm = torch.randperm(n, generator=shuffle_gen)
        model.train()
        t0 = time.perf_counter()
        for start in range(0, n, bs):  # last partial batch included, like Keras fit
            idx = perm[start:start + bs]
            xb, yb = x_train[idx], y_train[idx]
            opt.zero_grad(set_to_none=True)
            loss = F.cross_entropy(model(xb), yb)  # log_softmax + NLL == softmax + categorical CE
            loss.backward()
            opt.step()
        seconds.append(time.perf_counter() - t0)

    model.eval()
    with torch.no_grad():
        pred = model(x_test).argmax(dim=1)
    accuracy = (pred == y_test).float().mean().item()

    print(json.dumps({
        "framework": "pytorch",
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "optimizer": args.optimizer,
        "batch_size": bs,
        "activation": args.activation,
        "epochs": args.epochs,
        "seconds_per_epoch": [round(s, 4) for s in seconds],
        "test_accuracy": round(accuracy, 4),
    }))


if __name__ == "__main__":
    main()
