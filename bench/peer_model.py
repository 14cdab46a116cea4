"""An orgsim model file read independently of orgsim, for the SciPy peers.

Reads the YAML with PyYAML (python3-yaml, its C loader), and the CSV tables a model
may name with the csv module, and builds the IIM's arrays
the way docs/model.md defines them: A[i, j] = weight of "role i depends on role j",
w = touchpoints, k = recovery rates (defaults.recovery, else 0.5), B = cx.baseline
(else 100). Parsing a 100k-role file takes PyYAML about 30 s of CPU, so the arrays are
cached in CACHE_DIR/<sha256 of the file>.npz (of model.yaml alone: a CSV model's tables
are not hashed, so keep one cache per generated model).
"""
import csv
import hashlib
import os

import numpy as np
import scipy.sparse as sp
import yaml


class Model:
    def __init__(self, ids, a, w, k, baseline):
        self.ids = ids  # role ids, in file order (orgsim's role index)
        self.a = a  # CSR, sorted column indices in each row (as orgsim's matrix)
        self.w = w
        self.k = k
        self.baseline = baseline
        self.index = {rid: i for i, rid in enumerate(ids)}

    @property
    def n(self):
        return len(self.ids)


def sha256_of(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _table(path, name):
    """The rows of a CSV table as dicts, empty cells left out (as absent YAML keys)."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        return [{key: value for key, value in row.items() if value != ""}
                for row in csv.DictReader(f)]


def _parse(path):
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, "rb") as f:
        doc = yaml.load(f, Loader=loader)
    baseline = float((doc.get("cx") or {}).get("baseline", 100.0))
    default_k = float((doc.get("defaults") or {}).get("recovery", 0.5))
    # A CSV model (docs/model.md "CSV models") names its tables instead of listing.
    tables = doc.get("tables") or {}
    folder = os.path.dirname(path)
    for key in ("roles", "dependencies"):
        if key in tables:
            doc[key] = _table(os.path.join(folder, tables[key]), key)
    roles = doc["roles"]
    ids = [str(r["id"]) for r in roles]
    index = {rid: i for i, rid in enumerate(ids)}
    w = np.array([float(r.get("touchpoint", 0.0)) for r in roles])
    k = np.array([float(r.get("recovery", default_k)) for r in roles])
    deps = doc.get("dependencies") or []
    rows = np.array([index[str(d["role"])] for d in deps], dtype=np.int64)
    cols = np.array([index[str(d["depends_on"])] for d in deps], dtype=np.int64)
    vals = np.array([float(d["weight"]) for d in deps])
    n = len(ids)
    a = sp.coo_matrix((vals, (rows, cols)), shape=(n, n)).tocsr()
    a.sum_duplicates()
    a.sort_indices()
    return Model(ids, a, w, k, baseline)


def load(path, cache_dir=None):
    """The model at `path`, from the cache when the file's bytes are unchanged."""
    if cache_dir is None:
        return _parse(path)
    os.makedirs(cache_dir, exist_ok=True)
    cached = os.path.join(cache_dir, sha256_of(path) + ".npz")
    if os.path.exists(cached):
        z = np.load(cached, allow_pickle=False)
        n = len(z["ids"])
        a = sp.csr_matrix((z["data"], z["indices"], z["indptr"]), shape=(n, n))
        return Model([str(s) for s in z["ids"]], a, z["w"], z["k"], float(z["baseline"]))
    m = _parse(path)
    tmp = cached + ".tmp.npz"
    np.savez(tmp, ids=np.array(m.ids), data=m.a.data, indices=m.a.indices, indptr=m.a.indptr,
             w=m.w, k=m.k, baseline=np.array(m.baseline))
    os.replace(tmp, cached)
    return m
