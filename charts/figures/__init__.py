"""One module per chart; each exposes build(data, lang, scheme) -> charts.chart.Chart."""
