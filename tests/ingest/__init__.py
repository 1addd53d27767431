"""Tests of dyad.ingest (a package so its helper module and test names stay unique)."""
