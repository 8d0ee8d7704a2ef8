"""Pure text processing for Annals: no Django imports, testable and benchmarkable alone."""
