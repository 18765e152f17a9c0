#!/usr/bin/python3
"""Make the benchmark dataset: a synthetic NEP study on the MODIS sinusoidal 500 m grid
near 38° N (Qilian-like), 2000–2022, as DEFLATE COGs written by GDAL's COG driver.

usage: /usr/bin/python3 bench/make_dataset.py OUTDIR [--size N] [--from 2000] [--to 2022]
       (npm run bench calls it with OUTDIR = .bench/qilian-1000 when that is missing)

Writes OUTDIR/dataset.json (shared/SPEC.md §2), npp/npp_{year}.tif (Int16, kgC m⁻² × 10⁴
as MOD17A3HGF, values ~0–6000, fill codes 32761–32767 in some pixels, GDAL_NODATA 32767),
climate/{tmp,pre,rhu,ssd}_{year}.tif (Float32: °C, mm, %, h), boundary.geojson (one polygon)
and zones.geojson (5 zones, property "code" = "0"…"4" as the numpy baseline numbers them,
"name"). All numbers come from numpy's default_rng(20240601): same files every time.

The grid is equal-area, so the area-weighted means of SPEC §3 equal the plain means the
baseline takes. Polygon edges are densified to ¼ pixel, so whether an edge is straight in
lon/lat or in the projected grid makes no difference to which pixel centres fall inside.
"""
import argparse, json, math, os
import numpy as np
from osgeo import gdal, ogr, osr

gdal.UseExceptions()
ap = argparse.ArgumentParser()
ap.add_argument("out")
ap.add_argument("--size", type=int, default=1000)
ap.add_argument("--from", dest="y0", type=int, default=2000)
ap.add_argument("--to", dest="y1", type=int, default=2022)
a = ap.parse_args()
N, years = a.size, list(range(a.y0, a.y1 + 1))
out = a.out
os.makedirs(f"{out}/npp", exist_ok=True)
os.makedirs(f"{out}/climate", exist_ok=True)
rng = np.random.default_rng(20240601)

SINU = "+proj=sinu +lon_0=0 +x_0=0 +y_0=0 +R=6371007.181 +units=m +no_defs"
PIX = 463.312716528  # MODIS 500 m
# on the MODIS grid: top at 40° N (top of tile row v05), left edge 1000 px west of tile h25
# (about 95° E); a 1000 px grid then spans about 35.8–40° N, centred near 38° N
X0 = -20015109.354 + 25 * 1111950.519667 - 1000 * PIX
Y0 = 10007554.677 - 5 * 1111950.519667
GT = (X0, PIX, 0.0, Y0, 0.0, -PIX)
srs = osr.SpatialReference()
srs.ImportFromProj4(SINU)
WKT = srs.ExportToWkt()

yy, xx = np.mgrid[0:N, 0:N].astype(np.float64) / N  # 0…1 across the grid
t = np.asarray(years, float) - years[0]


def smooth(scale, octaves=3):
    """A smooth random field in roughly [-1, 1] (sum of random sinusoids)."""
    f = np.zeros((N, N))
    for o in range(octaves):
        for _ in range(4):
            kx, ky = rng.normal(0, 2.0 * (o + 1), 2)
            ph = rng.uniform(0, 2 * math.pi)
            f += np.sin(2 * math.pi * (kx * xx + ky * yy) + ph) / (o + 1)
    return f / np.abs(f).max() * scale


def write(path, arr, gdal_type, nodata=None):
    mem = gdal.GetDriverByName("MEM").Create("", N, N, 1, gdal_type)
    mem.SetGeoTransform(GT)
    mem.SetProjection(WKT)
    b = mem.GetRasterBand(1)
    if nodata is not None:
        b.SetNoDataValue(nodata)
    b.WriteArray(arr)
    gdal.GetDriverByName("COG").CreateCopy(f"{out}/{path}", mem, options=["COMPRESS=DEFLATE"])


# --- climate (annual): temperature °C, precipitation mm, humidity %, sunshine h.
# Smooth fields, as interpolated/downscaled climate products are (a pixel-level white noise
# would make the Float32 COGs incompressible and the files ten times larger): a base field
# plus a yearly anomaly made of three smooth patterns with random weights, rounded to
# 0.01 °C / 0.1 mm / 0.1 % / 0.1 h.
elev = 0.5 + 0.5 * smooth(1.0)  # 0…1, "elevation"
base = {
    "tmp": 6.0 - 14.0 * elev + smooth(1.0, 2),
    "pre": 250 + 350 * elev + 40 * smooth(1.0, 2),
    "rhu": 40 + 25 * elev + 3 * smooth(1.0, 2),
    "ssd": 3000 - 600 * elev + 50 * smooth(1.0, 2),
}
patterns = {k: [smooth(1.0, 2) for _ in range(3)] for k in base}
sd = {"tmp": 0.5, "pre": 40, "rhu": 2, "ssd": 60}
step = {"tmp": 0.01, "pre": 0.1, "rhu": 0.1, "ssd": 0.1}
drift = {"tmp": lambda i: 0.04 * t[i], "pre": lambda i: base["pre"] * 0.004 * t[i], "rhu": lambda i: 0.0, "ssd": lambda i: -2 * t[i]}
clim = {}
for i, y in enumerate(years):
    clim[y] = {}
    for k in base:
        w = rng.normal(0, sd[k], 3)
        v = base[k] + drift[k](i) + w[0] * patterns[k][0] + w[1] * patterns[k][1] + w[2] * patterns[k][2]
        if k == "pre":
            v = np.maximum(v, 5)
        if k == "rhu":
            v = np.clip(v, 5, 100)
        clim[y][k] = np.round(v / step[k]) * step[k]
tmp_base, pre_base = base["tmp"], base["pre"]

# --- NPP, stored Int16 (kgC m⁻² × 10⁴ = gC m⁻² × 10)
npp_base = 1500 + 2500 * np.clip(0.5 + 0.5 * smooth(1.0), 0, 1)  # 150…400 gC
npp_trend = 25 * smooth(1.0, 2)  # ± 2.5 gC per year
fill = np.zeros((N, N), np.int16)
land = 0.5 + 0.5 * smooth(1.0, 2)
fill[land > 0.93] = 32766  # water
fill[(land < 0.03)] = 32765  # barren
codes = np.arange(32761, 32768, dtype=np.int16)
spots = rng.random((N, N)) < 0.003
fill[spots] = rng.choice(codes, spots.sum())
for i, y in enumerate(years):
    c = clim[y]
    v = npp_base + npp_trend * t[i] + 8 * (c["pre"] - pre_base) + 60 * (c["tmp"] - tmp_base) + rng.normal(0, 150, (N, N))
    v = np.clip(np.rint(v), 0, 6000).astype(np.int16)
    v[fill > 0] = fill[fill > 0]
    yearly = rng.random((N, N)) < 0.0005  # a few pixels are fill in single years
    v[yearly] = 32767
    write(f"npp/npp_{y}.tif", v, gdal.GDT_Int16, 32767)
    for k in ("tmp", "pre", "rhu", "ssd"):
        write(f"climate/{k}_{y}.tif", c[k].astype(np.float32), gdal.GDT_Float32)

# --- boundary and zones, made in pixel space, densified, then to lon/lat
ll = osr.SpatialReference()
ll.ImportFromEPSG(4326)
ll.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
ct = osr.CoordinateTransformation(srs, ll)


def ring_geom(points):
    r = ogr.Geometry(ogr.wkbLinearRing)
    for x, y in points:
        r.AddPoint_2D(float(x), float(y))
    r.CloseRings()
    g = ogr.Geometry(ogr.wkbPolygon)
    g.AddGeometry(r)
    return g


ang = np.linspace(0, 2 * math.pi, 720, endpoint=False)
rad = 0.43 * N * (1 + 0.08 * np.sin(3 * ang + 0.4) + 0.05 * np.sin(7 * ang + 1.3))
cx, cy = 0.5 * N + 0.37, 0.5 * N + 0.21
boundary = ring_geom(zip(cx + rad * np.cos(ang) * 1.05, cy + rad * np.sin(ang) * 0.8))

# zone dividers: 4 wavy near-vertical lines
zones = []
xs = [0.25, 0.42, 0.58, 0.76]
ys = np.linspace(-1, N + 1, 400)
prev = [(-10.0, y) for y in ys]
for k in range(5):
    if k < 4:
        cur = [(xs[k] * N + 0.123 + 25 * math.sin(y / N * 6 + k), y) for y in ys]
    else:
        cur = [(N + 10.0, y) for y in ys]
    strip = ring_geom(prev + cur[::-1])
    zones.append(strip.Intersection(boundary))
    prev = cur


def to_lonlat(g):
    g = g.Clone()
    g.Segmentize(0.25)  # ¼ pixel
    px = ogr.Geometry(wkt=g.ExportToWkt())
    # pixel → sinusoidal
    def conv(geom):
        for i in range(geom.GetGeometryCount()):
            conv(geom.GetGeometryRef(i))
        for i in range(geom.GetPointCount()):
            x, y = geom.GetX(i), geom.GetY(i)
            geom.SetPoint_2D(i, GT[0] + x * GT[1], GT[3] + y * GT[5])
    conv(px)
    px.AssignSpatialReference(srs)
    px.Transform(ct)
    return json.loads(px.ExportToJson(options=["COORDINATE_PRECISION=12"]))


def fc(features):
    return {"type": "FeatureCollection", "features": features}


with open(f"{out}/boundary.geojson", "w") as f:
    json.dump(fc([{"type": "Feature", "properties": {"name": "Park boundary"}, "geometry": to_lonlat(boundary)}]), f)
names = ["Western Qilian", "Shule River", "Central Qilian", "Heihe River", "Eastern Qilian"]
with open(f"{out}/zones.geojson", "w") as f:
    json.dump(fc([{"type": "Feature", "properties": {"code": str(i), "name": names[i]}, "geometry": to_lonlat(z)}
                  for i, z in enumerate(zones)]), f)

manifest = {
    "name": f"Benchmark: synthetic Qilian-like study, {N} × {N} px, {years[0]}–{years[-1]}",
    "years": {"from": years[0], "to": years[-1]},
    "npp": {"path": "npp/npp_{year}.tif", "scale": 0.1, "offset": 0, "valid": [0, 32700]},
    "climate": {
        "temperature": {"path": "climate/tmp_{year}.tif"},
        "precipitation": {"path": "climate/pre_{year}.tif"},
        "humidity": {"path": "climate/rhu_{year}.tif"},
        "sunshine": {"path": "climate/ssd_{year}.tif"},
    },
    "zones": {"path": "zones.geojson", "idProperty": "code", "nameProperty": "name"},
    "boundary": {"path": "boundary.geojson"},
    "respiration": {"model": "pei2010", "a": 0.22, "b": 0.0913, "c": 0.3145, "k": 13.95},
    "trend": {"method": "ols"},
}
with open(f"{out}/dataset.json", "w") as f:
    json.dump(manifest, f, indent=2)
print(f"wrote {out}/dataset.json ({N} × {N} px, {len(years)} years)")
