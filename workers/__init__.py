"""RQ jobs: module-level functions that take ids, never rich objects."""
