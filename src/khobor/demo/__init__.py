"""The embedded demo set (see README.md in this folder)."""
