#!/usr/bin/python3
"""Independent reference implementation ("oracle") of SPEC.md §3–4, in GDAL + numpy + scipy.

    /usr/bin/python3 test/oracle/nep_summary.py DATASET_JSON OUTDIR [--method ols|sen-mk]
                     [--no-rasters]

Reads the manifest (SPEC §2), computes what SPEC §3 says and writes OUTDIR/summary.json
(schema nep-summary/1, SPEC §4) and the COGs nep_mean.tif, nep_slope.tif, nep_p.tif
(Float32, nodata NaN) and trend_class.tif (Int8, nodata -128).

It shares no code with the TypeScript engine and must never be fed its outputs.
Everything is computed in float64. On bad input it prints one line "<file>: <problem>"
to stderr and exits with status 2, writing nothing.

Choices where SPEC.md is silent (documented in test/oracle/README.md as well):
- nep-only datasets: series.npp and series.rh are absent, "respiration" is null.
- A climate variable that is invalid at an included pixel is left out of that year's
  mean for that variable only (weighted mean over the included pixels where it is valid).
- nep.r2 is always the OLS r² of series.nep against the year, also with sen-mk.
- Climate table: the `zone` column holds the zone's id (idProperty value as a string).
- Zone raster: its GDAL_NODATA value means "no zone"; zones are listed by ascending code.
- Warping: gdal.Warp bilinear with errorThreshold=0 (exact per-pixel transformation, not
  GDAL's default 0.125-px approximation), source invalid values as NaN nodata.
"""
import json
import math
import os
import re
import sys
import zipfile

import numpy as np
from osgeo import gdal, ogr, osr
from scipy import stats

gdal.UseExceptions()
gdal.SetConfigOption("GDAL_PAM_ENABLED", "NO")  # no .aux.xml side files
ogr.UseExceptions()
osr.UseExceptions()

CLIMATE_VARS = ["temperature", "precipitation", "humidity", "sunshine"]
RESP_DEFAULTS = {"model": "pei2010", "a": 0.22, "b": 0.0913, "c": 0.3145, "k": 13.95}
CLASS_KEYS = ["-3", "-2", "-1", "0", "1", "2", "3"]

# WGS84 (SPEC §3: geographic CRS -> cell area on the WGS84 ellipsoid)
WGS84_A = 6378137.0
WGS84_F = 1.0 / 298.257223563


class DatasetError(Exception):
    def __init__(self, file, problem):
        super().__init__(f"{file}: {problem}")
        self.file = file
        self.problem = problem


# ----------------------------------------------------------------------------- manifest

def _is_num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def load_manifest(path):
    name = os.path.basename(path)
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        raise DatasetError(name, f"cannot read ({e.strerror})")
    try:
        m = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise DatasetError(name, f"not valid JSON ({e})")
    if not isinstance(m, dict):
        raise DatasetError(name, "must be a JSON object")

    def bad(field, what):
        raise DatasetError(name, f"field '{field}' {what}")

    # years
    y = m.get("years")
    if isinstance(y, dict):
        if not (isinstance(y.get("from"), int) and not isinstance(y.get("from"), bool)
                and isinstance(y.get("to"), int) and not isinstance(y.get("to"), bool)):
            bad("years", "must be {from, to} with integer years or an array of integers")
        years = list(range(y["from"], y["to"] + 1))
    elif isinstance(y, list):
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in y):
            bad("years", "must be an array of integer years")
        years = list(y)
        if len(set(years)) != len(years):
            bad("years", "has a year twice")
    else:
        bad("years", "must be {from, to} or an array of integer years")
    if len(years) < 3:
        bad("years", "must give at least 3 years")

    def layer(field, obj):
        if not isinstance(obj, dict):
            bad(field, "must be an object with a 'path'")
        if not isinstance(obj.get("path"), str) or not obj["path"]:
            bad(f"{field}.path", "must be a non-empty string")
        for k in ("scale", "offset"):
            if k in obj and not _is_num(obj[k]):
                bad(f"{field}.{k}", "must be a number")
        if "nodata" in obj:
            nd = obj["nodata"]
            if _is_num(nd):
                nd = [nd]
            if not (isinstance(nd, list) and all(_is_num(v) for v in nd)):
                bad(f"{field}.nodata", "must be a number or a list of numbers")
        else:
            nd = []
        if "valid" in obj:
            v = obj["valid"]
            if not (isinstance(v, list) and len(v) == 2 and all(_is_num(x) for x in v)):
                bad(f"{field}.valid", "must be [min, max]")
        return {"path": obj["path"], "scale": float(obj.get("scale", 1.0)),
                "offset": float(obj.get("offset", 0.0)), "nodata": [float(v) for v in nd],
                "valid": obj.get("valid")}

    out = {"name": m.get("name", os.path.basename(os.path.dirname(os.path.abspath(path)))),
           "years": years}
    if not isinstance(out["name"], str):
        bad("name", "must be a string")
    if "nep" in m:
        out["nep"] = layer("nep", m["nep"])
        out["npp"] = None
    elif "npp" in m:
        out["npp"] = layer("npp", m["npp"])
        out["nep"] = None
    else:
        raise DatasetError(name, "needs 'npp' (with respiration) or 'nep'")

    resp = dict(RESP_DEFAULTS)
    if "respiration" in m:
        r = m["respiration"]
        if not isinstance(r, dict):
            bad("respiration", "must be an object")
        if "model" in r and r["model"] != "pei2010":
            bad("respiration.model", "must be 'pei2010'")
        for k in ("a", "b", "c", "k"):
            if k in r:
                if not _is_num(r[k]):
                    bad(f"respiration.{k}", "must be a number")
                resp[k] = r[k]
    out["respiration"] = resp

    clim = m.get("climate")
    out["climate"] = None
    out["climate_table"] = None
    if clim is not None:
        if not isinstance(clim, dict):
            bad("climate", "must be an object")
        if "table" in clim:
            if not isinstance(clim["table"], str):
                bad("climate.table", "must be a string")
            out["climate_table"] = clim["table"]
        else:
            out["climate"] = {}
            for k, v in clim.items():
                if k not in CLIMATE_VARS:
                    bad(f"climate.{k}", "is not one of " + ", ".join(CLIMATE_VARS))
                out["climate"][k] = layer(f"climate.{k}", v)

    out["zones"] = None
    if "zones" in m:
        z = m["zones"]
        if not isinstance(z, dict) or not isinstance(z.get("path"), str):
            bad("zones", "must be an object with a 'path'")
        for k in ("idProperty", "nameProperty"):
            if k in z and not isinstance(z[k], str):
                bad(f"zones.{k}", "must be a string")
        out["zones"] = z
    out["boundary"] = None
    if "boundary" in m:
        b = m["boundary"]
        if not isinstance(b, dict) or not isinstance(b.get("path"), str):
            bad("boundary", "must be an object with a 'path'")
        out["boundary"] = b

    method = "ols"
    if "trend" in m:
        t = m["trend"]
        if not isinstance(t, dict):
            bad("trend", "must be an object")
        if "method" in t:
            if t["method"] not in ("ols", "sen-mk"):
                bad("trend.method", "must be 'ols' or 'sen-mk'")
            method = t["method"]
    out["method"] = method

    if out["npp"] is not None:
        if out["climate"] is not None:
            missing = [v for v in ("temperature", "precipitation") if v not in out["climate"]]
            if missing:
                bad("climate", "needs temperature and precipitation for Rh")
        elif out["climate_table"] is None:
            raise DatasetError(name, "npp needs climate (temperature and precipitation) for Rh")
    return out


def resolve(base, p, year=None):
    if year is not None:
        p = p.replace("{year}", str(year))
    if re.match(r"^https?://", p):
        return "/vsicurl/" + p, p
    return os.path.normpath(os.path.join(base, p)), p


# ----------------------------------------------------------------------------- rasters

def open_raster(full, shown):
    if not os.path.exists(full) and not full.startswith("/vsi"):
        raise DatasetError(shown, "file not found")
    try:
        ds = gdal.Open(full)
    except RuntimeError as e:
        raise DatasetError(shown, f"not a readable GeoTIFF ({str(e).strip()})")
    if ds is None:
        raise DatasetError(shown, "not a readable GeoTIFF")
    if ds.GetDriver().ShortName not in ("GTiff", "COG"):
        raise DatasetError(shown, "not a GeoTIFF")
    return ds


def read_band(ds, shown):
    band = ds.GetRasterBand(1)
    try:
        arr = band.ReadAsArray()
    except RuntimeError as e:
        raise DatasetError(shown, f"cannot read pixels ({str(e).strip()})")
    if arr is None:
        raise DatasetError(shown, "cannot read pixels")
    return arr, band.GetNoDataValue()


def layer_values(arr, file_nodata, lay):
    """stored -> float64 value, NaN where invalid (SPEC §2 raster layer).

    Nodata codes are compared in the band's own data type (a Float32 band whose tag says
    -3.4e+38 holds float32(-3.4e38), which is not the double -3.4e38)."""
    invalid = np.zeros(arr.shape, bool)
    if np.issubdtype(arr.dtype, np.floating):
        invalid |= np.isnan(arr)
    codes = list(lay["nodata"])
    if file_nodata is not None:
        codes.append(file_nodata)
    for c in codes:
        if math.isnan(c):
            if np.issubdtype(arr.dtype, np.floating):
                invalid |= np.isnan(arr)
            continue
        if np.issubdtype(arr.dtype, np.integer):
            if float(c).is_integer():
                invalid |= arr == int(c)
        else:
            invalid |= arr == arr.dtype.type(c)
    if lay["valid"] is not None:
        lo, hi = lay["valid"]
        a64 = arr.astype(np.float64)
        with np.errstate(invalid="ignore"):
            invalid |= (a64 < lo) | (a64 > hi)
    val = arr.astype(np.float64) * lay["scale"] + lay["offset"]
    val[invalid] = np.nan
    return val


class Grid:
    def __init__(self, ds, shown):
        self.gt = tuple(ds.GetGeoTransform())
        self.w = ds.RasterXSize
        self.h = ds.RasterYSize
        self.wkt = ds.GetProjection()
        if not self.wkt:
            raise DatasetError(shown, "has no CRS (GeoTIFF keys)")
        self.srs = osr.SpatialReference()
        self.srs.ImportFromWkt(self.wkt)
        self.srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)

    def same(self, ds):
        if ds.RasterXSize != self.w or ds.RasterYSize != self.h:
            return False
        gt = ds.GetGeoTransform()
        tol = 1e-9 * max(abs(self.gt[1]), abs(self.gt[5]))
        if any(abs(a - b) > tol for a, b in zip(gt, self.gt)):
            return False
        s = osr.SpatialReference()
        wkt = ds.GetProjection()
        if not wkt:
            return False
        s.ImportFromWkt(wkt)
        s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        return bool(s.IsSame(self.srs))

    def mem(self, dtype=gdal.GDT_Float64):
        ds = gdal.GetDriverByName("MEM").Create("", self.w, self.h, 1, dtype)
        ds.SetGeoTransform(self.gt)
        ds.SetProjection(self.wkt)
        return ds


def read_layer_on_grid(base, lay, year, grid, what, must_match):
    full, shown = resolve(base, lay["path"], year)
    ds = open_raster(full, shown)
    if grid is None:
        grid = Grid(ds, shown)
    arr, nd = read_band(ds, shown)
    vals = layer_values(arr, nd, lay)
    if grid.same(ds):
        return vals, grid
    if must_match:
        raise DatasetError(shown, f"{what} is not on the analysis grid (CRS, geotransform "
                                  f"and size must equal the first {what} file's)")
    # resample onto the exact analysis grid, bilinear (SPEC §2 Grids)
    src = gdal.GetDriverByName("MEM").Create("", ds.RasterXSize, ds.RasterYSize, 1,
                                              gdal.GDT_Float64)
    src.SetGeoTransform(ds.GetGeoTransform())
    if not ds.GetProjection():
        raise DatasetError(shown, "has no CRS (GeoTIFF keys)")
    src.SetProjection(ds.GetProjection())
    src.GetRasterBand(1).SetNoDataValue(float("nan"))
    src.GetRasterBand(1).WriteArray(vals)
    dst = grid.mem()
    dst.GetRasterBand(1).SetNoDataValue(float("nan"))
    dst.GetRasterBand(1).Fill(float("nan"))
    gdal.Warp(dst, src, resampleAlg="bilinear", srcNodata="nan", dstNodata="nan",
              errorThreshold=0)
    return dst.GetRasterBand(1).ReadAsArray().astype(np.float64), grid


# ----------------------------------------------------------------------------- areas

def authalic_q(phi):
    """Snyder (1987), Map Projections — A Working Manual, USGS PP 1395, eq. (3-12):
    q = (1 − e²)·[sinφ/(1 − e² sin²φ) − 1/(2e)·ln((1 − e sinφ)/(1 + e sinφ))].
    The ellipsoid's area between the equator and latitude φ per radian of longitude is
    a²·q/2 (Lambert cylindrical equal-area, Snyder eq. 10-15 with q; total area
    2π a² q(90°) = 4π R_q², R_q the authalic radius, eq. 3-13)."""
    e2 = WGS84_F * (2 - WGS84_F)
    e = math.sqrt(e2)
    s = np.sin(phi)
    return (1 - e2) * (s / (1 - e2 * s * s) - (1 / (2 * e)) * np.log((1 - e * s) / (1 + e * s)))


def pixel_areas(grid):
    """m² per pixel, shape (h, w)."""
    gt = grid.gt
    if grid.srs.IsGeographic():
        rows = np.arange(grid.h, dtype=np.float64)
        lat_top = gt[3] + rows * gt[5]
        lat_bot = gt[3] + (rows + 1) * gt[5]
        dlon = math.radians(abs(gt[1]))
        a = WGS84_A
        row_area = a * a / 2 * dlon * np.abs(authalic_q(np.radians(lat_top)) -
                                             authalic_q(np.radians(lat_bot)))
        return np.repeat(row_area[:, None], grid.w, axis=1)
    return np.full((grid.h, grid.w), abs(gt[1] * gt[5] - gt[2] * gt[4]), np.float64)


# ----------------------------------------------------------------------------- vectors

def _json_str(v):
    """A property value as a string, as JavaScript's String(v) writes it."""
    if v is None:
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def read_features(base, spec, what):
    """-> list of (properties dict, ogr.Geometry in the file's CRS), srs of the file."""
    full, shown = resolve(base, spec["path"])
    if not os.path.exists(full):
        raise DatasetError(shown, "file not found")
    low = full.lower()
    feats = []
    if low.endswith(".zip"):
        try:
            with zipfile.ZipFile(full) as z:
                shps = [n for n in z.namelist() if n.lower().endswith(".shp")]
                prjs = [n for n in z.namelist() if n.lower().endswith(".prj")]
        except zipfile.BadZipFile:
            raise DatasetError(shown, "not a zip file")
        if len(shps) != 1:
            raise DatasetError(shown, "must hold exactly one .shp")
        if not prjs:
            raise DatasetError(shown, "has no .prj (the Shapefile's CRS)")
        try:
            ds = ogr.Open(f"/vsizip/{full}/{shps[0]}")
        except RuntimeError as e:
            raise DatasetError(shown, f"cannot read the Shapefile ({e})")
        lyr = ds.GetLayer(0)
        srs = lyr.GetSpatialRef().Clone()
        defn = lyr.GetLayerDefn()
        names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
        for f in lyr:  # file order
            props = {n: f.GetField(n) for n in names}
            feats.append((props, f.GetGeometryRef().Clone()))
        ds = None
    else:
        try:
            with open(full, "rb") as fh:
                gj = json.loads(fh.read().decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            raise DatasetError(shown, f"not valid GeoJSON ({e})")
        if gj.get("type") == "FeatureCollection":
            items = gj.get("features", [])
        elif gj.get("type") == "Feature":
            items = [gj]
        else:
            items = [{"type": "Feature", "properties": {}, "geometry": gj}]
        for it in items:
            geom = it.get("geometry")
            if geom is None:
                continue
            g = ogr.CreateGeometryFromJson(json.dumps(geom))
            feats.append((it.get("properties") or {}, g))
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(4326)  # RFC 7946: lon/lat WGS84
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return feats, srs, shown


def rasterize_mask(geom, src_srs, grid):
    """Pixels whose centre is inside geom (GDAL RasterizeLayer's default rule), after
    transforming the polygon's vertices to the grid CRS (traditional lon/lat order)."""
    g = geom.Clone()
    tr = osr.CoordinateTransformation(src_srs, grid.srs)
    g.Transform(tr)
    mem = ogr.GetDriverByName("Memory").CreateDataSource("")
    lyr = mem.CreateLayer("z", srs=grid.srs)
    f = ogr.Feature(lyr.GetLayerDefn())
    f.SetGeometry(g)
    lyr.CreateFeature(f)
    ds = grid.mem(gdal.GDT_Byte)
    gdal.RasterizeLayer(ds, [1], lyr, burn_values=[1])
    return ds.GetRasterBand(1).ReadAsArray().astype(bool)


def load_zones(base, spec, grid):
    """-> list of (id, name), int array zone index per pixel (-1 = none)."""
    path = spec["path"]
    full, shown = resolve(base, path)
    if path.lower().endswith((".tif", ".tiff")):
        ds = open_raster(full, shown)
        if not grid.same(ds):
            raise DatasetError(shown, "zone raster is not on the analysis grid")
        arr, nd = read_band(ds, shown)
        if not np.issubdtype(arr.dtype, np.integer):
            raise DatasetError(shown, "zone raster must hold integer codes")
        valid = np.ones(arr.shape, bool)
        if nd is not None and float(nd).is_integer():
            valid &= arr != int(nd)
        codes = sorted(int(c) for c in np.unique(arr[valid]))
        idx = np.full(arr.shape, -1, np.int64)
        for i, c in enumerate(codes):
            idx[valid & (arr == c)] = i
        return [(str(c), str(c)) for c in codes], idx
    feats, srs, shown = read_features(base, spec, "zones")
    idp = spec.get("idProperty")
    namep = spec.get("nameProperty")
    zones = []
    idx = np.full((grid.h, grid.w), -1, np.int64)
    for i, (props, geom) in enumerate(feats):
        zid = _json_str(props.get(idp)) if idp else None
        if zid is None:
            zid = str(i + 1)
        zname = _json_str(props.get(namep)) if namep else None
        if zname is None:
            zname = zid
        zones.append((zid, zname))
        mask = rasterize_mask(geom, srs, grid)
        idx[mask & (idx < 0)] = i  # first feature in file order wins
    return zones, idx


def load_boundary(base, spec, grid):
    feats, srs, shown = read_features(base, spec, "boundary")
    inside = np.zeros((grid.h, grid.w), bool)
    for _, geom in feats:
        inside |= rasterize_mask(geom, srs, grid)
    return inside


# ----------------------------------------------------------------------------- climate table

def load_climate_table(base, rel, years):
    import csv
    full, shown = resolve(base, rel)
    try:
        with open(full, "r", encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
    except FileNotFoundError:
        raise DatasetError(shown, "file not found")
    except UnicodeDecodeError:
        raise DatasetError(shown, "not UTF-8 text")
    if not rows:
        raise DatasetError(shown, "empty")
    head = [h.strip() for h in rows[0]]
    if head[:2] != ["year", "zone"]:
        raise DatasetError(shown, "header must start with year,zone")
    vars_ = head[2:]
    for v in vars_:
        if v not in CLIMATE_VARS:
            raise DatasetError(shown, f"unknown column '{v}'")
    for v in ("temperature", "precipitation"):
        if v not in vars_:
            raise DatasetError(shown, f"needs a '{v}' column")
    table = {}  # (year, zone or '') -> {var: value}
    for ln, r in enumerate(rows[1:], start=2):
        if not r or all(not c.strip() for c in r):
            continue
        if len(r) != len(head):
            raise DatasetError(shown, f"line {ln}: expected {len(head)} columns")
        try:
            yr = int(r[0])
            vals = {v: (float(c) if c.strip() else float("nan")) for v, c in zip(vars_, r[2:])}
        except ValueError:
            raise DatasetError(shown, f"line {ln}: not a number")
        table[(yr, r[1].strip())] = vals
    for y in years:
        if (y, "") not in table:
            raise DatasetError(shown, f"no whole-region row for {y}")
    return vars_, table


# ----------------------------------------------------------------------------- statistics

def ols_pixels(x, Y):
    """Per-pixel OLS of Y (n, m) on x (n,), as scipy.stats.linregress. -> slope, p."""
    n = len(x)
    xm = x - x.mean()
    Ym = Y - Y.mean(axis=0)
    ssxm = np.mean(xm * xm)
    ssxym = np.mean(xm[:, None] * Ym, axis=0)
    ssym = np.mean(Ym * Ym, axis=0)
    slope = ssxym / ssxm
    den = np.sqrt(ssxm * ssym)
    with np.errstate(invalid="ignore", divide="ignore"):
        r = np.where(den == 0, 0.0, ssxym / np.where(den == 0, 1, den))
    r = np.clip(r, -1.0, 1.0)
    df = n - 2
    TINY = 1.0e-20
    t = r * np.sqrt(df / ((1.0 - r + TINY) * (1.0 + r + TINY)))
    p = 2 * stats.t.sf(np.abs(t), df)
    return slope, p


def sen_pixels(x, Y):
    """Theil–Sen slope per pixel: median of (y_j − y_i)/(x_j − x_i), i < j."""
    i, j = np.triu_indices(len(x), k=1)
    slopes = (Y[j] - Y[i]) / (x[j] - x[i])[:, None]
    return np.median(slopes, axis=0)


def mk_pixels(Y):
    """Mann–Kendall two-sided p per pixel, following pyMannKendall original_test:
    S = Σ_{i<j} sign(y_j − y_i); var(S) = [n(n−1)(2n+5) − Σ_t t(t−1)(2t+5)]/18 over tie
    groups of size t; Z = (S−1)/√var if S > 0, (S+1)/√var if S < 0, else 0;
    p = 2·(1 − Φ(|Z|)) (computed as 2·Φc(|Z|) with norm.sf)."""
    n = Y.shape[0]
    i, j = np.triu_indices(n, k=1)
    S = np.sign(Y[j] - Y[i]).sum(axis=0)
    # for a tie group of size t, each of its t members has c = t equal values (itself
    # included), so Σ_groups t(t−1)(2t+5) = Σ_members (c−1)(2c+5)
    c = (Y[:, None, :] == Y[None, :, :]).sum(axis=1)
    ties = ((c - 1) * (2 * c + 5)).sum(axis=0)
    var = (n * (n - 1) * (2 * n + 5) - ties) / 18.0
    with np.errstate(invalid="ignore", divide="ignore"):
        sd = np.sqrt(var)
        z = np.where(S > 0, (S - 1) / sd, np.where(S < 0, (S + 1) / sd, 0.0))
    z = np.where(S == 0, 0.0, z)
    return 2 * stats.norm.sf(np.abs(z))


def classify(s, p):
    cls = np.zeros(s.shape, np.int8)
    mag = np.where(p < 0.01, 3, np.where(p < 0.05, 2, 1)).astype(np.int8)
    cls = np.where(s > 0, mag, np.where(s < 0, -mag, 0)).astype(np.int8)
    return cls


def num(v):
    if v is None:
        return None
    v = float(v)
    return None if not math.isfinite(v) else v


# ----------------------------------------------------------------------------- main

def run(manifest_path, outdir, method=None, rasters=True, margins=False):
    base = os.path.dirname(os.path.abspath(manifest_path))
    M = load_manifest(manifest_path)
    years = M["years"]
    method = method or M["method"]
    n = len(years)
    x = np.array(years, np.float64)

    main = M["nep"] if M["nep"] is not None else M["npp"]
    what = "NEP" if M["nep"] is not None else "NPP"
    grid = None
    main_vals = []
    for y in years:
        v, grid = read_layer_on_grid(base, main, y, grid, what, must_match=True)
        main_vals.append(v)
    main_vals = np.stack(main_vals)  # (n, h, w)

    zones, zone_idx = ([], np.full((grid.h, grid.w), -1, np.int64))
    if M["zones"] is not None:
        zones, zone_idx = load_zones(base, M["zones"], grid)

    # climate: dict var -> (n, h, w)
    climate = {}
    if M["climate"] is not None:
        for var in CLIMATE_VARS:
            if var in M["climate"]:
                climate[var] = np.stack([read_layer_on_grid(base, M["climate"][var], y, grid,
                                                            var, must_match=False)[0]
                                         for y in years])
    elif M["climate_table"] is not None:
        vars_, table = load_climate_table(base, M["climate_table"], years)
        zone_ids = [z[0] for z in zones]
        for var in vars_:
            arr = np.empty((n, grid.h, grid.w), np.float64)
            for k, y in enumerate(years):
                arr[k] = table[(y, "")][var]
                for zi, zid in enumerate(zone_ids):
                    row = table.get((y, zid))
                    if row is not None:
                        arr[k][zone_idx == zi] = row[var]
            climate[var] = arr

    if M["npp"] is not None:
        r = M["respiration"]
        T = climate["temperature"]
        R = climate["precipitation"]
        arg = r["c"] * R + 1
        with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
            rh = r["a"] * (np.exp(r["b"] * T) + np.log(np.where(arg > 0, arg, np.nan))) * r["k"]
        rh[~(arg > 0)] = np.nan
        npp = main_vals
        nep = npp - rh
    else:
        npp = rh = None
        nep = main_vals

    included = np.all(np.isfinite(nep), axis=0)
    if M["boundary"] is not None:
        included &= load_boundary(base, M["boundary"], grid)
    area = pixel_areas(grid)

    # per-pixel maps over included pixels
    inc_flat = included.ravel()
    Y = nep.reshape(n, -1)[:, inc_flat]
    pix_mean = Y.mean(axis=0)
    if method == "ols":
        pix_slope, pix_p = ols_pixels(x, Y)
    else:
        pix_slope = sen_pixels(x, Y)
        pix_p = mk_pixels(Y)
    pix_class = classify(pix_slope, pix_p)

    def full_map(vals, fill, dtype):
        out = np.full(grid.h * grid.w, fill, dtype)
        out[inc_flat] = vals
        return out.reshape(grid.h, grid.w)

    mean_map = full_map(pix_mean, np.nan, np.float64)
    class_map = full_map(pix_class, -128, np.int8)

    series_vars = []
    if npp is not None:
        series_vars += [("npp", npp), ("rh", rh)]
    series_vars += [("nep", nep)]
    series_vars += [(v, climate[v]) for v in CLIMATE_VARS if v in climate]

    def region(rid, rname, mask):
        w = area[mask]
        total = w.sum()
        ser = {}
        for name, arr in series_vars:
            vals = []
            for k in range(n):
                a = arr[k][mask]
                ok = np.isfinite(a)
                sw = w[ok].sum()
                vals.append(num((w[ok] * a[ok]).sum() / sw) if sw > 0 else None)
            ser[name] = vals
        ser["sinkAreaKm2"] = [float(w[nep[k][mask] > 0].sum() / 1e6) for k in range(n)]
        ser["sourceAreaKm2"] = [float(w[nep[k][mask] < 0].sum() / 1e6) for k in range(n)]
        ser["sourceShare"] = [num(w[nep[k][mask] < 0].sum() / total) if total > 0 else None
                              for k in range(n)]
        s = ser["nep"]
        if total > 0 and all(v is not None for v in s):
            sa = np.array(s)
            imin = min(range(n), key=lambda k: (sa[k], years[k]))
            imax = min(range(n), key=lambda k: (-sa[k], years[k]))
            lr = stats.linregress(x, sa)
            if method == "ols":
                slope, p = lr.slope, lr.pvalue
            else:
                slope = stats.theilslopes(sa, x)[0]
                p = mk_pixels(sa[:, None])[0]
            nep_stats = {"mean": num(sa.mean()), "cumulative": num(sa.sum()),
                         "min": {"year": years[imin], "value": num(sa[imin])},
                         "max": {"year": years[imax], "value": num(sa[imax])},
                         "slope": num(slope), "r2": num(lr.rvalue ** 2), "p": num(p)}
        else:
            nep_stats = {"mean": None, "cumulative": None, "min": None, "max": None,
                         "slope": None, "r2": None, "p": None}
        mm = mean_map[mask]
        sink = w[mm > 0].sum()
        meanmap = {"sinkAreaKm2": float(sink / 1e6),
                   "sourceAreaKm2": float(w[mm < 0].sum() / 1e6),
                   "sinkShare": num(sink / total) if total > 0 else None}
        cm = class_map[mask]
        tc = {k: (num(w[cm == int(k)].sum() / total) if total > 0 else None)
              for k in CLASS_KEYS}
        corr = {}
        for v in CLIMATE_VARS:
            if v not in climate:
                continue
            cv = ser[v]
            if total > 0 and all(q is not None for q in s) and all(q is not None for q in cv):
                with np.errstate(all="ignore"):
                    import warnings
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        res = stats.spearmanr(s, cv)
                corr[v] = {"rho": num(res.correlation), "p": num(res.pvalue)}
            else:
                corr[v] = {"rho": None, "p": None}
        return {"id": rid, "name": rname, "areaKm2": float(total / 1e6), "series": ser,
                "nep": nep_stats, "meanMap": meanmap, "trendClasses": tc, "correlation": corr}

    if margins:
        # how close the included pixels come to the SPEC's decision thresholds: an engine
        # in float32 may decide differently only where these are tiny
        Yinc = nep.reshape(n, -1)[:, inc_flat]
        with np.errstate(divide="ignore"):
            print(json.dumps({
                "min |NEP| (any year)": float(np.abs(Yinc).min()) if Yinc.size else None,
                "min |mean NEP|": float(np.abs(pix_mean).min()) if pix_mean.size else None,
                "min |slope| (nonzero)": float(np.abs(pix_slope[pix_slope != 0]).min())
                if np.any(pix_slope != 0) else None,
                "slopes exactly 0": int((pix_slope == 0).sum()),
                "min |log(p/0.01)|": float(np.abs(np.log(pix_p / 0.01)).min()) if pix_p.size else None,
                "min |log(p/0.05)|": float(np.abs(np.log(pix_p / 0.05)).min()) if pix_p.size else None,
            }), file=sys.stderr)

    regions = [region("all", "Whole region", included)]
    for zi, (zid, zname) in enumerate(zones):
        regions.append(region(zid, zname, included & (zone_idx == zi)))

    summary = {
        "schema": "nep-summary/1",
        "dataset": M["name"],
        "years": years,
        "method": method,
        "respiration": M["respiration"] if M["npp"] is not None else None,
        "pixels": {"total": grid.w * grid.h, "included": int(included.sum())},
        "regions": regions,
    }

    os.makedirs(outdir, exist_ok=True)
    tmp = os.path.join(outdir, "summary.json.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=1, ensure_ascii=False, allow_nan=False)
        f.write("\n")
    os.replace(tmp, os.path.join(outdir, "summary.json"))

    if rasters:
        write_cog(os.path.join(outdir, "nep_mean.tif"), grid, mean_map.astype(np.float32))
        write_cog(os.path.join(outdir, "nep_slope.tif"), grid,
                  full_map(pix_slope, np.nan, np.float64).astype(np.float32))
        write_cog(os.path.join(outdir, "nep_p.tif"), grid,
                  full_map(pix_p, np.nan, np.float64).astype(np.float32))
        write_cog(os.path.join(outdir, "trend_class.tif"), grid, class_map)
    return summary


def write_cog(path, grid, arr):
    """Float32 (nodata NaN) or Int8 (nodata -128; GDAL 3.6 = Byte + PIXELTYPE=SIGNEDBYTE)."""
    if arr.dtype == np.int8:
        src = gdal.GetDriverByName("GTiff").Create("/vsimem/oracle_src.tif", grid.w, grid.h, 1,
                                                   gdal.GDT_Byte, ["PIXELTYPE=SIGNEDBYTE"])
        nd = -128
        data = arr.view(np.uint8)
    else:
        src = gdal.GetDriverByName("MEM").Create("", grid.w, grid.h, 1, gdal.GDT_Float32)
        nd = float("nan")
        data = arr
    src.SetGeoTransform(grid.gt)
    src.SetProjection(grid.wkt)
    b = src.GetRasterBand(1)
    b.SetNoDataValue(nd)
    b.WriteArray(data)
    src.FlushCache()
    tmp = path + ".tmp.tif"
    gdal.GetDriverByName("COG").CreateCopy(tmp, src, options=["COMPRESS=DEFLATE"])
    if arr.dtype == np.int8:
        src = None
        gdal.Unlink("/vsimem/oracle_src.tif")
    os.replace(tmp, path)


def main(argv):
    import argparse
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dataset")
    ap.add_argument("outdir")
    ap.add_argument("--method", choices=["ols", "sen-mk"])
    ap.add_argument("--no-rasters", action="store_true")
    ap.add_argument("--margins", action="store_true",
                    help="print to stderr how near pixels come to the sign and p thresholds")
    a = ap.parse_args(argv)
    try:
        run(a.dataset, a.outdir, a.method, rasters=not a.no_rasters, margins=a.margins)
    except DatasetError as e:
        print(str(e), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
