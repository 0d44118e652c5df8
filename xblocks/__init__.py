"""Sirius Hub XBlocks: digital footprint, business-model canvas and peer review."""

__version__ = "0.1.0"
