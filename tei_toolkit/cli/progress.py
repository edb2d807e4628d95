"""The one progress bar of batch commands: transient, on stderr, a terminal only."""

from __future__ import annotations


class Bar:
    """Started on the first advance: after worker processes are forked (its refresh
    thread must not be running when they are)."""

    def __init__(self, label: str, total: int | None):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        self.progress = Progress(
            label,
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            transient=True,
            console=Console(stderr=True),  # rich's Progress has no stderr= (it crashed here)
        )
        self.task = self.progress.add_task(label, total=total)
        self.started = False

    def advance(self) -> None:
        if not self.started:
            self.started = True
            self.progress.start()
        self.progress.advance(self.task)

    def update(self, done: int, total: int) -> None:
        """``done`` of ``total`` (for a caller that learns the total as it goes)."""
        if not self.started:
            self.started = True
            self.progress.start()
        self.progress.update(self.task, completed=done, total=total)

    def stop(self) -> None:
        if self.started:
            self.progress.stop()
