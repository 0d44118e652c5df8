"""Probe block package."""
