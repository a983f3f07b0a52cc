"""A Ringkasan tile's change as shown: a change that rounds to zero reads "0,0 poin" with no arrow and no colour."""

import pytest

from dashboard.views.ringkasan import COUNT, PCT, RUPIAH, Kpi, delta_arrow, delta_color, format_change


def _kpi(value, previous, unit=PCT, higher_is_better=True) -> Kpi:
    return Kpi("c3", value, previous, unit, higher_is_better, ("dtks",))


@pytest.mark.parametrize(("value", "previous", "unit", "shown"), [
    (50.04, 50.0, PCT, "0,0 poin"), (50.0, 50.04, PCT, "0,0 poin"),   # never "-0,0 poin"
    (100.4, 100.0, COUNT, "0"), (100.0, 100.4, COUNT, "0"),
    (1000.4, 1000.0, RUPIAH, "Rp 0"),
])
def test_a_change_that_rounds_to_zero_is_neutral(value, previous, unit, shown):
    kpi = _kpi(value, previous, unit)
    assert format_change(kpi) == shown
    assert delta_color(kpi) == "off"
    assert delta_arrow(kpi) == "off"


@pytest.mark.parametrize(("value", "previous", "higher_is_better", "shown", "colour"), [
    (51.26, 50.0, True, "+1,3 poin", "normal"), (48.74, 50.0, True, "-1,3 poin", "normal"),
    (50.06, 50.0, False, "+0,1 poin", "inverse"),
])
def test_a_real_change_keeps_its_sign_arrow_and_colour_rule(value, previous, higher_is_better, shown, colour):
    kpi = _kpi(value, previous, higher_is_better=higher_is_better)
    assert format_change(kpi) == shown
    assert delta_color(kpi) == colour
    assert delta_arrow(kpi) == "auto"


def test_nothing_to_compare_with_shows_no_change():
    kpi = _kpi(50.0, None)
    assert format_change(kpi) is None
    assert delta_arrow(kpi) == "auto"  # st.metric draws nothing without a delta
