"""Batches beyond one process: local cores (``local``) and Dask clusters (``runner``).

Every path runs the same unit of work as the plain batch (pipeline.convert_file,
validators.check.check_file, the exporters' render), so where a file is processed
never changes what comes out. Dask is optional (``pip install 'tei-toolkit[dask]'``);
nothing here imports it until a cluster is asked for.
"""
