"""百模大战 · The Hundred-Model War: the sourced dataset and the charts built from it."""
