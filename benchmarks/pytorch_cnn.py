#!/usr/bin/env python3
"""PyTorch CPU reference for the ActivationLab digits-CNN benchmark (`actlab bench cnn`).

Trains the article's CNN, the Keras-equivalent of DigitsCNN.make: three blocks of
Conv2d(32/64/128, 3x3, same) + relu -> BatchNorm -> LeakyReLU(0.1) -> MaxPool(2x2, same) ->
Dropout(0.3/0.3/0.4), then Flatten -> Dense(120, relu) -> BatchNorm -> LeakyReLU(0.1) ->
Dropout(0.3) -> Dense(40, relu) -> BatchNorm -> LeakyReLU(0.1) -> Dropout(0.2) -> Dense(10),
345,338 parameters, on the first --limit MNIST training images with batch 64 and Adam (Keras
defaults), channels-last memory format. Times each epoch's training loop (wall clock, data
loading excluded) and prints JSON in the shape of `actlab bench cnn`.

Setup (once):
    python3 -m venv .venv-bench && .venv-bench/bin/pip install torch numpy
Run from the repo root:
    .venv-bench/bin/python benchmarks/pytorch_cnn.py --epochs 2
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

from pytorch_mlp import REPO_ROOT, read_idx


class SamePool(nn.Module):
    """Keras MaxPooling2D(2, padding='same'): pad odd sizes at the bottom/right with -inf."""
    def forward(self, x):
        h, w = x.shape[-2:]
        x = F.pad(x, (0, w % 2, 0, h % 2), value=float("-inf"))
        return F.max_pool2d(x, 2)


def build_model():
    layers, channels = [], 1
    for filters, rate in [(32, 0.3), (64, 0.3), (128, 0.4)]:
        # Keras BatchNormalization(momentum=0.99, epsilon=1e-3) is PyTorch momentum 0.01.
        layers += [nn.Conv2d(channels, filters, 3, padding="same"), nn.ReLU(),
                   nn.BatchNorm2d(filters, eps=1e-3, momentum=0.01), nn.LeakyReLU(0.1), SamePool(), nn.Dropout(rate)]
        channels = filters
    layers += [nn.Flatten(), nn.Linear(128 * 4 * 4, 120), nn.ReLU(), nn.BatchNorm1d(120, eps=1e-3, momentum=0.01),
               nn.LeakyReLU(0.1), nn.Dropout(0.3), nn.Linear(120, 40), nn.ReLU(),
               nn.BatchNorm1d(40, eps=1e-3, momentum=0.01), nn.LeakyReLU(0.1), nn.Dropout(0.2), nn.Linear(40, 10)]
    model = nn.Sequential(*layers)
    for m in model:
        if isinstance(m, (nn.Linear, nn.Conv2d)):  # Keras defaults: glorot_uniform kernel, zero bias
            nn.init.xavier_uniform_(m.weight)
            nn.init.zeros_(m.bias)
    return model


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", default=str(REPO_ROOT / "data" / "mnist"))
    p.add_argument("--limit", type=int, default=35000)
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--threads", type=int, default=None)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args()
    if args.threads is not None:
        torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    images = read_idx(f"{args.data}/train-images-idx3-ubyte.gz")[:args.limit]
    labels = read_idx(f"{args.data}/train-labels-idx1-ubyte.gz")[:args.limit]
    x = torch.from_numpy(images.astype("float32") / 255.0).unsqueeze(1).contiguous(memory_format=torch.channels_last)
    y = torch.from_numpy(labels.astype("int64"))
    model = build_model().to(memory_format=torch.channels_last)
    parameters = sum(t.numel() for t in model.parameters()) + sum(b.numel() for n, b in model.named_buffers() if "running" in n)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-7)
    shuffle = torch.Generator().manual_seed(args.seed)
    n, bs = x.shape[0], 64

    seconds, correct = [], 0
    for _ in range(args.epochs):
        perm = torch.randperm(n, generator=shuffle)
        model.train()
        correct = 0
        t0 = time.perf_counter()
        for start in range(0, n, bs):  # last partial batch included, like Keras fit
            idx = perm[start:start + bs]
            xb, yb = x[idx].contiguous(memory_format=torch.channels_last), y[idx]
            opt.zero_grad(set_to_none=True)
            logits = model(xb)
            loss = F.cross_entropy(logits, yb)  # log_softmax + NLL == softmax + categorical CE
            loss.backward()
            opt.step()
            correct += (logits.argmax(1) == yb).sum().item()
        seconds.append(time.perf_counter() - t0)

    median = statistics.median(seconds)
    flop = 46.0e6 * n  # forward + backward multiply-adds x 2 of the convolutions and dense layers
    print(json.dumps({
        "benchmark": "cnn", "framework": "pytorch", "torch": torch.__version__, "threads": torch.get_num_threads(),
        "network": f"digits-cnn ({parameters:,} parameters)",
        "results": [{
            "batch_size": bs, "optimizer": "adam", "epochs": args.epochs, "images": n,
            "seconds_per_epoch": round(median, 4), "all_epoch_seconds": [round(s, 4) for s in seconds],
            "images_per_second": int(n / median), "gflops_per_second": round(flop / median / 1e9, 4),
            "gflop_per_epoch": round(flop / 1e9, 4), "train_accuracy": round(correct / n, 4),
        }],
    }, indent=2))


if __name__ == "__main__":
    main()
