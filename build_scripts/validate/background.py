"""Validation in a process of its own, beside the build, that never outlives it.

frictionless keeps one core busy while the build renders charts on the other (threads
would share one). The child is a plain ``python -m`` process started by
``child_command``: no pool, no resource tracker, nothing left running when the build
stops, is interrupted or is killed. Its report comes back pickled on its stdout.
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

from build_scripts.errors import NpfError
from build_scripts.problems import Report
from build_scripts.processes import Child


class Background(Child):
    """``validate_path(data_dir, cache=cache, project=...)`` running in a child process,
    which reads the project's configuration from the folder ``project`` again."""

    def __init__(self, data_dir: Path, cache: Path, project: Path) -> None:
        super().__init__(__name__, str(data_dir), str(cache), str(project))

    def result(self) -> Report:
        """Wait for the report. A located failure comes back as the ``NpfError`` it was;
        a crash (a bug) as a ``RuntimeError`` carrying the child's traceback."""
        out, err = self.process.communicate()
        if self.process.returncode != 0:
            text = err.decode("utf-8", "replace").strip()
            raise RuntimeError(f"validation stopped ({self.process.returncode}):\n{text}")
        kind, *payload = pickle.loads(out)
        if kind == "error":
            message, problems = payload
            raise NpfError(message, problems)
        report: Report = payload[0]
        return report


def main(argv: list[str]) -> None:
    from build_scripts.config import load_project
    from build_scripts.validate import validate_path

    data_dir, cache, root = argv
    try:
        project = load_project(Path(root))
        report = validate_path(Path(data_dir), cache=Path(cache), project=project)
        payload: tuple[object, ...] = ("report", report)
    except NpfError as error:
        payload = ("error", error.message, error.problems)
    sys.stdout.buffer.write(pickle.dumps(payload))


if __name__ == "__main__":
    main(sys.argv[1:])
