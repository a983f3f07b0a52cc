"""The sidebar's choices (years, kecamatan, programmes) against the generated demo files."""

import re

from dashboard.filters import load_filter_options
from tests.support.expected import read_recipients


def test_filter_options_match_files(run, demo, settings):
    options = load_filter_options(run, settings.kabupaten)
    # every demo file names the year(s) it covers; population is not data a filter picks
    years = {int(y) for p in demo.files.iterdir() if not p.name.startswith("penduduk_")
             for y in re.findall(r"20\d\d", p.name)}
    assert options.years == sorted(years, reverse=True)
    assert options.programs == sorted(read_recipients(demo.files)["program"].unique())
    assert len(options.kecamatan) == 24 and options.kecamatan["35.13.01"] == "Sukapura"
