"""Course build and import, workbench settings, Tutor plugin and benchmarks."""
