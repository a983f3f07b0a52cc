"""Map figure details that no data set pins down: label contrast when there are fewer than five classes."""

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from dashboard import theme
from dashboard.maps import figure as mapfigure
from dashboard.maps import geo
from dashboard.views.peta import MapView


def test_names_on_the_darkest_fills_are_white_whatever_the_number_of_classes():
    squares = [shapely.box(i, 0, i + 1, 1) for i in range(3)]
    frame = gpd.GeoDataFrame({"kode": ["a", "b", "c"], "nama": ["A", "B", "C"], "klass": [0, 1, 2],
                              "label_x": [0.5, 1.5, 2.5], "label_y": [0.5] * 3, "hover": ["", "", ""]},
                             geometry=squares)
    empty = pd.DataFrame(columns=["kode", "nama"])
    view = MapView("jumlah", "kuantil", frame, np.array([1.0, 2.0, 3.0]), ["1", "2", "3"],
                   geo.MapJoin(frame, empty, empty), 0)
    figure = mapfigure.choropleth(view, np.array(squares, dtype=object), "t", np.ones(3, dtype=bool))
    fills = {trace.name: trace.fillcolor for trace in figure.data if trace.fill == "toself"}
    assert fills == {"1": theme.SEQUENTIAL[0], "2": theme.SEQUENTIAL[2], "3": theme.SEQUENTIAL[4]}
    points = next(trace for trace in figure.data if trace.customdata is not None)
    # class 2 of 3 wears the darkest blue: its name must be white, the two lighter ones black
    assert list(points.textfont.color) == ["#111111", "#111111", "#FFFFFF"]
