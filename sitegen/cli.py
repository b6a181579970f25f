"""The ``sitegen`` command: build, check, serve, new, schema and init.

Exit status: 0 on success, 1 when the content has errors (or the build
failed), 2 when the command itself was used wrongly, 3 when sitegen itself
failed (a bug: one line says so, ``--debug`` shows where), and 128 plus the
signal's number when stopped by Ctrl-C (130) or ``SIGTERM`` (143), which are
handled alike: the run cleans up, and a build leaves the output as it was.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import json
import os
import signal
import sys
import threading
import traceback
from collections.abc import Iterator, Sequence
from typing import NoReturn, TextIO

from sitegen.arguments import parser
from sitegen.config import BuildOptions
from sitegen.errors import BuildError, ContentError, Problem, Severity, SitegenError, one_line
from sitegen.values import plural

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3
SHOWN_WARNINGS = 10
"""A build lists this many warnings; ``sitegen check`` lists them all."""


class UsageError(SitegenError):
    """The command was used wrongly: exit status 2."""


class Stopped(KeyboardInterrupt):
    """A stop signal (``SIGTERM``) taken as Ctrl-C is: ``finally`` blocks clean up."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def run() -> NoReturn:
    """The command: :func:`main`, then an exit that skips tearing down the interpreter.

    At 5,000 pages, freeing every object of the site one by one on the way out took
    about a third of a second, longer than most of a one-file rebuild; the system takes
    a process's memory back at once. Everything written is flushed first.
    """
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe: nothing more can be said
        code = code or 1
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        with _stop_on_sigterm():
            if args.command in ("build", "check", "serve", "new") and not args.content.is_dir():
                raise UsageError(f"there is no content folder at {args.content}")
            handler = {
                "build": run_build,
                "check": run_check,
                "serve": run_serve,
                "new": run_new,
                "schema": run_schema,
                "init": run_init,
            }[args.command]
            return handler(args)
    except UsageError as err:
        print(f"sitegen: {err}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt as err:
        signum = err.signum if isinstance(err, Stopped) else signal.SIGINT
        print(f"\nsitegen: stopped ({signal.Signals(signum).name}).", file=sys.stderr)
        return 128 + signum
    except BrokenPipeError:  # the reader went away (sitegen check | head): nothing to say
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 128 + signal.SIGPIPE
    except OSError as err:  # the machine, not sitegen: a full disk, a permission
        _explain(args, f"cannot go on: {err}")
        return EXIT_CONTENT
    except Exception as err:  # a bug: one line, not a traceback an editor must read
        kind = type(err).__name__
        _explain(
            args,
            f"internal error ({kind}: {one_line(str(err))[:300]}). This is a bug in sitegen, "
            "not a problem with your content; run the command again with --debug to see "
            "where it happened, and report it.",
        )
        return EXIT_BUG


def _explain(args: argparse.Namespace, message: str) -> None:
    if args.debug:
        traceback.print_exc()
    print(f"sitegen: {message}", file=sys.stderr)


@contextlib.contextmanager
def _stop_on_sigterm() -> Iterator[None]:
    """While the command runs, ``SIGTERM`` stops it as Ctrl-C does (once: a second one
    during the clean-up is ignored, so the clean-up is not cut short)."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers belong to the main thread (tests may run commands in others)
        return

    def stop(signum: int, frame: object) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise Stopped(signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def print_problems(problems: Sequence[Problem], stream: TextIO | None = None) -> None:
    out = stream or sys.stderr
    for problem in sorted(
        set(problems),
        key=lambda p: (p.severity != Severity.ERROR, p.path, p.line, p.field, p.message),
    ):
        print(str(problem), file=out)


def _count(problems: Sequence[Problem], severity: Severity) -> int:
    return len({p for p in problems if p.severity is severity})


def run_build(args: argparse.Namespace) -> int:
    from sitegen.build import build
    from sitegen.writer import check_output_target

    options = BuildOptions(
        content=args.content,
        output=args.output,
        base_url=args.base_url,
        today=args.today,
        drafts=args.drafts,
        search=args.indexing,
        workers=args.workers,
        fresh=args.fresh,
    )
    try:
        check_output_target(args.output)
    except BuildError as err:
        raise UsageError(str(err)) from err
    # A build is a short batch job: it frees memory by reference counting, and a cyclic
    # collection now and then only costs time.
    gc.disable()
    try:
        report = build(options)
    except ContentError as err:
        print_problems(err.problems)
        errors = _count(err.problems, Severity.ERROR)
        print(
            f"\n{plural(errors, 'error')} in the content: nothing was published, and "
            f"{args.output} is as it was.",
            file=sys.stderr,
        )
        return EXIT_CONTENT
    except BuildError as err:
        print(f"sitegen: the build failed: {err}\n{args.output} is as it was.", file=sys.stderr)
        return EXIT_CONTENT
    total = sum(report.pages.values())
    print(
        f"Built {total} pages and {report.files} data, feed and calendar files into "
        f"{report.output} in {report.timings.total:.2f} s."
    )
    print("  " + ", ".join(f"{name}: {count}" for name, count in sorted(report.pages.items())))
    if report.kept:
        print(f"  made {report.made} again; kept {report.kept} unchanged since the last build")
    if report.search:
        print(f"  search: {report.search}")
    if report.left_out:
        print(f"Left out ({len(report.left_out)}):")
        for left in report.left_out:
            print(f"  {left.path}: {left.reason}")
    if report.warnings:
        count = _count(report.warnings, Severity.WARNING)
        print(f"Warnings ({count}):")
        print_problems(report.warnings[:SHOWN_WARNINGS], sys.stdout)
        if count > SHOWN_WARNINGS:
            print(f"  ... and {count - SHOWN_WARNINGS} more: run 'sitegen check' to see them all")
    print(
        "  steps: " + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in report.timings.steps)
    )
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    from sitegen.prepare import prepare

    options = BuildOptions(content=args.content, today=args.today, drafts=args.drafts)
    try:
        problems = prepare(options).problems
    except ContentError as err:
        problems = err.problems
    except BuildError as err:
        print(f"sitegen: {err}", file=sys.stderr)
        return EXIT_CONTENT
    unique = sorted(set(problems), key=lambda p: (p.path, p.line, p.field, p.message))
    errors = _count(unique, Severity.ERROR)
    warnings = _count(unique, Severity.WARNING)
    failed = errors > 0 or (args.strict and warnings > 0)
    if args.format == "json":
        print(
            json.dumps(
                {
                    "ok": not failed,
                    "errors": errors,
                    "warnings": warnings,
                    "strict": args.strict,
                    "problems": [p.as_dict() for p in unique],
                },
                indent=2,
            )
        )
    else:
        print_problems(unique, sys.stdout)
        verdict = "Problems found" if failed else "No problems found" if not unique else "OK"
        print(
            f"{verdict}: {plural(errors, 'error')}, {plural(warnings, 'warning')}"
            f"{' (--strict: warnings count as errors)' if args.strict and warnings else ''}."
        )
    return EXIT_CONTENT if failed else EXIT_OK


def run_serve(args: argparse.Namespace) -> int:
    if args.cms:
        from sitegen.cmsserve import serve_with_editor

        return serve_with_editor(
            args.content, port=args.port, proxy_port=args.cms_port, today=args.today
        )
    from sitegen.serve import serve

    return serve(args.content, port=args.port, today=args.today)


def run_new(args: argparse.Namespace) -> int:
    from sitegen.scaffold import ScaffoldError, new_file

    try:
        written = new_file(args.content, args.kind, args.slug, args.today)
    except ScaffoldError as err:
        raise UsageError(str(err)) from err
    print(f"Wrote {written.path}.")
    for note in written.notes:
        print(f"- {note}")
    print("Fill in the fields marked TODO, then run 'sitegen check'.")
    return EXIT_OK


def run_schema(args: argparse.Namespace) -> int:
    from sitegen.jsonschema import write_schemas

    written = write_schemas(args.out)
    for path in written:
        print(f"Wrote {path}")
    return EXIT_OK


def run_init(args: argparse.Namespace) -> int:
    from sitegen.init import WORKFLOW, InitError, create_site, installed_source

    source = args.source or installed_source()
    try:
        written = create_site(args.folder, dt.date.today(), source)
    except InitError as err:
        raise UsageError(str(err)) from err
    folder = args.folder
    print(f"Started a new site in {folder} ({plural(len(written), 'file')}). Next:")
    print(f"  cd {folder}")
    print("  sitegen serve    # preview it, with live reload, at http://127.0.0.1:8000/")
    print("  sitegen check    # list what is left to replace: every example says so")
    print("  sitegen build    # build it into output/")
    print(f"{folder}/README.md says how to publish it, on GitHub Pages or any static host.")
    if source:
        print(f"Its workflow installs sitegen with: {source}")
    else:
        print(
            f"Before you publish: set SITEGEN in {folder}/{WORKFLOW} to where your "
            "organisation installs sitegen from (README.md says how), or run init "
            "again with --source."
        )
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
