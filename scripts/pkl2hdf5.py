#!/usr/bin/python3
"""Convert the pickled trajectory lists used by the Decision Transformer and LaMo code (and LaMo's released
down-sampled splits) to our HDF5 dataset format.

    scripts/pkl2hdf5.py IN.pkl OUT.hdf5 [--env ENV_ID] [--dataset-id ID]

IN.pkl holds a list of dicts, one per trajectory, with numpy arrays 'observations', 'actions', 'rewards' and
'terminals' (optionally 'next_observations' and 'timeouts'). A trajectory whose last 'terminals' entry is set
ends terminated; any other ends truncated (a timeout), which is how the DT/LaMo conversion cut D4RL data at
1000 steps. Needs Debian's python3-numpy and python3-h5py (scripts/setup.sh installs them).
"""
import argparse
import hashlib
import json
import os
import pickle
import sys

import h5py
import numpy as np


def fail(message):
    print(f"pkl2hdf5: {message}", file=sys.stderr)
    sys.exit(2)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--env", default=None, help="environment id to record (for example hopper)")
    parser.add_argument("--dataset-id", default=None, help="dataset id (default: the input file name)")
    args = parser.parse_args()
    try:
        with open(args.input, "rb") as f:
            raw = f.read()
        trajectories = pickle.loads(raw)
    except (OSError, pickle.UnpicklingError, EOFError) as e:
        fail(f"{args.input}: cannot read a pickle ({e})")
    if not isinstance(trajectories, list) or not trajectories:
        fail(f"{args.input}: expected a non-empty list of trajectory dicts, found {type(trajectories).__name__}")
    columns = {k: [] for k in ("observations", "next_observations", "actions", "rewards", "terminals", "timeouts")}
    has_next = all("next_observations" in t for t in trajectories)
    for i, t in enumerate(trajectories):
        for key in ("observations", "actions", "rewards", "terminals"):
            if key not in t:
                fail(f"{args.input}: trajectory {i} has no '{key}'")
        n = len(t["rewards"])
        for key in ("observations", "actions", "terminals") + (("next_observations",) if has_next else ()):
            if len(t[key]) != n:
                fail(f"{args.input}: trajectory {i}: '{key}' has {len(t[key])} rows but 'rewards' has {n}")
        if n == 0:
            fail(f"{args.input}: trajectory {i} is empty")
        terminals = np.zeros(n, dtype=np.int8)
        timeouts = np.zeros(n, dtype=np.int8)
        if bool(np.asarray(t["terminals"])[-1]):
            terminals[-1] = 1
        else:
            timeouts[-1] = 1
        columns["observations"].append(np.asarray(t["observations"], dtype=np.float32).reshape(n, -1))
        if has_next:
            columns["next_observations"].append(np.asarray(t["next_observations"], dtype=np.float32).reshape(n, -1))
        columns["actions"].append(np.asarray(t["actions"], dtype=np.float32).reshape(n, -1))
        columns["rewards"].append(np.asarray(t["rewards"], dtype=np.float32).reshape(n))
        columns["terminals"].append(terminals)
        columns["timeouts"].append(timeouts)
    data = {k: np.concatenate(v) for k, v in columns.items() if v}
    for key in ("observations", "actions", "rewards"):
        bad = np.argwhere(~np.isfinite(data[key]))
        if len(bad):
            fail(f"{args.input}: '{key}' has a non-finite value at {tuple(int(x) for x in bad[0])}")
    dataset_id = args.dataset_id or os.path.splitext(os.path.basename(args.input))[0]
    metadata = {
        "dataset_id": dataset_id, "env_id": args.env, "env_version": "v2" if args.env else None, "format": "pickle",
        "source_file": os.path.abspath(args.input), "source_sha256": hashlib.sha256(raw).hexdigest(),
        "behavior": None, "behavior_details": {}, "behavior_score": None, "generation_seed": None,
        "sample_ratio": 1.0, "sample_seed": None, "sampled_from": None,
        "observation_space": {"type": "box", "shape": [int(data["observations"].shape[1])]},
        "action_space": {"type": "box", "shape": [int(data["actions"].shape[1])]},
        "dropped_steps": 0, "extra": {"trajectories": len(trajectories)}}
    tmp = args.output + ".tmp"
    with h5py.File(tmp, "w") as f:
        for key, value in data.items():
            chunks = (min(len(value), 16384),) + value.shape[1:]
            f.create_dataset(key, data=value, compression="gzip", shuffle=True, chunks=chunks)
        f["metadata/lamo_json"] = json.dumps(metadata)
        f["metadata/dataset_id"] = dataset_id
        if args.env:
            f["metadata/env_id"] = args.env
    os.replace(tmp, args.output)
    print(f"{dataset_id}: {len(trajectories)} trajectories, {len(data['rewards'])} transitions -> {args.output}")


if __name__ == "__main__":
    main()
