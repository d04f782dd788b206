"""The exit codes of every translitbib command, in one documented place."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0  # the job was done (problems, if any, are in the report)
    INPUT_ERROR = 1  # an input cannot be read or is not valid in its format
    USAGE_ERROR = 2  # wrong options or arguments (click's own code)
    OUTPUT_ERROR = 3  # an output cannot be written
    LINK_ROT = 4  # check-links: at least one cited link is dead, soft-404 or parked
    INTERNAL_ERROR = 70  # a bug: please report it with the input that caused it
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT, as a shell reports it; SIGTERM: 143)
