#!/usr/bin/env python3
"""Writes the PyTorch checkpoint fixtures in this folder, without PyTorch.

torch.save (PyTorch >= 1.6) writes a zip: <archive>/data.pkl is a protocol-2 pickle in which every
tensor is `torch._utils._rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks)` and
every storage is a persistent id `('storage', torch.<Type>Storage, key, location, numel)` whose raw
values are the file <archive>/data/<key> (byte order in <archive>/byteorder). This script reproduces
exactly that with CPython's own pickle module: stand-in `torch` modules provide the globals, a
Pickler subclass emits the persistent ids. The values come from the reference cases in ../cases, in
float64, so an imported checkpoint must equal the case's model bit for bit.

Run from anywhere: python3 tests/data/checkpoints/make_checkpoints.py
"""
import collections
import io
import json
import os
import pickle
import struct
import sys
import types
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "..", "cases")

# Stand-ins for the torch globals named by torch.save's pickle (pickle checks they are importable).
torch = types.ModuleType("torch")
torch_utils = types.ModuleType("torch._utils")


def _storage_class(name):
    cls = type(name, (), {})
    cls.__module__ = "torch"
    setattr(torch, name, cls)
    return cls


DoubleStorage = _storage_class("DoubleStorage")
FloatStorage = _storage_class("FloatStorage")


def _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks, metadata=None):
    raise NotImplementedError("only pickled here, never loaded")


_rebuild_tensor_v2.__module__ = "torch._utils"
torch_utils._rebuild_tensor_v2 = _rebuild_tensor_v2
torch._utils = torch_utils
sys.modules["torch"] = torch
sys.modules["torch._utils"] = torch_utils


class Storage:
    def __init__(self, key, cls, values):
        self.key, self.cls, self.values = key, cls, list(values)

    def raw(self):
        fmt = "d" if self.cls is DoubleStorage else "f"
        return struct.pack("<%d%s" % (len(self.values), fmt), *self.values)


class Tensor:
    """A view of a storage, pickled the way torch.Tensor.__reduce_ex__ does it."""

    def __init__(self, storage, offset, size, stride):
        self.storage, self.offset, self.size, self.stride = storage, offset, tuple(size), tuple(stride)

    def __reduce_ex__(self, protocol):
        return (_rebuild_tensor_v2, (self.storage, self.offset, self.size, self.stride, False, collections.OrderedDict()))


class TorchPickler(pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, Storage):
            return ("storage", obj.cls, obj.key, "cpu", len(obj.values))
        return None


def contiguous(storage, rows, cols=None):
    return Tensor(storage, 0, (rows,) if cols is None else (rows, cols), (1,) if cols is None else (cols, 1))


def save(path, state_dict):
    state_dict._metadata = collections.OrderedDict({"": {"version": 1}})  # torch attaches this; it pickles as BUILD
    buf = io.BytesIO()
    TorchPickler(buf, protocol=2).dump(state_dict)
    storages = {}
    for t in state_dict.values():
        storages[t.storage.key] = t.storage
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr("archive/data.pkl", buf.getvalue())
        z.writestr("archive/byteorder", "little")
        for key in sorted(storages):
            z.writestr("archive/data/" + key, storages[key].raw())
        z.writestr("archive/version", "3\n")


def case(name):
    with open(os.path.join(CASES, name + ".json")) as f:
        return json.load(f)


def flat(rows):
    return [x for row in rows for x in row]


def shplrnn():
    """MTF/CNS-style shPLRNN state_dict: W1, W2, A (+ AW, the same vector), h1, h2, plus an ignored output layer."""
    c = case("shplrnn_m2_h10_fp")
    m, l = len(c["h1"]), len(c["h2"])
    a = Storage("0", DoubleStorage, c["A"])
    sd = collections.OrderedDict()
    p = "latent_model.latent_step."
    sd[p + "W1"] = contiguous(Storage("1", DoubleStorage, flat(c["W1"])), m, l)
    sd[p + "W2"] = contiguous(Storage("2", DoubleStorage, flat(c["W2"])), l, m)
    sd[p + "A"] = contiguous(a, m)
    sd[p + "AW"] = contiguous(a, m)
    sd[p + "h2"] = contiguous(Storage("3", DoubleStorage, c["h2"]), l)
    sd[p + "h1"] = contiguous(Storage("4", DoubleStorage, c["h1"]), m)
    sd["output_layer.weight"] = contiguous(Storage("5", FloatStorage, [1.0, 0.0]), 1, m)
    save(os.path.join(HERE, "shplrnn_m2_h10_fp.pt"), sd)


def alrnn():
    """ALRNN tutorial layout: A is a strided view (the diagonal, stride M + 1) of an M×M storage; P only in the name."""
    c = case("alrnn_8cycle")
    m = len(c["h"])
    square = [[9.5] * m for _ in range(m)]
    for i in range(m):
        square[i][i] = c["A"][i]
    sd = collections.OrderedDict()
    sd["A"] = Tensor(Storage("0", DoubleStorage, flat(square)), 0, (m,), (m + 1,))
    sd["W"] = contiguous(Storage("1", DoubleStorage, flat(c["W"])), m, m)
    sd["h"] = contiguous(Storage("2", DoubleStorage, c["h"]), m)
    sd["B"] = contiguous(Storage("3", FloatStorage, [0.5, -0.25]), 1, m)
    save(os.path.join(HERE, "alrnn_8cycle_m2_p1.pt"), sd)


def plrnn():
    """dendPLRNN BPTT_TF layout: AW (A on the diagonal, W off it; stored transposed) and h, with the run's hypers.pkl."""
    c = case("gt16")
    m = len(c["h"])
    aw = [[c["W"][i][j] if i != j else c["A"][i] for j in range(m)] for i in range(m)]
    transposed = [aw[j][i] for i in range(m) for j in range(m)]
    sd = collections.OrderedDict()
    sd["latent_model.latent_step.AW"] = Tensor(Storage("0", DoubleStorage, transposed), 0, (m, m), (1, m))
    sd["latent_model.latent_step.h"] = contiguous(Storage("1", DoubleStorage, c["h"]), m)
    sd["output_layer.weight"] = contiguous(Storage("2", FloatStorage, [1.0, 0.0]), 1, m)
    save(os.path.join(HERE, "gt16_run", "model_1000.pt"), sd)
    hypers = {"latent_model": "PLRNN", "dim_z": m, "n_bases": 0, "clip_range": None, "mean_centering": 0, "learning_rate": 1e-3}
    with open(os.path.join(HERE, "gt16_run", "hypers.pkl"), "wb") as f:
        pickle.dump(hypers, f)


if __name__ == "__main__":
    shplrnn()
    alrnn()
    plrnn()
