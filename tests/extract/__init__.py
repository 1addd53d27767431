"""Tests of dyad.extract (a package so its helper functions and test names stay unique)."""
