#!/usr/bin/python3
"""
Independent check of the Qilian demo dataset with GDAL, numpy and scipy (no project code).

    /usr/bin/python3 scripts/demo-data/check.py [public/data/qilian/dataset.json]

Reads the manifest and the COGs, warps climate rasters that are on another grid (the demo's are
on their own 0.072° grid) to the NPP grid with GDAL (gdal.Warp, bilinear, errorThreshold 0,
Float32, as SPEC §2 says), rasterizes zones and boundary with GDAL (pixel centres), computes NEP = NPP·scale − Rh(T, P) (Pei et al. 2010, the manifest's a, b, c, k), pixel areas
on the WGS84 ellipsoid, and SPEC §3's statistics for the park and each zone, then compares them
with the study's figures and the tolerances of test/demo/qilian.test.ts. Exit 1 on a failure.
"""
import json
import os
import sys

import numpy as np
from osgeo import gdal, ogr
from scipy import stats

gdal.UseExceptions()

STUDY = {
    "all": dict(mean=156.9, slope=1.89, min=(2001, 126.1), max=(2019, 181.6), rho=(0.47, 0.36, 0.20, 0.098)),
    "III-2": dict(mean=43.39, slope=1.02, min=(2001, 28.51), max=(2018, 67.06), rho=(0.38, 0.37, 0.26, 0.11)),
    "II-3-3": dict(mean=230.13, slope=3.88, min=(2001, 153.59), max=(2019, 298.63), rho=(0.45, 0.43, 0.26, 0.038)),
    "III-1-3": dict(mean=6.69, slope=0.25, min=(2001, 0.94), max=(2010, 17.94), rho=(0.49, 0.15, 0.23, 0.23)),
    "III-1-1": dict(mean=72.16, slope=1.30, min=(2001, 51.23), max=(2018, 91.22), rho=(0.45, 0.38, 0.32, 0.14)),
    "III-1-2": dict(mean=221.61, slope=2.31, min=(2001, 184.03), max=(2019, 249.8), rho=(0.52, 0.30, 0.047, 0.022)),
}
CLASSES = {3: 73.4, 2: 13.1, 1: 12.3, -1: 0.8, -2: 0.1, -3: 0.3}
VARS = ("temperature", "precipitation", "humidity", "sunshine")

failures = []


def check(name, ok, text):
    print(("ok    " if ok else "FAIL  ") + f"{name}: {text}")
    if not ok:
        failures.append(name)


def rel(name, got, want, tol):
    check(name, abs(got - want) <= abs(want) * tol, f"{got:.4f} (study {want}, ±{tol * 100:g} %)")


def absol(name, got, want, tol):
    check(name, abs(got - want) <= tol, f"{got:.4f} (study {want}, ±{tol})")


def read(path):
    ds = gdal.Open(path)
    band = ds.GetRasterBand(1)
    return band.ReadAsArray().astype(np.float64), band.GetNoDataValue(), ds.GetGeoTransform(), ds.RasterXSize, ds.RasterYSize


def read_on_grid(path, layer, gt, w, h, srs):
    """A climate layer in physical units on the NPP grid: as it is when it is on that grid,
    otherwise warped bilinearly with GDAL (gdalwarp -r bilinear, exact transformer)."""
    assert "nodata" not in layer and "valid" not in layer, "check.py reads the file's own nodata only"
    ds = gdal.Open(path)
    if ds.GetGeoTransform() == gt and (ds.RasterXSize, ds.RasterYSize) == (w, h):
        c, nd, _, _, _ = read(path)
        c = np.where(c == nd, np.nan, c) if nd is not None else c
    else:
        bounds = (gt[0], gt[3] + gt[5] * h, gt[0] + gt[1] * w, gt[3])
        out = gdal.Warp("", ds, format="MEM", dstSRS=srs, outputBounds=bounds, width=w, height=h,
                        resampleAlg="bilinear", errorThreshold=0, outputType=gdal.GDT_Float32,
                        dstNodata=float("nan"))
        assert np.allclose(out.GetGeoTransform(), gt, rtol=0, atol=1e-12), out.GetGeoTransform()
        c = out.GetRasterBand(1).ReadAsArray().astype(np.float64)
    return c * layer.get("scale", 1) + layer.get("offset", 0)


def ellipsoid_row_areas(gt, h):
    a = 6378137.0
    f = 1 / 298.257223563
    e2 = f * (2 - f)
    e = np.sqrt(e2)

    def q(phi):
        s = np.sin(phi)
        return s / (1 - e2 * s * s) - (1 / (2 * e)) * np.log((1 - e * s) / (1 + e * s))

    lat_top = np.radians(gt[3] + gt[5] * np.arange(h))
    lat_bot = np.radians(gt[3] + gt[5] * (np.arange(h) + 1))
    b2 = a * a * (1 - e2)
    return np.abs(b2 / 2 * np.radians(gt[1]) * (q(lat_top) - q(lat_bot))) / 1e6


def rasterize(path, w, h, gt, id_prop=None):
    src = ogr.Open(path)
    layer = src.GetLayer()
    feats = list(layer)
    ids = [f.GetField(id_prop) if id_prop else "boundary" for f in feats]
    drv = gdal.GetDriverByName("MEM")
    out = drv.Create("", w, h, 1, gdal.GDT_Int16)
    out.SetGeoTransform(gt)
    out.GetRasterBand(1).Fill(-1)
    # Burn last feature first so that the first feature in file order wins on overlaps.
    mem = ogr.GetDriverByName("Memory").CreateDataSource("m")
    lyr = mem.CreateLayer("z", layer.GetSpatialRef(), ogr.wkbPolygon)
    lyr.CreateField(ogr.FieldDefn("v", ogr.OFTInteger))
    for i in reversed(range(len(feats))):
        g = feats[i].GetGeometryRef().Clone()
        nf = ogr.Feature(lyr.GetLayerDefn())
        nf.SetGeometry(g)
        nf.SetField("v", i)
        lyr.CreateFeature(nf)
    gdal.RasterizeLayer(out, [1], lyr, options=["ATTRIBUTE=v"])
    return out.GetRasterBand(1).ReadAsArray(), ids


def main():
    manifest_path = sys.argv[1] if len(sys.argv) > 1 else "public/data/qilian/dataset.json"
    root = os.path.dirname(manifest_path)
    m = json.load(open(manifest_path))
    years = list(range(m["years"]["from"], m["years"]["to"] + 1))
    n = len(years)
    lay = m["npp"]
    rp = m["respiration"]
    first = os.path.join(root, lay["path"].replace("{year}", str(years[0])))
    npp0, nodata, gt, w, h = read(first)
    srs = gdal.Open(first).GetSpatialRef()
    cds = gdal.Open(os.path.join(root, m["climate"]["temperature"]["path"].replace("{year}", str(years[0]))))
    print(f"climate grid {cds.RasterXSize}×{cds.RasterYSize}, geotransform {cds.GetGeoTransform()}")
    area = np.repeat(ellipsoid_row_areas(gt, h)[:, None], w, axis=1)
    nep = np.empty((n, h, w))
    valid = np.ones((h, w), bool)
    clim = {v: np.empty((n, h, w)) for v in VARS}
    for i, y in enumerate(years):
        raw, nd, _, _, _ = read(os.path.join(root, lay["path"].replace("{year}", str(y))))
        ok = (raw >= lay["valid"][0]) & (raw <= lay["valid"][1]) & (raw != nd)
        for v in VARS:
            cl = m["climate"][v]
            clim[v][i] = read_on_grid(os.path.join(root, cl["path"].replace("{year}", str(y))), cl, gt, w, h, srs)
        t, p = clim["temperature"][i], clim["precipitation"][i]
        with np.errstate(invalid="ignore", divide="ignore"):
            rh = rp["a"] * (np.exp(rp["b"] * t) + np.log(rp["c"] * p + 1)) * rp["k"]
        val = raw * lay["scale"] + lay.get("offset", 0) - rh
        ok &= np.isfinite(val)
        nep[i] = val
        valid &= ok
    bnd, _ = rasterize(os.path.join(root, m["boundary"]["path"]), w, h, gt)
    zones, ids = rasterize(os.path.join(root, m["zones"]["path"]), w, h, gt, m["zones"]["idProperty"])
    included = valid & (bnd >= 0)
    total_mb = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(root) for f in fs) / 1e6
    print(f"dataset {root}: {total_mb:.2f} MB, grid {w}×{h}, included pixels {included.sum()}")
    check("size ≤ 15 MB", total_mb <= 15, f"{total_mb:.2f} MB")

    x = np.array(years, float)
    xc = x - x.mean()
    sxx = (xc ** 2).sum()
    regions = [("all", included)] + [(zid, included & (zones == k)) for k, zid in enumerate(ids)]
    for rid, mask in regions:
        a = area[mask]
        A = a.sum()
        vals = nep[:, mask]  # years × pixels
        series = (vals * a).sum(axis=1) / A
        lr = stats.linregress(x, series)
        s = STUDY[rid]
        print(f"--- {rid}: {A:.2f} km², mean {series.mean():.3f}, slope {lr.slope:.4f}, p {lr.pvalue:.2e}")
        print("    series " + " ".join(f"{v:.2f}" for v in series))
        rel(f"{rid} mean", series.mean(), s["mean"], 0.03 if rid != "all" else 0.02)
        rel(f"{rid} slope", lr.slope, s["slope"], 0.10)
        imin, imax = int(np.argmin(series)), int(np.argmax(series))
        check(f"{rid} min year", years[imin] == s["min"][0], f"{years[imin]} (study {s['min'][0]})")
        check(f"{rid} max year", years[imax] == s["max"][0], f"{years[imax]} (study {s['max'][0]})")
        rel(f"{rid} min", series[imin], s["min"][1], 0.03)
        rel(f"{rid} max", series[imax], s["max"][1], 0.03)
        for v, want in zip(VARS, s["rho"]):
            cs = (clim[v][:, mask] * a).sum(axis=1) / A
            rho = stats.spearmanr(series, cs).statistic
            absol(f"{rid} rho {v}", rho, want, 0.05)
        if rid == "all":
            absol("park area km²", A, 50200, 250)
            src = ((vals < 0) * a).sum(axis=1) / A * 100
            print("    source share % " + " ".join(f"{v:.4f}" for v in src))
            check("source share < 0.5 %", bool((src < 0.5).all()), f"max {src.max():.4f}")
            check("source share max 2015", years[int(np.argmax(src))] == 2015, f"{years[int(np.argmax(src))]}")
            absol("source share 2015 %", src[years.index(2015)], 0.4656, 0.05)
            rising = [years[i] for i in range(1, n) if src[i] > src[i - 1]]
            check("source share rises in 2012, 2015, 2017, 2019, 2020", rising == [2012, 2015, 2017, 2019, 2020], str(rising))
            check("source share trends down", stats.linregress(x, src).slope < 0, f"{stats.linregress(x, src).slope:.5f}")
            mm = vals.mean(axis=0)
            absol("mean-map sink share %", (a * (mm > 0)).sum() / A * 100, 99.755, 0.1)
            # Per-pixel OLS trend classes (scipy's t distribution for p).
            ym = vals - vals.mean(axis=0)
            b = (xc[:, None] * ym).sum(axis=0) / sxx
            rss = np.maximum((ym ** 2).sum(axis=0) - b * b * sxx, 0)
            with np.errstate(divide="ignore"):
                tt = b * np.sqrt(sxx) / np.sqrt(rss / (n - 2))
            p = 2 * stats.t.sf(np.abs(tt), n - 2)
            lvl = np.where(p < 0.01, 3, np.where(p < 0.05, 2, 1))
            cls = np.sign(b) * lvl
            for c, want in CLASSES.items():
                absol(f"trend class {c:+d} %", (a * (cls == c)).sum() / A * 100, want, 1)
            npp_max = max(np.nanmax(np.where(included, nep[i], np.nan)) for i in range(n))
            print(f"    NEP max {npp_max:.1f}")
    print(f"\n{len(failures)} failures" + (": " + ", ".join(failures) if failures else ""))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
