"""What the checker works out from one fact model alone, worked out once however many schools share it.

The organisation, and a notice that no school changes, are the same objects in every school's resolved
notice; a 50-school trust would otherwise have each judged fifty times. Models are compared by identity:
facts are not changed once loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

Model = TypeVar("Model")
Result = TypeVar("Result")


class PerFact(Generic[Model, Result]):
    """``work(model)``, kept for each model object it was asked about (up to LIMIT of them)."""

    LIMIT = 4096  # models held; a trust has about one per school and one per notice it changes

    def __init__(self, work: Callable[[Model], Result]):
        self.work = work
        self._done: dict[int, tuple[Model, Result]] = {}

    def __call__(self, model: Model) -> Result:
        held = self._done.get(id(model))
        if held is None or held[0] is not model:
            if len(self._done) >= self.LIMIT:
                self._done.clear()
            # Holding the model keeps its id from being reused by another object.
            held = model, self.work(model)
            self._done[id(model)] = held
        return held[1]
