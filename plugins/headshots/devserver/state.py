"""The build's state as the browser sees it: one value, replaced after each build, that waiters hear of."""

from __future__ import annotations

import json
import threading


class State:
    """`version` counts the good builds served; `number` every build finished (good or refused)."""

    def __init__(self):
        self.version = 0
        self.number = 0
        self.problems: tuple[str, ...] = ()
        self.changed: tuple[str, ...] = ()
        self._changed = threading.Condition()

    def finished(self, outcome) -> None:
        with self._changed:
            self.number += 1
            self.problems = outcome.problems
            if outcome.ok:
                self.version += 1
                self.changed = outcome.changed
            self._changed.notify_all()

    def wait(self, number: int, timeout: float) -> int:
        """The build number after `number` (or `number` again after `timeout` seconds)."""
        with self._changed:
            self._changed.wait_for(lambda: self.number != number, timeout=timeout)
            return self.number

    def data(self) -> str:
        """The state as the page script reads it (JSON): served version, problems, addresses changed."""
        with self._changed:
            return json.dumps({"version": self.version, "problems": list(self.problems), "changed": list(self.changed)})

    def message(self) -> bytes:
        return f"data: {self.data()}\n\n".encode()
