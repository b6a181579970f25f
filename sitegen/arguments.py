"""The command line's words: every command and option of ``sitegen``, with its help.

:mod:`sitegen.cli` runs what they ask for.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Sequence
from pathlib import Path


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date: use YYYY-MM-DD") from None


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="sitegen",
        description="Build the transparency portal from Markdown files in content/.",
    )
    main.add_argument(
        "--version", action=_Version, help="say which sitegen this is, and where its templates are"
    )
    main.add_argument("--debug", action="store_true", help=_DEBUG_HELP)
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="build the site into the output folder")
    _content_option(build)
    build.add_argument(
        "--output",
        type=Path,
        default=Path("output"),
        help="where to write the site (default: output)",
    )
    build.add_argument(
        "--base-url",
        help="the address the site is published at, or just its "
        "path, e.g. /portal/ (default: base_url in site.yaml)",
    )
    _today_option(build)
    build.add_argument("--drafts", action="store_true", help="include drafts")
    build.add_argument(
        "--no-search",
        dest="indexing",
        action="store_false",
        help="skip the search index (faster; the search page will not work)",
    )
    build.add_argument(
        "--workers", type=int, default=0, help="processes to render with (default: one per CPU)"
    )
    build.add_argument(
        "--fresh",
        action="store_true",
        help="make every page and file again, ignoring what earlier builds kept "
        "(in $SITEGEN_CACHE, else ~/.cache/sitegen: safe to delete)",
    )

    check = commands.add_parser("check", help="check the content and list every problem")
    _content_option(check)
    _today_option(check)
    check.add_argument("--drafts", action="store_true", help="check drafts as published too")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people (default), json for tools",
    )

    serve = commands.add_parser("serve", help="preview the site with live reload")
    _content_option(serve)
    serve.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000)")
    _today_option(serve)
    serve.add_argument(
        "--cms",
        action="store_true",
        help="also run the content editor at /admin/, saving into the content folder "
        "(needs Node.js)",
    )
    serve.add_argument(
        "--cms-port",
        type=int,
        default=8081,
        help="port on 127.0.0.1 of the content editor's local proxy (default: 8081)",
    )

    new = commands.add_parser("new", help="start a new file of a collection")
    new.add_argument(
        "kind", help="meeting, group, person, project, opportunity, report, news or page"
    )
    new.add_argument(
        "slug",
        help="the file name without .md, e.g. 2022-01-25-allies-group; for a meeting, "
        "the group's file name alone takes the date its last meeting planned",
    )
    _content_option(new)
    new.add_argument(
        "--today",
        type=_date,
        help="the date to give a file dated today, YYYY-MM-DD (default: today)",
    )

    schema = commands.add_parser("schema", help="write JSON Schemas of the front-matter")
    schema.add_argument(
        "--out",
        type=Path,
        default=Path("schemas"),
        help="folder to write them to (default: schemas), or - to print",
    )

    init = commands.add_parser("init", help="start a new site in an empty folder")
    init.add_argument("folder", type=Path, help="where to make it: a new or empty folder")
    init.add_argument(
        "--source",
        help="the pip requirement its publishing workflow installs sitegen with "
        "(default: where this sitegen came from, when that was a git repository)",
    )
    for command in commands.choices.values():
        # After the command too (sitegen build --debug), without undoing one given before it.
        command.add_argument(
            "--debug", action="store_true", default=argparse.SUPPRESS, help=_DEBUG_HELP
        )
    return main


_DEBUG_HELP = "on an internal error, show the whole traceback (for a bug report)"


class _Version(argparse.Action):
    """``--version``, read from the installed package's metadata when it is asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        from importlib import metadata

        import sitegen
        from sitegen.templates import TEMPLATES

        try:
            version = metadata.version("sitegen")
        except metadata.PackageNotFoundError:
            version = f"{sitegen.__version__} (not installed)"
        print(f"sitegen {version}\ntemplates: {TEMPLATES}")
        parser.exit()


def _content_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--content",
        type=Path,
        default=Path("content"),
        help="the content folder (default: content)",
    )


def _today_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--today",
        type=_date,
        help="the build date, YYYY-MM-DD (default: today in the site's time zone)",
    )
