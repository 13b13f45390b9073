"""What the tests and the benchmarks share: the Chromium they drive (chromium.py). Not part of the
site or the charts package."""
