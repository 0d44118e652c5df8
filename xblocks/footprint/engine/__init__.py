"""Pure calculation engine of the digital-footprint calculator (no XBlock, no Django).

- `factors`: sourced factor data read from ``xblocks/footprint/data/*.csv``;
- `ademe`: per-use footprints (ADEME publicodes-acv-numerique 2.1.0 formulas);
- `web`: website emissions (Sustainable Web Design v4 as in CO2.js 0.19.0);
- `answers`: the learner's answers, defaults and validation;
- `annual`: yearly footprint by category; `scenarios`: reductions; `results`: the results screen.
"""
