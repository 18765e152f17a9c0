#!/usr/bin/python3
"""Check the oracle's own statistics and areas against third-party values.

    /usr/bin/python3 test/oracle/check_stats_vectors.py

- /work/shared/reference/stats-vectors.json (values from scipy's and pyMannKendall's test
  suites): the oracle's vectorized OLS p, Theil–Sen slope and Mann–Kendall p;
- the WGS84 ellipsoid's surface area, 5.10065621724e14 m² (a derived geometric constant
  of WGS 84, NIMA TR8350.2; GRS80's is 5.100656217180e14, so this tells them apart), from
  the authalic-latitude cell area over one 360° × 180° cell.
Exits 1 on a mismatch.
"""
import json
import os
import sys

import numpy as np
from osgeo import osr

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nep_summary as o  # noqa: E402

REF = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared",
                   "reference", "stats-vectors.json")
d = json.load(open(REF))
bad = []


def near(what, a, b, rtol=1e-9):
    ok = abs(a - b) <= rtol * abs(b)
    print(f"{'ok ' if ok else 'BAD'} {what}: {a!r} vs {b!r}")
    if not ok:
        bad.append(what)


for c in d["linregress"]:
    s, p = o.ols_pixels(np.array(c["x"], float), np.array(c["y"], float)[:, None])
    near("OLS slope", s[0], c["slope"])
    near("OLS p", p[0], c["p"], 1e-8)  # the reference value has 9 significant digits
for c in d["theilSen"]:
    near("Theil–Sen slope", o.sen_pixels(np.array(c["x"], float), np.array(c["y"], float)[:, None])[0],
         c["slope"])
for c in d["mannKendall"]:
    v = [x for x in c["values"] if x is not None]
    near("Mann–Kendall p", o.mk_pixels(np.array(v, float)[:, None])[0], c["p"])


class World:
    gt = (-180.0, 360.0, 0.0, 90.0, 0.0, -180.0)
    w = h = 1
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)


near("WGS84 ellipsoid area km²", o.pixel_areas(World)[0, 0] / 1e6, 510065621.724, 1e-11)
sys.exit(1 if bad else 0)
