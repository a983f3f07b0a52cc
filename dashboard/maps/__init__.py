"""Maps: shipped boundaries (``geo``), class breaks (``classify``) and offline SVG choropleths (``figure``)."""
