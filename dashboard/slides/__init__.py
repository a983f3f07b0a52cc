"""The rakor as slides: a model every renderer shares (``model``), built from the page views (``agenda``)."""
