"""A large .bib or CSL-JSON file converted in shards side by side: each process reads,
deduplicates, normalizes and renders its own slice of the entries, and copies nothing of
another's.

The pipeline's steps made in slices (``parallel.fork_map``) pay twice for working side by
side: a forked worker gets the parent's references page by page as it touches them (a
fork shares memory until it is written to, and Python writes to every object it reads:
its reference count), and each slice's results are sent back.  Here the shards are forked
before the first entry is read, every shard makes its own references, and only facts and
decisions cross between processes::

    every shard (the first is this process)      this process, between the rounds
    read its chunks        -> facts of its references, its problems
                                                  repeated keys, the merge plan (dedupe)
    merge, normalize       <- duplicates to take in; -> ids, LibraryFacts
                                                  keys (writers.keys), for what needs one
    render its runs        <- keys, the library's facts; -> part files
                                                  every output: text and parts, all or none

Each decision is made by the function the one-process pipeline uses (``plan_merges``,
``keys_kept``/``new_keys``, ``repeated_keys``, the layouts), so the outputs are its bytes
(tests hold this on libraries with merges and repeated keys across shards, broken entries
and @string macros).  ``convert_in_shards`` takes one BibTeX or CSL-JSON input (a CSL-JSON
array is cut where its items are: this process decodes them once to find them), no essay
(citations link across the whole library) and no link check; it says None to anything
else.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .atomic import FileRange, new_temporary, write_files_atomic, write_runs
from .layout import LISTS, SHARDED_LISTS, Layout, LibraryFacts, Records, render_run
from .model import InputFile, Library, Problem, Reference, Severity
from .parallel import (
    WorkerError,
    can_fork,
    interrupts_held,
    pack_failure,
    slices,
    unpack_failure,
    worker_count,
)
from .transfer import (
    problem_from_tuple,
    problem_to_tuple,
    reference_from_tuple,
    reference_to_tuple,
    source_from_tuple,
    source_to_tuple,
)

if TYPE_CHECKING:
    from .pipeline import ConvertOptions, ConvertResult
    from .translit.normalize import Normalizer

#: below this size a file cannot hold the entries that make ``jobs=0`` shard it (a
#: library of ten thousand entries is megabytes): it is not read twice to find out
SMALLEST = 500_000


def convert_in_shards(paths: Sequence[Path], out_dir: Path,
                      options: ConvertOptions) -> ConvertResult | None:
    """Convert one large BibTeX or CSL-JSON file in shards and write every output into
    ``out_dir``, all or none; None when the inputs or options are not for shards (see the
    module)."""
    from .readers import SUFFIX_FORMATS, clean_control_characters, document_format, read_bytes
    from .readers.text import decode_bytes
    from .translit.lexicon import get_lexicon

    if len(paths) != 1 or options.check_links or not can_fork():
        return None
    path = Path(paths[0])
    fmt = options.input_format or SUFFIX_FORMATS.get(path.suffix.lower())
    if fmt not in ("bibtex", "csljson") or (options.jobs == 0 and _size(path) < SMALLEST):
        return None
    name = str(path)
    data = read_bytes(path)
    if document_format(path, data, options.input_format):
        return None  # a Word or OpenDocument essay, whatever its name says
    decoded = decode_bytes(data, name)
    del data
    text = clean_control_characters(decoded.text)
    encoding, repairs = decoded.encoding, decoded.repairs
    source = _Input.of(fmt, text, name)
    del decoded, text  # the input holds the text, and lets go of it once it is read
    count = worker_count(options.jobs, len(source.units)) if source else 1
    if source is None or count < 2:
        return None
    normalizer = _normalizer(options)  # a wrong option fails here, before any fork
    get_lexicon()  # loaded (or built) once, shared by every shard
    shards = [_Shard(source, start, stop, options, normalizer, out_dir)
              for start, stop in slices(len(source.units), count, lead=1.0)]
    crew = _Crew(shards, out_dir, _output_names(options))
    try:
        library = crew.convert(source, repairs)
        library.inputs[0].encoding = encoding
        return crew.write(library, out_dir, options)
    finally:
        crew.stop()


@dataclass(slots=True)
class _Input:
    """The input cut into units (BibTeX chunks, CSL-JSON items) that slices are made of."""

    format: str
    text: str
    name: str
    units: list[tuple[int, ...]]

    def release(self) -> None:
        """Lets go of the text once every shard has read its slice (a CSL-JSON library
        is a few hundred megabytes of it, kept otherwise until the end in each process)."""
        self.text = ""

    @classmethod
    def of(cls, fmt: str, text: str, name: str) -> _Input | None:
        """The input's units; None for a CSL-JSON file that holds no array of items."""
        if fmt == "bibtex":
            from .readers.bibtex import check_has_entries, chunks_of

            check_has_entries(text, name)
            return cls(fmt, text, name, chunks_of(text))  # type: ignore[arg-type]
        from .readers.csljson import item_spans

        spans = item_spans(text, name)
        return None if spans is None else cls(fmt, text, name, spans)  # type: ignore[arg-type]

    def read(self, start: int, stop: int) -> tuple[list[Reference], list[Problem], int,
                                                   list[tuple[int, int]]]:
        """Units ``start`` to ``stop`` as the format's reader reads them in the file:
        (references, problems, entries read, where each reference's raw text is)."""
        if self.format == "bibtex":
            from .readers.bibtex import read_slice
        else:
            from .readers.csljson import read_slice
        return read_slice(self.text, self.name, self.units, start, stop)  # type: ignore[arg-type]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # the reader says what is wrong


def _normalizer(options: ConvertOptions) -> Normalizer | None:
    if not options.normalize:
        return None
    from .translit.normalize import Normalizer

    return Normalizer.from_options(options)


class _Shard:
    """One slice of the file's chunks and everything made of them, in one process."""

    def __init__(self, source: _Input, start: int, stop: int, options: ConvertOptions,
                 normalizer: Normalizer | None, out_dir: Path) -> None:
        self.source, self.start, self.stop = source, start, stop
        self.options, self.normalizer, self.out_dir = options, normalizer, Path(out_dir)
        self.library = Library()
        #: output file name -> this shard's part of it: a temporary file (descriptor, name)
        #: made before the fork (``_Crew``), written through the descriptor
        self.parts: dict[str, tuple[int, str]] = {}

    def read(self) -> tuple[Any, ...]:
        """Reads the slice: the facts of each reference (work key, year, dated, stub,
        origin, source, key, parts, URL), the problems, the entries read."""
        from .parse.dedupe import parts, url_key, work_key
        from .parse.linking import default_key

        refs, problems, count, _ = self.source.read(self.start, self.stop)
        self.source.release()  # every reference and problem has its own copy of its text
        self.library.references = refs
        key = default_key()
        facts = [(work_key(ref, key), ref.year, "issued" in ref.dates, ref.stub, ref.origin,
                  source_to_tuple(ref.source), ref.id, parts(ref, key),
                  url_key(ref.fields.get("URL", ""))) for ref in refs]
        return facts, [problem_to_tuple(p) for p in problems], count

    def raws(self, indexes: list[int]) -> list[str]:
        """The raw text of the references at ``indexes`` (entries a warning quotes)."""
        return [self.library.references[i].raw for i in indexes]

    def export(self, indexes: list[int]) -> list[tuple[Any, ...]]:
        """The references at ``indexes`` (duplicates another shard merges in)."""
        return [reference_to_tuple(self.library.references[i]) for i in indexes]

    def merge(self, merges: list[tuple[int, tuple[Any, ...]]], drop: list[int]) -> None:
        """Merges each duplicate into the reference at its index, in order; drops the
        references at ``drop`` (the duplicates this shard held)."""
        from .parse.dedupe import merge_into

        refs = self.library.references
        for index, duplicate in merges:
            merge_into(refs[index], reference_from_tuple(duplicate))
        if drop:
            gone = set(drop)
            self.library.references = [ref for i, ref in enumerate(refs) if i not in gone]

    def normalize(self) -> tuple[list[str], tuple[Any, ...], list[tuple[int, list[str]]]]:
        """Normalizes every reference: (their keys, this shard's LibraryFacts, the aliases
        of those that have any, by index)."""
        from .translit.step import normalize_all

        library = self.library
        if self.normalizer is not None:
            for records in normalize_all(self.normalizer, library.references, 1):
                library.normalizations.extend(records)
        refs = library.references
        return ([ref.id for ref in refs], _facts_to_tuple(LibraryFacts.of(library)),
                [(i, ref.aliases) for i, ref in enumerate(refs) if ref.aliases])

    def base_keys(self, indexes: list[int]) -> list[str]:
        from .writers.keys import base_key

        return [base_key(self.library.references[i]) for i in indexes]

    def sources(self, indexes: list[int]) -> list[Any]:
        """Where the references at ``indexes`` were read (a key problem names it)."""
        return [source_to_tuple(self.library.references[i].source) for i in indexes]

    def render(self, keys: dict[int, str], aliases: dict[int, list[str]], facts: tuple[Any, ...],
               ) -> dict[str, list[tuple[int, int]]] | tuple[str, str, str]:
        """Takes the new keys and the aliases kept, then writes its part of every output's
        sharded runs into a part file: output file name -> (offset, length) of each run, or
        the error (message, hint, path) of a part that could not be written."""
        from .errors import OutputError
        from .pipeline import output_layouts

        refs = self.library.references
        for index, key in keys.items():
            refs[index].id = key
        for index, kept in aliases.items():
            refs[index].aliases = kept
        layouts = output_layouts(self.library, _facts_from_tuple(facts), self.out_dir,
                                 self.options)
        done: dict[str, list[tuple[int, int]]] = {}
        try:
            for path, layout in layouts.items():
                runs = [render_run(piece, LISTS[piece.items](self.library))
                        for piece in _sharded_runs(layout)]
                done[path.name] = write_runs(self.parts[path.name][0], path, runs)
        except OutputError as exc:  # as data: the other shards finish, nothing is left
            return exc.message, exc.hint, exc.path or ""
        return done


def _output_names(options: ConvertOptions) -> list[str]:
    from .writers import FORMATS

    return [*(FORMATS[f][0] for f in options.formats), "report.json", "report.md"]


def _sharded_runs(layout: Layout) -> list[Records]:
    return [p for p in layout if isinstance(p, Records) and p.items in SHARDED_LISTS]


def _facts_to_tuple(facts: LibraryFacts) -> tuple[Any, ...]:
    return (facts.references, facts.stubs, facts.origins, facts.normalizations, facts.applied,
            facts.families)


def _facts_from_tuple(data: tuple[Any, ...]) -> LibraryFacts:
    return LibraryFacts(*data)


class _Crew:
    """The shards, the first in this process, the others forked, and the rounds between
    them; the decisions for the whole library are made here."""

    def __init__(self, shards: list[_Shard], out_dir: Path, names: list[str]) -> None:
        self.shards = shards
        self.workers: list[_Worker] = []
        self.facts = LibraryFacts()
        self.keys: list[dict[int, str]] = [{} for _ in shards]
        self.aliases: list[dict[int, list[str]]] = [{} for _ in shards]
        self.placed: list[dict[str, list[tuple[int, int]]]] = []  # each shard's runs
        try:
            for shard in shards:  # every part file made here, so none outlives the run
                for name in names:
                    with interrupts_held():  # noted before an interrupt can come
                        shard.parts[name] = new_temporary(Path(out_dir) / name)
            for shard in shards[1:]:
                with interrupts_held() as release:  # noted before an interrupt can come
                    self.workers.append(_Worker.fork(shard, self.workers, release))
        except BaseException:
            self.stop()
            raise

    def each(self, method: str, args: Callable[[int], tuple[Any, ...]] = lambda i: (),
             ) -> list[Any]:
        """``method`` on every shard side by side (the call's arguments by shard number),
        the results in shard order; the first shard's error, in shard order, is raised."""
        for number, worker in enumerate(self.workers, 1):
            worker.send(method, args(number))
        outcomes: list[tuple[bool, Any]] = []
        try:
            outcomes.append((True, getattr(self.shards[0], method)(*args(0))))
        except Exception as exc:  # the workers' answers are read first: they are mid-call
            outcomes.append((False, exc))
        outcomes += [worker.receive() for worker in self.workers]
        for ok, value in outcomes:
            if not ok:
                raise value
        return [value for _, value in outcomes]

    def convert(self, source: _Input, repairs: tuple[tuple[int, str], ...]) -> Library:
        """Reads, deduplicates and normalizes the shards; the library of what this process
        holds (inputs, problems: reading's, then what decoding repaired, then the merges',
        as in one process) and the facts of the whole."""
        from .parse.dedupe import WorkFacts, plan_merges
        from .readers import add_repairs
        from .readers.bibtex import repeated_keys

        library = Library()
        read = self.each("read")
        places: list[tuple[int, int]] = []  # (shard, index in it) of each reference
        facts: list[tuple[Any, ...]] = []
        entries = 0
        for number, (shard_facts, problems, count) in enumerate(read):
            places += [(number, i) for i in range(len(shard_facts))]
            facts += shard_facts
            library.problems += [problem_from_tuple(p) for p in problems]
            entries += count
        library.inputs.append(InputFile(source.name, source.format, entries_read=entries))
        sources = [source_from_tuple(f[5]) for f in facts]
        if source.format == "bibtex":  # BibTeX's reader warns of a key used twice
            quoted: list[int] = []  # the entries a warning quotes, their text asked for below

            def later(index: int) -> str:
                quoted.append(index)
                return ""

            warnings = repeated_keys(((f[6], sources[i]) for i, f in enumerate(facts)), later)
            for warning, text in zip(warnings, self._raws(quoted, places), strict=True):
                warning.raw = text
            library.problems += warnings
        add_repairs(library, repairs, source.name)
        merges = plan_merges([
            WorkFacts(tuple(f[0]) if f[0] is not None else None, f[1], f[2], f[3], f[4], span,
                      tuple(f[7]), f[8])
            for f, span in zip(facts, sources, strict=True)])
        duplicates = self._merge(merges, places)
        for merge in merges:
            if merge.report:
                library.add_problem(Severity.INFO, "duplicate-merged", merge.report,
                                    sources[merge.duplicate], duplicates[merge.duplicate][2])
        library.problems += self._keys(self.each("normalize"))
        return library

    def _ask(self, method: str, indexes: list[int], places: list[tuple[int, int]],
             ) -> list[Any]:
        """``method`` of each shard for the references at ``indexes`` (of the whole
        library) it holds; the answers in the order of ``indexes``."""
        asked: list[list[int]] = [[] for _ in self.shards]
        for index in indexes:
            shard, local = places[index]
            asked[shard].append(local)
        answers = [iter(found) for found in self.each(method, lambda n: (asked[n],))]
        return [next(answers[places[index][0]]) for index in indexes]

    def _raws(self, indexes: list[int], places: list[tuple[int, int]]) -> list[str]:
        """The raw text of the references at ``indexes`` (of the whole library), in order."""
        return self._ask("raws", indexes, places)

    def _merge(self, merges: list[Any], places: list[tuple[int, int]],
               ) -> dict[int, tuple[Any, ...]]:
        """Each duplicate merged into its target, in order, whichever shards hold them;
        the duplicates (as ``transfer`` tuples) by their index in the whole library."""
        if not merges:
            return {}
        gone = [merge.duplicate for merge in merges]
        duplicates = dict(zip(gone, self._ask("export", gone, places), strict=True))
        into: list[list[tuple[int, tuple[Any, ...]]]] = [[] for _ in self.shards]
        drop: list[list[int]] = [[] for _ in self.shards]
        for merge in merges:
            shard, index = places[merge.target]
            into[shard].append((index, duplicates[merge.duplicate]))
            shard, index = places[merge.duplicate]
            drop[shard].append(index)
        self.each("merge", lambda n: (into[n], sorted(drop[n])))
        return duplicates

    def _keys(self, normalized: list[tuple[Any, ...]]) -> list[Problem]:
        """Every reference's key and aliases, as ``assign_keys`` makes them over the whole
        library; the problems it reports of them."""
        from .writers.keys import aliases_kept, ascii_aliases, key_problems, keys_kept, new_keys

        ids = [key for shard_ids, _, _ in normalized for key in shard_ids]
        for _, shard_facts, _ in normalized:
            self.facts = self.facts + _facts_from_tuple(shard_facts)
        places = []  # (shard, index) of every reference now, in order
        starts = []  # where each shard's references start among them
        for number, (shard_ids, _, _) in enumerate(normalized):
            starts.append(len(places))
            places += [(number, i) for i in range(len(shard_ids))]
        taken, needed = keys_kept(ids)
        bases = self._ask("base_keys", needed, places)
        made = new_keys(taken, list(zip(needed, bases, strict=True)))
        for index, key in made.items():
            shard, local = places[index]
            self.keys[shard][local] = key
        aliases = [(starts[number] + local, keys)
                   for number, (_, _, shard_aliases) in enumerate(normalized)
                   for local, keys in shard_aliases]
        kept_aliases = dict(aliases_kept(taken, aliases))
        for index, kept in kept_aliases.items():
            shard, local = places[index]
            self.aliases[shard][local] = kept
        final = list(ids)
        for index, key in made.items():
            final[index] = key
        seen = taken | {a.lower() for kept in kept_aliases.values() for a in kept}
        foreign = [i for i, key in enumerate(final) if not key.isascii()
                   and not any(a.isascii() for a in kept_aliases.get(i, []))]
        unicode_keys = [(i, final[i], base) for i, base in
                        zip(foreign, self._ask("base_keys", foreign, places), strict=True)]
        stand_ins = ascii_aliases(unicode_keys, seen)
        for index, alias in stand_ins.items():
            shard, local = places[index]
            self.aliases[shard][local] = [alias, *kept_aliases.get(index, [])]
        named = [i for i in needed if ids[i]] + list(stand_ins)
        refs = {i: Reference(type="", source=source_from_tuple(src), raw="", id=final[i])
                for i, src in zip(named, self._ask("sources", named, places), strict=True)}
        return key_problems(refs, ids, needed, stand_ins)

    def write(self, library: Library, out_dir: Path, options: ConvertOptions) -> ConvertResult:
        """Every shard renders its runs; every output is assembled from the text here and
        the shards' parts, and written all or none."""
        from .errors import OutputError
        from .pipeline import WRITING_COST, ConvertResult, output_layouts
        from .report.json import summary

        facts = _facts_to_tuple(self.facts)
        rendered = self.each("render", lambda n: (self.keys[n], self.aliases[n], facts))
        for outcome in rendered:
            if isinstance(outcome, tuple):
                message, hint, path = outcome
                raise OutputError(message, path=path or None, hint=hint)
        self.placed = rendered
        layouts = output_layouts(library, self.facts, out_dir, options)
        files = {path: self._assemble(layout, path.name, library)
                 for path, layout in layouts.items()}
        costs = {path: WRITING_COST.get(path.name, 1.0) for path in files}
        written = write_files_atomic(files, costs=costs)
        return ConvertResult(library, written, summary(library, self.facts))

    def _assemble(self, layout: Layout, name: str, library: Library) -> Iterator[Any]:
        run = 0
        for piece in layout:
            if isinstance(piece, str):
                if piece:
                    yield piece
            elif piece.items not in SHARDED_LISTS:
                yield from render_run(piece, LISTS[piece.items](library))
            else:
                first = True
                for shard, placed in zip(self.shards, self.placed, strict=True):
                    offset, length = placed[name][run]
                    if length:
                        if not first:
                            yield piece.separator
                        yield FileRange(shard.parts[name][0], offset, length)
                        first = False
                run += 1

    def stop(self) -> None:
        """Ends the workers and removes every part file, whatever happened."""
        for worker in self.workers:
            worker.stop()
        for shard in self.shards:
            for fd, name in shard.parts.values():
                with contextlib.suppress(OSError):
                    os.close(fd)
                with contextlib.suppress(OSError):
                    os.unlink(name)


class _Worker:
    """A forked process serving one shard: calls in, results out, through two pipes."""

    def __init__(self, pid: int, to_child: Any, from_child: Any) -> None:
        self.pid, self.to_child, self.from_child = pid, to_child, from_child

    @classmethod
    def fork(cls, shard: _Shard, others: list[_Worker], release: Callable[[], None],
             ) -> _Worker:
        """A worker for ``shard`` (call with interrupts held: ``release`` ends that in the
        child); ``others``: the workers forked before, whose pipes the new one must not
        hold open (their ends would never see the parent go)."""
        down_read, down_write = os.pipe()
        up_read, up_write = os.pipe()
        pid = os.fork()
        if pid:
            os.close(down_read)
            os.close(up_write)
            return cls(pid, os.fdopen(down_write, "wb"), os.fdopen(up_read, "rb"))
        code = 1
        try:  # the child: never returns, never runs the parent's clean-up
            release()
            for other in others:  # closed as files (nothing is left in their buffers)
                other.to_child.close()
                other.from_child.close()
            os.close(down_write)
            os.close(up_read)
            _serve(shard, os.fdopen(down_read, "rb"), os.fdopen(up_write, "wb"))
            code = 0
        finally:
            os._exit(code)

    def send(self, method: str, args: tuple[Any, ...]) -> None:
        _send(self.to_child, (method, args))

    def receive(self) -> tuple[bool, Any]:
        message = _receive(self.from_child)
        if message is None:
            return False, WorkerError("a worker process ended without a result")
        kind, body = message
        if kind == b"ok":
            return True, body
        return False, unpack_failure(kind, body)

    def stop(self) -> None:
        """Asks the worker to end and waits for it (killed if it will not): a worker still
        busy finds no one to answer to and ends when it is done."""
        with contextlib.suppress(OSError):
            self.from_child.close()
        with contextlib.suppress(OSError, ValueError):
            _send(self.to_child, None)
        with contextlib.suppress(OSError):
            self.to_child.close()
        _, status = _wait(self.pid)
        if status is None:
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)
            with contextlib.suppress(OSError):
                os.waitpid(self.pid, 0)


def _wait(pid: int, seconds: float = 5.0) -> tuple[int, int | None]:
    """Waits a little for a worker that was told to stop; (pid, status or None)."""
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            done, status = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return pid, 0
        if done:
            return pid, status
        time.sleep(0.005)
    return pid, None


def _serve(shard: _Shard, calls: Any, results: Any) -> None:
    while True:
        message = _receive(calls)
        if message is None:
            return
        method, args = message
        try:
            reply: tuple[bytes, Any] = (b"ok", getattr(shard, method)(*args))
        except BaseException as exc:  # every failure goes back to the parent
            reply = pack_failure(exc)
        _send(results, reply)


def _send(pipe: Any, message: Any) -> None:
    data = marshal.dumps(message)
    pipe.write(len(data).to_bytes(8, "little") + data)
    pipe.flush()


def _receive(pipe: Any) -> Any:
    """The next message; None at the end, or when the other side died while it wrote."""
    head = pipe.read(8)
    if len(head) < 8:
        return None
    size = int.from_bytes(head, "little")
    body = pipe.read(size)
    return marshal.loads(body) if len(body) == size else None
