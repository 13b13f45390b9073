"""One module per chart; each exposes build(data, loc, scheme) -> charts.chart.Chart."""
