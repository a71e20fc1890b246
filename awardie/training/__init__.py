"""Scripts that rebuild awardie's shipped models from the data in ../shared/data."""
