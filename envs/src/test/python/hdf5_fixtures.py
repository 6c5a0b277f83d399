#!/usr/bin/python3
"""Small HDF5 fixtures in the real D4RL and Minari layouts, written by h5py, and a check that h5py reads
the datasets our Java writer produces.

    hdf5_fixtures.py make OUT_DIR            writes the fixtures and expected.json (the exact values written)
    hdf5_fixtures.py check-ours FILE JSON    reads one of our files with h5py, compares with JSON written by
                                             the Java test; exit code 0 when every value matches
    hdf5_fixtures.py make-pickle PKL JSON    a DT/LaMo-style pickled trajectory list and the values it holds
    hdf5_fixtures.py make-large FILE N       a D4RL-hopper-shaped file of N transitions (gzip, column chunks of
                                             15625 rows like D4RL's files, every key) for `lamo bench data`

Needs Debian's python3-numpy and python3-h5py (scripts/setup.sh installs them), hence /usr/bin/python3.
"""
import json
import os
import sys

import h5py
import numpy as np


def floats(a):
    """Exact values: repr of each float32 widened to float64 parses back to the same float32."""
    return np.asarray(a, dtype=np.float64).tolist()


def d4rl_hopper(path, expected):
    rng = np.random.default_rng(0)
    # episodes: terminal; timeout; terminal and timeout on the same step; terminal; then 17 unflagged rows
    lengths = [60, 100, 50, 30]
    trailing = 17
    n = sum(lengths) + trailing
    obs = rng.normal(size=(n, 11)).astype(np.float32)
    next_obs = rng.normal(size=(n, 11)).astype(np.float32)
    actions = rng.uniform(-1, 1, size=(n, 3)).astype(np.float32)
    rewards = rng.normal(1.0, 0.5, size=n).astype(np.float32)
    terminals = np.zeros(n, dtype=bool)
    timeouts = np.zeros(n, dtype=bool)
    ends = np.cumsum(lengths) - 1
    terminals[ends[0]] = True
    timeouts[ends[1]] = True
    terminals[ends[2]] = True
    timeouts[ends[2]] = True
    terminals[ends[3]] = True
    qpos = rng.normal(size=(n, 6)).astype(np.float32)
    qvel = rng.normal(size=(n, 6)).astype(np.float32)
    with h5py.File(path, "w") as f:
        # D4RL: create_dataset(k, data, compression='gzip'); big files get column chunks, mimicked here
        f.create_dataset("observations", data=obs, compression="gzip", chunks=(64, 1))
        f.create_dataset("next_observations", data=next_obs, compression="gzip", chunks=(64, 1))
        f.create_dataset("actions", data=actions, compression="gzip", shuffle=True, chunks=(100, 1))
        f.create_dataset("rewards", data=rewards, compression="gzip")
        f.create_dataset("terminals", data=terminals, compression="gzip")
        f.create_dataset("timeouts", data=timeouts, compression="gzip")
        f.create_dataset("infos/qpos", data=qpos, compression="gzip")
        f.create_dataset("infos/qvel", data=qvel, compression="gzip")
        f.create_dataset("infos/action_log_probs", data=rng.normal(size=n).astype(np.float32), compression="gzip")
        f["metadata/algorithm"] = np.bytes_("SAC")
        f["metadata/iteration"] = np.int32(1000)
        f.create_dataset("metadata/policy/fc0/weight", data=rng.normal(size=(4, 11)).astype(np.float32))
    expected["d4rl_hopper"] = {
        "observations": floats(obs), "next_observations": floats(next_obs), "actions": floats(actions),
        "rewards": floats(rewards), "terminals": terminals.astype(int).tolist(),
        "timeouts": timeouts.astype(int).tolist(), "qpos": floats(qpos), "qvel": floats(qvel),
        "episode_lengths": lengths, "trailing": trailing}


def d4rl_kitchen(path, expected):
    rng = np.random.default_rng(1)
    # kitchen files: float32 terminals and no timeouts; the middle episode ends without a flag
    lengths = [30, 45, 25]
    n = sum(lengths)
    obs = rng.normal(size=(n, 60)).astype(np.float32)
    actions = rng.uniform(-1, 1, size=(n, 9)).astype(np.float32)
    rewards = rng.integers(0, 2, size=n).astype(np.float32)
    terminals = np.zeros(n, dtype=np.float32)
    terminals[lengths[0] - 1] = 1.0
    terminals[n - 1] = 1.0
    with h5py.File(path, "w") as f:
        for key, value in (("observations", obs), ("actions", actions), ("rewards", rewards), ("terminals", terminals)):
            f.create_dataset(key, data=value, compression="gzip")
    expected["d4rl_kitchen"] = {"observations": floats(obs), "actions": floats(actions), "rewards": floats(rewards),
                                "terminals": floats(terminals), "episode_lengths": lengths}


def minari(directory, expected, name, dict_obs):
    rng = np.random.default_rng(2 if dict_obs else 3)
    os.makedirs(os.path.join(directory, "data"), exist_ok=True)
    lengths = [12, 7, 20]
    episodes = []
    with h5py.File(os.path.join(directory, "data", "main_data.hdf5"), "w") as f:
        for i, t in enumerate(lengths):
            g = f.create_group(f"episode_{i}")
            g.attrs["id"] = i
            g.attrs["total_steps"] = t
            g.attrs["seed"] = 100 + i
            if dict_obs:
                parts = {"observation": rng.normal(size=(t + 1, 4)), "achieved_goal": rng.normal(size=(t + 1, 2)),
                         "desired_goal": rng.normal(size=(t + 1, 2))}
                og = g.create_group("observations")
                for key, value in parts.items():
                    og.create_dataset(key, data=value, chunks=True, maxshape=(None, value.shape[1]))
                # flattened in sorted key order: achieved_goal, desired_goal, observation
                flat = np.concatenate([parts[k] for k in sorted(parts)], axis=1)
            else:
                flat = rng.normal(size=(t + 1, 3)).astype(np.float32)
                g.create_dataset("observations", data=flat, chunks=True, maxshape=(None, 3))
            actions = rng.uniform(-1, 1, size=(t, 2)).astype(np.float32)
            rewards = rng.normal(size=t)
            terminations = np.zeros(t, dtype=bool)
            truncations = np.zeros(t, dtype=bool)
            if i == 1:
                terminations[-1] = True
            else:
                truncations[-1] = True
            g.create_dataset("actions", data=actions, chunks=True, maxshape=(None, 2))
            g.create_dataset("rewards", data=rewards, chunks=True, maxshape=(None,))
            g.create_dataset("terminations", data=terminations, chunks=True, maxshape=(None,))
            g.create_dataset("truncations", data=truncations, chunks=True, maxshape=(None,))
            g.create_dataset("infos/success", data=np.zeros(t, dtype=bool))
            episodes.append({"observations": floats(flat), "actions": floats(actions), "rewards": floats(rewards),
                             "terminated": bool(terminations[-1]), "truncated": bool(truncations[-1]), "seed": 100 + i})
    if dict_obs:
        obs_space = {"type": "Dict", "subspaces": {
            "achieved_goal": {"type": "Box", "dtype": "float64", "shape": [2], "low": [-np.inf] * 2, "high": [np.inf] * 2},
            "desired_goal": {"type": "Box", "dtype": "float64", "shape": [2], "low": [-np.inf] * 2, "high": [np.inf] * 2},
            "observation": {"type": "Box", "dtype": "float64", "shape": [4], "low": [-np.inf] * 4, "high": [np.inf] * 4}}}
    else:
        obs_space = {"type": "Box", "dtype": "float32", "shape": [3], "low": [-1e9] * 3, "high": [1e9] * 3}
    metadata = {
        "dataset_id": name, "total_episodes": len(lengths), "total_steps": sum(lengths),
        "observation_space": json.dumps(obs_space),
        "action_space": json.dumps({"type": "Box", "dtype": "float32", "shape": [2], "low": [-1.0, -1.0], "high": [1.0, 1.0]}),
        "env_spec": json.dumps({"id": "PointMaze_UMaze-v3", "max_episode_steps": 300}),
        "algorithm_name": "QIteration", "author": ["fixture"], "minari_version": "0.5.1",
        "ref_min_score": -5.0, "ref_max_score": 20.0}
    with open(os.path.join(directory, "data", "metadata.json"), "w") as f:
        json.dump(metadata, f, allow_nan=True)
    expected[name] = {"episodes": episodes}


def make_large(path, n):
    rng = np.random.default_rng(5)
    chunk = lambda cols: (min(n, 15625), 1) if cols else (min(n, 15625),)
    with h5py.File(path, "w") as f:
        for key, cols in (("observations", 11), ("next_observations", 11), ("actions", 3), ("infos/qpos", 6),
                          ("infos/qvel", 6)):
            f.create_dataset(key, data=rng.normal(size=(n, cols)).astype(np.float32), compression="gzip",
                             chunks=chunk(cols))
        f.create_dataset("rewards", data=rng.normal(size=n).astype(np.float32), compression="gzip", chunks=chunk(0))
        f.create_dataset("infos/action_log_probs", data=rng.normal(size=n).astype(np.float32), compression="gzip",
                         chunks=chunk(0))
        terminals = rng.random(n) < 0.002
        timeouts = np.zeros(n, dtype=bool)
        timeouts[999::1000] = True
        f.create_dataset("terminals", data=terminals, compression="gzip", chunks=chunk(0))
        f.create_dataset("timeouts", data=timeouts, compression="gzip", chunks=chunk(0))
        f["metadata/algorithm"] = np.bytes_("SAC")
        f["metadata/iteration"] = np.int32(n)


def make_pickle(path, json_path):
    import pickle
    rng = np.random.default_rng(7)
    trajectories = []
    for i, n in enumerate([15, 9, 20]):
        terminals = np.zeros(n, dtype=bool)
        terminals[-1] = i == 1  # only the middle trajectory ends terminated; the others were cut (timeouts)
        trajectories.append({"observations": rng.normal(size=(n, 11)).astype(np.float32),
                             "next_observations": rng.normal(size=(n, 11)).astype(np.float32),
                             "actions": rng.uniform(-1, 1, size=(n, 3)).astype(np.float32),
                             "rewards": rng.normal(size=n).astype(np.float32), "terminals": terminals})
    with open(path, "wb") as f:
        pickle.dump(trajectories, f)
    with open(json_path, "w") as f:
        json.dump([{k: floats(v) if k != "terminals" else v.astype(int).tolist() for k, v in t.items()}
                   for t in trajectories], f)


def make(out):
    os.makedirs(out, exist_ok=True)
    expected = {}
    d4rl_hopper(os.path.join(out, "d4rl_hopper_small.hdf5"), expected)
    d4rl_kitchen(os.path.join(out, "d4rl_kitchen_small.hdf5"), expected)
    minari(os.path.join(out, "minari_box"), expected, "pointmaze/box-v0", dict_obs=False)
    minari(os.path.join(out, "minari_dict"), expected, "pointmaze/dict-v0", dict_obs=True)
    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump(expected, f)


def check_ours(path, expected_json):
    """Our files must open in h5py with the documented keys, dtypes and exact values."""
    with open(expected_json) as f:
        expected = json.load(f)
    problems = []
    with h5py.File(path, "r") as f:
        for key in ("observations", "actions", "rewards", "terminals", "timeouts"):
            if key not in f:
                problems.append(f"missing key {key}")
        for key, values in expected["arrays"].items():
            if key not in f:
                problems.append(f"missing key {key}")
                continue
            got = f[key][()]
            want = np.asarray(values, dtype=got.dtype)
            if got.shape != want.shape or not np.array_equal(got, want):
                problems.append(f"{key}: values differ (shape {got.shape} vs {want.shape})")
        for key, value in expected.get("metadata", {}).items():
            got = f["metadata/" + key][()]
            got = got.decode() if isinstance(got, bytes) else got.item() if hasattr(got, "item") else got
            if got != value:
                problems.append(f"metadata/{key}: {got!r} != {value!r}")
    if problems:
        print("\n".join(problems))
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "make":
        make(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "make-pickle":
        make_pickle(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 4 and sys.argv[1] == "make-large":
        make_large(sys.argv[2], int(sys.argv[3]))
    elif len(sys.argv) == 4 and sys.argv[1] == "check-ours":
        sys.exit(check_ours(sys.argv[2], sys.argv[3]))
    else:
        print(__doc__)
        sys.exit(2)
