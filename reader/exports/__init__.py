"""Exports: the references of the edition as files for reference managers."""
