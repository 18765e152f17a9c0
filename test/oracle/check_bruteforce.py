#!/usr/bin/python3
"""Second route for the oracle: recompute a dataset pixel by pixel in plain Python loops
and compare with its committed expected/summary.json and expected rasters.

    /usr/bin/python3 test/oracle/check_bruteforce.py test/fixtures/datasets/<name> [...]

Shares no code with nep_summary.py. Where the oracle vectorizes, this loops; where the
oracle uses a library routine, this uses a different one:
- pixel areas: numerical integration (scipy.integrate.quad) of the ellipsoid's area element
  M(φ)·N(φ)·cosφ dφ dλ instead of the authalic-latitude closed form;
- zones and boundary: OGR point-in-polygon (Contains) of each pixel centre, transformed
  to the polygon's CRS, instead of rasterizing transformed polygons;
- resampled climate: bilinear interpolation by hand at each pixel centre (transformed to
  the climate grid's CRS with OSR) instead of gdal.Warp;
- per-pixel trend: scipy.stats.linregress / scipy.stats.theilslopes per pixel and a
  double-loop Mann–Kendall with collections.Counter for the ties.
Prints the largest differences and exits 1 if any exceeds the tolerance.
"""
import collections
import csv
import json
import math
import os
import sys

import numpy as np
from osgeo import gdal, ogr, osr
from scipy import integrate, stats

gdal.UseExceptions()
gdal.SetConfigOption("GDAL_PAM_ENABLED", "NO")

RTOL = 1e-9
worst = collections.defaultdict(float)
failures = []


def close(what, a, b, rtol=RTOL, atol=1e-9):
    if a is None or b is None:
        if a is not b:
            failures.append(f"{what}: {a} vs {b}")
        return
    d = abs(a - b)
    worst[what.split("[")[0]] = max(worst[what.split("[")[0]], d / max(abs(b), 1e-300))
    if not d <= atol + rtol * abs(b):
        failures.append(f"{what}: {a!r} vs {b!r}")


def ellipsoid_cell_area(lat1, lat2, dlon_deg):
    a = 6378137.0
    f = 1 / 298.257223563
    e2 = f * (2 - f)

    def elem(phi):
        s2 = math.sin(phi) ** 2
        M = a * (1 - e2) / (1 - e2 * s2) ** 1.5
        N = a / math.sqrt(1 - e2 * s2)
        return M * N * math.cos(phi)

    lo, hi = sorted((math.radians(lat1), math.radians(lat2)))
    return integrate.quad(elem, lo, hi, epsabs=0, epsrel=1e-13)[0] * math.radians(abs(dlon_deg))


def srs_from(wkt_or_epsg):
    s = osr.SpatialReference()
    if isinstance(wkt_or_epsg, int):
        s.ImportFromEPSG(wkt_or_epsg)
    else:
        s.ImportFromWkt(wkt_or_epsg)
    s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return s


def value_ok(stored, dtype, codes, valid):
    if dtype.kind == "f" and math.isnan(stored):
        return False
    for c in codes:
        if dtype.kind == "f":
            if math.isnan(c):
                continue
            if np.float32(c) == np.float32(stored) if dtype == np.float32 else c == stored:
                return False
        elif float(c) == float(stored):
            return False
    if valid is not None and not (valid[0] <= stored <= valid[1]):
        return False
    return True


def read(path):
    ds = gdal.Open(path)
    b = ds.GetRasterBand(1)
    return ds, b.ReadAsArray(), b.GetNoDataValue()


def polygons(base, spec, grid_srs):
    """-> list of (props, geom in its own CRS, its srs)."""
    p = os.path.join(base, spec["path"])
    if p.endswith(".zip"):
        ds = ogr.Open("/vsizip/" + p)
    else:
        ds = ogr.Open(p)
    lyr = ds.GetLayer(0)
    srs = lyr.GetSpatialRef()
    srs = srs.Clone() if srs is not None else srs_from(4326)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    out = []
    for f in lyr:
        out.append(({k: f.GetField(k) for k in f.keys()}, f.GetGeometryRef().Clone(), srs))
    return out


def check(dsdir):
    base = os.path.abspath(dsdir)
    m = json.load(open(os.path.join(base, "dataset.json"), encoding="utf-8"))
    exp = json.load(open(os.path.join(base, "expected", "summary.json"), encoding="utf-8"))
    y = m["years"]
    years = list(range(y["from"], y["to"] + 1)) if isinstance(y, dict) else y
    method = m.get("trend", {}).get("method", "ols")
    nepmode = "nep" in m
    lay = m["nep"] if nepmode else m["npp"]
    stack = []
    for yr in years:
        ds, arr, nd = read(os.path.join(base, lay["path"].replace("{year}", str(yr))))
        stack.append((arr, nd))
    gt = ds.GetGeoTransform()
    W, H = ds.RasterXSize, ds.RasterYSize
    gsrs = srs_from(ds.GetProjection())
    centres = [[(gt[0] + (c + 0.5) * gt[1], gt[3] + (r + 0.5) * gt[5]) for c in range(W)]
               for r in range(H)]

    # areas
    if gsrs.IsGeographic():
        rowarea = [ellipsoid_cell_area(gt[3] + r * gt[5], gt[3] + (r + 1) * gt[5], gt[1])
                   for r in range(H)]
    else:
        rowarea = [abs(gt[1] * gt[5])] * H

    def inside_mask(geom, srs):
        tr = osr.CoordinateTransformation(gsrs, srs)
        mask = [[False] * W for _ in range(H)]
        env = geom.GetEnvelope()
        for r in range(H):
            for c in range(W):
                x, yy, _ = tr.TransformPoint(*centres[r][c])
                if not (env[0] <= x <= env[1] and env[2] <= yy <= env[3]):
                    continue
                pt = ogr.Geometry(ogr.wkbPoint)
                pt.AddPoint_2D(x, yy)
                mask[r][c] = geom.Contains(pt)
        return mask

    # zones
    zones = []  # (id, name)
    zone_of = [[None] * W for _ in range(H)]
    if "zones" in m:
        z = m["zones"]
        if z["path"].endswith(".tif"):
            _, za, znd = read(os.path.join(base, z["path"]))
            codes = sorted({int(v) for v in za.ravel() if znd is None or v != znd})
            zones = [(str(c), str(c)) for c in codes]
            for r in range(H):
                for c in range(W):
                    if znd is None or za[r, c] != znd:
                        zone_of[r][c] = str(int(za[r, c]))
        else:
            for i, (props, geom, srs) in enumerate(polygons(base, z, gsrs)):
                zid = str(props[z["idProperty"]])
                zones.append((zid, str(props[z["nameProperty"]])))
                mk = inside_mask(geom, srs)
                for r in range(H):
                    for c in range(W):
                        if mk[r][c] and zone_of[r][c] is None:
                            zone_of[r][c] = zid
    inb = None
    if "boundary" in m:
        inb = [[False] * W for _ in range(H)]
        for props, geom, srs in polygons(base, m["boundary"], gsrs):
            mk = inside_mask(geom, srs)
            for r in range(H):
                for c in range(W):
                    inb[r][c] = inb[r][c] or mk[r][c]

    def layer_value(l, arr, nd, r, c):
        codes = l.get("nodata", [])
        codes = [codes] if isinstance(codes, (int, float)) else list(codes)
        if nd is not None:
            codes.append(nd)
        s = arr[r, c]
        if not value_ok(s.item(), arr.dtype, codes, l.get("valid")):
            return None
        return float(s) * l.get("scale", 1) + l.get("offset", 0)

    # climate per pixel: clim[var][k][r][c]
    clim = {}
    cm = m.get("climate")
    if cm and "table" in cm:
        rows = list(csv.DictReader(open(os.path.join(base, cm["table"]), encoding="utf-8")))
        vars_ = [v for v in ("temperature", "precipitation", "humidity", "sunshine") if v in rows[0]]
        for v in vars_:
            clim[v] = []
            for yr in years:
                reg = [float(rw[v]) for rw in rows if int(rw["year"]) == yr and rw["zone"] == ""][0]
                over = {rw["zone"]: float(rw[v]) for rw in rows if int(rw["year"]) == yr and rw["zone"]}
                clim[v].append([[over.get(zone_of[r][c], reg) if zone_of[r][c] in over else reg
                                 for c in range(W)] for r in range(H)])
    elif cm:
        for v, l in cm.items():
            clim[v] = []
            for yr in years:
                cds, ca, cnd = read(os.path.join(base, l["path"].replace("{year}", str(yr))))
                cgt = cds.GetGeoTransform()
                csrs = srs_from(cds.GetProjection())
                same = (cds.RasterXSize == W and cds.RasterYSize == H and
                        all(abs(a - b) < 1e-9 * abs(gt[1]) for a, b in zip(cgt, gt)) and csrs.IsSame(gsrs))
                grid = [[None] * W for _ in range(H)]
                tr = None if same else osr.CoordinateTransformation(gsrs, csrs)
                for r in range(H):
                    for c in range(W):
                        if same:
                            grid[r][c] = layer_value(l, ca, cnd, r, c)
                            continue
                        X, Y, _ = tr.TransformPoint(*centres[r][c])
                        sx = (X - cgt[0]) / cgt[1] - 0.5
                        sy = (Y - cgt[3]) / cgt[5] - 0.5
                        ix, iy = math.floor(sx), math.floor(sy)
                        fx, fy = sx - ix, sy - iy
                        vals = [layer_value(l, ca, cnd, iy + dy, ix + dx) for dy in (0, 1) for dx in (0, 1)]
                        assert None not in vals, "fixture climate must be valid around the grid"
                        grid[r][c] = ((1 - fy) * ((1 - fx) * vals[0] + fx * vals[1]) +
                                      fy * ((1 - fx) * vals[2] + fx * vals[3]))
                clim[v].append(grid)

    resp = {"a": 0.22, "b": 0.0913, "c": 0.3145, "k": 13.95}
    resp.update({k: v for k, v in m.get("respiration", {}).items() if k != "model"})

    # per pixel
    pix = {}  # (r, c) -> dict of per-year lists
    for r in range(H):
        for c in range(W):
            if inb is not None and not inb[r][c]:
                continue
            rec = {"nep": [], "npp": [], "rh": []}
            ok = True
            for k in range(len(years)):
                arr, nd = stack[k]
                v = layer_value(lay, arr, nd, r, c)
                if v is None:
                    ok = False
                    break
                if nepmode:
                    rec["nep"].append(v)
                    continue
                T = clim["temperature"][k][r][c]
                R = clim["precipitation"][k][r][c]
                if T is None or R is None or not (resp["c"] * R + 1 > 0) or math.isnan(T) or math.isnan(R):
                    ok = False
                    break
                rh = resp["a"] * (math.exp(resp["b"] * T) + math.log(resp["c"] * R + 1)) * resp["k"]
                rec["npp"].append(v)
                rec["rh"].append(rh)
                rec["nep"].append(v - rh)
            if ok:
                pix[(r, c)] = rec
    close("pixels.included", len(pix), exp["pixels"]["included"])
    close("pixels.total", W * H, exp["pixels"]["total"])

    # per-pixel trends vs the expected rasters (hawaii has none committed)
    have_rasters = os.path.exists(os.path.join(base, "expected", "nep_slope.tif"))
    if have_rasters:
        _, slope_r, _ = read(os.path.join(base, "expected", "nep_slope.tif"))
        _, p_r, _ = read(os.path.join(base, "expected", "nep_p.tif"))
        _, mean_r, _ = read(os.path.join(base, "expected", "nep_mean.tif"))
        _, cls_r, _ = read(os.path.join(base, "expected", "trend_class.tif"))
        cls_r = cls_r.astype(np.int16)
        cls_r[cls_r > 127] -= 256  # Byte + PIXELTYPE=SIGNEDBYTE read back as unsigned
        for r in range(H):
            for c in range(W):
                if (r, c) not in pix:
                    assert math.isnan(slope_r[r, c]) and cls_r[r, c] == -128, (r, c)
    cls_of = {}
    for (r, c), rec in pix.items():
        s = rec["nep"]
        if method == "ols":
            lr = stats.linregress(years, s)
            slope, p = lr.slope, lr.pvalue
        else:
            slope = stats.theilslopes(s, years)[0]
            p = mk_loop(s)
        rec["slope"], rec["p"], rec["mean"] = slope, p, sum(s) / len(s)
        cl = (3 if p < 0.01 else 2 if p < 0.05 else 1)
        cl = cl if slope > 0 else -cl if slope < 0 else 0
        cls_of[(r, c)] = cl
        if not have_rasters:
            continue
        close("raster nep_slope[px]", float(slope_r[r, c]), float(np.float32(slope)), 0, 1e-30)
        close("raster nep_p[px]", float(p_r[r, c]), float(np.float32(p)), 0, 1e-30)
        close("raster nep_mean[px]", float(mean_r[r, c]), float(np.float32(rec["mean"])), 0, 1e-30)
        close("raster trend_class[px]", int(cls_r[r, c]), cl, 0, 0)

    # regions
    regions = [("all", None)] + [(zid, zid) for zid, _ in zones]
    assert [r["id"] for r in exp["regions"]] == [r[0] for r in regions]
    for er, (rid, zid) in zip(exp["regions"], regions):
        members = [(rc, rec) for rc, rec in pix.items() if zid is None or zone_of[rc[0]][rc[1]] == zid]
        total = sum(rowarea[rc[0]] for rc, _ in members)
        close(f"{rid}.areaKm2", total / 1e6, er["areaKm2"])
        names = (["nep"] if nepmode else ["npp", "rh", "nep"]) + list(clim)
        for v in names:
            for k in range(len(years)):
                num = den = 0.0
                for rc, rec in members:
                    val = rec[v][k] if v in rec else clim[v][k][rc[0]][rc[1]]
                    if val is None or math.isnan(val):
                        continue
                    num += rowarea[rc[0]] * val
                    den += rowarea[rc[0]]
                close(f"{rid}.series.{v}[{k}]", num / den if den else None, er["series"][v][k])
        for k in range(len(years)):
            sink = sum(rowarea[rc[0]] for rc, rec in members if rec["nep"][k] > 0)
            src = sum(rowarea[rc[0]] for rc, rec in members if rec["nep"][k] < 0)
            close(f"{rid}.series.sinkAreaKm2[{k}]", sink / 1e6, er["series"]["sinkAreaKm2"][k])
            close(f"{rid}.series.sourceAreaKm2[{k}]", src / 1e6, er["series"]["sourceAreaKm2"][k])
            close(f"{rid}.series.sourceShare[{k}]", src / total if total else None,
                  er["series"]["sourceShare"][k])
        sink = sum(rowarea[rc[0]] for rc, rec in members if rec["mean"] > 0)
        src = sum(rowarea[rc[0]] for rc, rec in members if rec["mean"] < 0)
        close(f"{rid}.meanMap.sinkAreaKm2", sink / 1e6, er["meanMap"]["sinkAreaKm2"])
        close(f"{rid}.meanMap.sourceAreaKm2", src / 1e6, er["meanMap"]["sourceAreaKm2"])
        close(f"{rid}.meanMap.sinkShare", sink / total if total else None, er["meanMap"]["sinkShare"])
        for key in ("-3", "-2", "-1", "0", "1", "2", "3"):
            a = sum(rowarea[rc[0]] for rc, _ in members if cls_of[rc] == int(key))
            close(f"{rid}.trendClasses.{key}", a / total if total else None, er["trendClasses"][key])
        if not members:
            continue
        s = er["series"]["nep"]
        close(f"{rid}.nep.mean", sum(s) / len(s), er["nep"]["mean"])
        close(f"{rid}.nep.cumulative", sum(s), er["nep"]["cumulative"])
        lo = min(s)
        hi = max(s)
        assert er["nep"]["min"] == {"year": years[s.index(lo)], "value": lo}, rid
        assert er["nep"]["max"] == {"year": years[s.index(hi)], "value": hi}, rid
        lr = stats.linregress(years, s)
        close(f"{rid}.nep.r2", lr.rvalue ** 2, er["nep"]["r2"])
        if method == "ols":
            close(f"{rid}.nep.slope", lr.slope, er["nep"]["slope"])
            close(f"{rid}.nep.p", lr.pvalue, er["nep"]["p"])
        else:
            close(f"{rid}.nep.slope", stats.theilslopes(s, years)[0], er["nep"]["slope"])
            close(f"{rid}.nep.p", mk_loop(s), er["nep"]["p"])
        for v in clim:
            res = stats.spearmanr(s, er["series"][v])
            rho = None if math.isnan(res.correlation) else res.correlation
            pv = None if math.isnan(res.pvalue) else res.pvalue
            close(f"{rid}.correlation.{v}.rho", rho, er["correlation"][v]["rho"])
            close(f"{rid}.correlation.{v}.p", pv, er["correlation"][v]["p"])


def mk_loop(x):
    n = len(x)
    s = 0
    for i in range(n - 1):
        for j in range(i + 1, n):
            s += (x[j] > x[i]) - (x[j] < x[i])
    ties = sum(t * (t - 1) * (2 * t + 5) for t in collections.Counter(x).values())
    var = (n * (n - 1) * (2 * n + 5) - ties) / 18
    z = (s - 1) / math.sqrt(var) if s > 0 else (s + 1) / math.sqrt(var) if s < 0 else 0.0
    return 2 * stats.norm.sf(abs(z))


if __name__ == "__main__":
    for d in sys.argv[1:]:
        failures.clear()
        worst.clear()
        check(d)
        print(f"{d}: {'OK' if not failures else f'{len(failures)} MISMATCHES'}")
        for k, v in sorted(worst.items()):
            print(f"   max rel diff {k}: {v:.2e}")
        for f in failures[:20]:
            print("   ", f)
        if failures:
            sys.exit(1)
