"""Language data shipped with khobor (TSV/JSON under this folder) and the loader that reads it."""
