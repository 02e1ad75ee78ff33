#!/usr/bin/env python3
"""Reads ActivationLab's TensorBoard event files with TensorBoard's own reader.

Usage: python3 scripts/crosscheck_tensorboard.py LOGDIR
(needs `pip install tensorboard`, e.g. in a virtual environment). Prints every scalar found
and exits non-zero if a file fails TensorBoard's CRC checks or holds no scalars.
"""
import glob
import os
import sys

from tensorboard.backend.event_processing.event_file_loader import RawEventFileLoader
from tensorboard.compat.proto import event_pb2


def main(logdir):
    files = sorted(glob.glob(os.path.join(logdir, "**", "events.out.tfevents.*"), recursive=True))
    if not files:
        sys.exit(f"{logdir}: no events.out.tfevents.* files found")
    scalars = 0
    for path in files:
        # RawEventFileLoader checks both masked CRC-32Cs of every record and raises on a mismatch.
        records = list(RawEventFileLoader(path, detect_file_replacement=False).Load())
        events = [event_pb2.Event.FromString(r) for r in records]
        if not events or events[0].file_version != "brain.Event:2":
            sys.exit(f"{path}: the first event does not carry file_version brain.Event:2")
        for e in events[1:]:
            for v in e.summary.value:
                print(f"{os.path.relpath(path, logdir)}\tstep {e.step}\t{v.tag}\t{v.simple_value:.6g}")
                scalars += 1
    if scalars == 0:
        sys.exit(f"{logdir}: event files hold no scalars")
    print(f"{len(files)} file(s), {scalars} scalar(s) read by TensorBoard's reader")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: crosscheck_tensorboard.py LOGDIR")
    main(sys.argv[1])
