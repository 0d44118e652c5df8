"""Pure calculation engine of the digital-footprint calculator (no XBlock, no Django)."""
