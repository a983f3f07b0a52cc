"""The handouts' map picture shows what the Peta page shows: its classes in its colours, hatched no-report areas,
open holes, names in the page's contrast, the page's legend, at exactly the size the PPTX asks for."""

import io

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from matplotlib.colors import to_rgb
from PIL import Image

from dashboard import theme
from dashboard.exports import mapimage
from dashboard.maps import geo
from dashboard.maps.figure import class_colours
from dashboard.slides.model import MapPicture
from dashboard.views.peta import MapView
from tests.support import deck as handmade
from tests.support.mappicture import map_picture


def _rgb(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def _hex(colour: str) -> tuple[int, ...]:
    return tuple(round(c * 255) for c in to_rgb(colour))


def _pixel(fig, x: float, y: float) -> tuple[int, int]:
    """Row and column of the picture's pixel at map point (x, y) (the figure must have been drawn)."""
    px, py = fig.axes[0].transData.transform((x, y))
    return int(round(fig.bbox.height - py)), int(round(px))


def _inside(geometry) -> tuple[float, float]:
    """A point well inside a polygon, away from its white edge."""
    inner = geometry.buffer(-0.15 * np.sqrt(geometry.area))
    point = shapely.point_on_surface(inner if not inner.is_empty else geometry)
    return point.x, point.y


@pytest.mark.parametrize("size", [(1600, 900), (1366, 768), (1001, 333), (777, 555)])
def test_the_png_has_exactly_the_requested_size(size):
    png = mapimage.map_png(handmade.map_picture(), *size)
    assert png.startswith(b"\x89PNG")
    assert Image.open(io.BytesIO(png)).size == size


def test_the_kecamatan_map_wears_every_class_colour_of_the_page():
    picture = map_picture(silent=("35.13.05",))
    image = _rgb(mapimage.map_png(picture, 1200, 675))
    colours = {tuple(c) for c in np.unique(image.reshape(-1, 3), axis=0)}
    assert len(picture.view.breaks) == 5
    for colour in class_colours(5):
        assert _hex(colour) in colours


def test_pixels_inside_desa_of_known_class_have_that_class_colour():
    """Desa of the whole kabupaten carry no names except hotspots, so a polygon's inside is its fill alone."""
    silent = "35.13.05.2001"
    picture = map_picture(geo.DESA, silent=(silent,))
    fig = mapimage.map_figure(picture, 1600, 900)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=mapimage.DPI)
    image = _rgb(buffer.getvalue())
    frame = picture.view.frame
    colours = class_colours(len(picture.view.breaks))
    for klass in range(len(colours) - 1):   # the top class is labelled; its names would sit on the fill
        candidates = frame[(frame["klass"] == klass) & ~picture.labelled]
        largest = candidates.iloc[int(np.argmax(shapely.area(candidates.geometry.to_numpy())))]
        row, col = _pixel(fig, *_inside(largest.geometry))
        assert tuple(image[row, col]) == _hex(colours[klass]), (largest["nama"], klass)
    # the desa without a report is white with grey hatching, never a class colour
    nodata = frame[frame["kode"] == silent].iloc[0]
    assert nodata["klass"] == -1
    row, col = _pixel(fig, *_inside(nodata.geometry))
    patch = {tuple(c) for c in image[row - 6:row + 7, col - 6:col + 7].reshape(-1, 3)}
    assert _hex("#FFFFFF") in patch
    assert any(max(c) < 200 and abs(int(c[0]) - int(c[2])) < 12 for c in patch)   # grey hatch lines
    assert not patch & {_hex(c) for c in colours}


def _picture(geometries: list, classes: list[int]) -> MapPicture:
    n = len(geometries)
    frame = gpd.GeoDataFrame({
        "kode": [f"35.13.{i:02d}" for i in range(n)], "nama": [""] * n, "klass": classes,
        "label_x": [shapely.point_on_surface(g).x for g in geometries],
        "label_y": [shapely.point_on_surface(g).y for g in geometries]}, geometry=geometries)
    empty = pd.DataFrame(columns=["kode", "nama"])
    view = MapView("jumlah", "kuantil", frame, np.array([1.0, 2.0]), ["1", "2"], geo.MapJoin(frame, empty, empty), 0)
    return MapPicture(view, np.array([shapely.union_all(geometries)], dtype=object), np.zeros(n, dtype=bool), [])


@pytest.mark.parametrize("reverse", [False, True])
def test_a_hole_is_left_open_whichever_way_its_ring_runs(reverse):
    """An enclave shows what lies in it (here: nothing, so white), not the surrounding area's class colour."""
    hole = list(shapely.box(1, 1, 2, 2).exterior.coords)
    holed = shapely.Polygon(shapely.box(0, 0, 3, 3).exterior.coords, [hole[::-1] if reverse else hole])
    fig = mapimage.map_figure(_picture([holed], [1]), 600, 600)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=mapimage.DPI)
    image = _rgb(buffer.getvalue())
    assert tuple(image[_pixel(fig, 1.5, 1.5)]) == _hex("#FFFFFF")
    assert tuple(image[_pixel(fig, 0.4, 0.4)]) == _hex(class_colours(2)[1])


def test_empty_geometries_get_an_empty_path():
    paths = mapimage.geometry_paths(np.array([shapely.box(0, 0, 1, 1), shapely.Polygon()], dtype=object))
    assert len(paths[0].vertices) == 5 and len(paths[1].vertices) == 0


def test_names_on_the_two_darkest_fills_are_white_and_the_legend_is_the_pages():
    picture = handmade.map_picture()   # three classes: 0, 1, 2 -> lightest, middle, darkest blue
    fig = mapimage.map_figure(picture, 900, 400)
    names = {text.get_text(): text.get_color() for text in fig.axes[0].texts}
    assert names == {"Tongas": "#FFFFFF", "Lumbang": "#111111", "Sumber": "#111111"}
    legend = [text.get_text() for text in fig.legends[0].get_texts()]
    assert legend == ["120", "45", "<5"]          # highest class first, the page's range texts
    fills = [to_rgb(patch.get_facecolor()) for patch in fig.legends[0].get_patches()]
    assert fills == [to_rgb(c) for c in (theme.SEQUENTIAL[4], theme.SEQUENTIAL[2], theme.SEQUENTIAL[0])]


def test_no_report_areas_get_a_hatched_legend_entry():
    picture = map_picture(silent=("35.13.05",))
    entries = mapimage.legend_entries(picture)
    assert entries[-1][0] == "tidak ada laporan" and entries[-1][1].get_hatch() == "//"
    english = map_picture(silent=("35.13.05",), lang="en")  # a view's texts are in the language it was made in
    assert mapimage.legend_entries(english, "en")[-1][0] == "no report"
    assert [name for name, _ in entries[:-1]] == list(reversed(picture.view.legend))
