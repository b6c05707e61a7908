-- Between repetitions of 3c and 3d (a benchmark database of its own, never a warehouse in use).
truncate core.commune_report
