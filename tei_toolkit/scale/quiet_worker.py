"""Dask preload for the workers of ``--cluster local:N``: they share the terminal of the
command, so Ctrl-C reaches them too; the command cancels their tasks and stops them
itself, and a worker must not die first printing a traceback."""

from __future__ import annotations

import signal
import threading


def dask_setup(worker=None) -> None:
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    import logging

    logging.getLogger("distributed").setLevel(logging.CRITICAL)
