"""What the tests and the benchmarks share: the Chromium they drive (chromium.py) and the build of
the whole site into a folder of their own (site_build.py). Not part of the site or the charts
package."""
