"""The ``newsledger actors`` and ``newsledger gazetteer`` commands: the data newsledger knows."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from newsledger.cli.console import err, out, print_error
from newsledger.errors import NewsledgerError
from newsledger.settings import Settings

actors_app = typer.Typer(help="The actor base: organisations, people and states newsledger "
                         "knows, with aliases and CAMEO codes.", no_args_is_help=True)
gazetteer_app = typer.Typer(help="The gazetteer: places and their coordinates, offline.",
                            no_args_is_help=True)


def _fail(exc: NewsledgerError) -> typer.Exit:
    print_error(exc)
    return typer.Exit(1)


@actors_app.command("add")
def actors_add(
    csv_file: Annotated[Path, typer.Argument(help="CSV with the header "
                                             "id,name,type,country,cameo,aliases.")],
) -> None:
    """Add your own actors from a CSV; every later analysis knows them.

    Columns: id, name, type (PERSON, ORG or PLACE), country (ISO 3166-1 alpha-2), cameo,
    aliases separated by '|'. Lines starting with '#' are ignored. The file is checked, then
    kept in NEWSLEDGER_DATA_DIR/actors (default ~/.local/share/newsledger/actors); adding a
    file of the same name replaces it.

    Example: newsledger actors add my-armed-groups.csv
    """
    from newsledger.nlp.actor_base import read_actor_csv

    try:
        actors = read_actor_csv(csv_file, csv_file.read_text(encoding="utf-8"))
    except OSError as exc:
        print_error(f"cannot read {csv_file}: {exc}")
        raise typer.Exit(1) from exc
    except NewsledgerError as exc:
        raise _fail(exc) from exc
    target = Settings.from_env().actors_dir
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(csv_file, target / csv_file.name)
    out.print(f"{len(actors)} actors from {csv_file} added ({target / csv_file.name})")


@actors_app.command("lookup")
def actors_lookup(name: Annotated[str, typer.Argument(help="A name or alias.")]) -> None:
    """Show the actor a name resolves to (exit status 1 when none).

    Example: newsledger actors lookup "Islamic Emirate"
    """
    from newsledger.nlp.actor_base import ActorBase

    try:
        actor = ActorBase.load(Settings.from_env().actor_csvs()).lookup(name)
    except NewsledgerError as exc:
        raise _fail(exc) from exc
    if actor is None:
        err.print(f"no actor named {name!r}")
        raise typer.Exit(1)
    table = Table(show_header=False)
    for label, value in (("id", actor.id), ("name", actor.name), ("type", actor.type),
                         ("country", actor.country), ("cameo", actor.cameo),
                         ("aliases", "; ".join(actor.aliases[:12]))):
        table.add_row(label, value or "")
    out.print(table)


@gazetteer_app.command("build")
def gazetteer_build(
    force: Annotated[bool, typer.Option("--force", help="Rebuild even if it exists.")] = False,
) -> None:
    """Build the gazetteer index now (otherwise it is built on first use).

    Example: newsledger gazetteer build --force
    """
    from newsledger.geo.gazetteer import build_gazetteer, default_path

    path = default_path(Settings.from_env().cache_dir)
    if path.exists() and not force:
        out.print(f"the gazetteer is already built: {path} (use --force to rebuild)")
        return
    try:
        rows = build_gazetteer(path)
    except NewsledgerError as exc:
        raise _fail(exc) from exc
    out.print(f"{rows} places written to {path}")


@gazetteer_app.command("import")
def gazetteer_import(
    dump: Annotated[Path, typer.Argument(help="A GeoNames table: allCountries.zip, a country "
                                         "file (AF.zip, AF.txt).")],
    alternate_names: Annotated[Path | None, typer.Option(
        "--alternate-names", help="alternateNamesV2 (.txt or .zip) for extra spellings.",
        show_default=False)] = None,
    min_population: Annotated[int, typer.Option(help="Skip smaller populated places.")] = 0,
) -> None:
    """Add an official GeoNames dump (villages, passes, rivers...) to the gazetteer.

    Download the dump yourself from GeoNames (newsledger never fetches it). Places already in
    the gazetteer are updated, never duplicated. A rebuild of the gazetteer (a new
    newsledger version) drops imports: run the import again after it.

    Example: newsledger gazetteer import AF.zip --alternate-names alternateNamesV2.zip
    """
    from newsledger.geo.gazetteer import Gazetteer, default_path
    from newsledger.geo.geonames_import import import_geonames

    path = default_path(Settings.from_env().cache_dir)
    try:
        Gazetteer.open(path).close()  # built first, if it is not yet
        report = import_geonames(path, dump, alternate_names=alternate_names,
                                 min_population=min_population)
    except NewsledgerError as exc:
        raise _fail(exc) from exc
    out.print(f"{report.rows_added} places added, {report.rows_updated} updated, "
              f"{report.rows_skipped} skipped of {report.rows_read} read in "
              f"{report.seconds:.1f} s ({path})")


@gazetteer_app.command("lookup")
def gazetteer_lookup(
    name: Annotated[str, typer.Argument(help="A place name in any spelling the data has.")],
    limit: Annotated[int, typer.Option(help="How many readings to show.")] = 10,
) -> None:
    """Show the places a name can mean, the most likely first (exit status 1 when none).

    Example: newsledger gazetteer lookup Panjshir
    """
    from newsledger.geo.gazetteer import Gazetteer, default_path

    try:
        gazetteer = Gazetteer.open(default_path(Settings.from_env().cache_dir))
        entries = gazetteer.lookup(name)[:limit]
    except NewsledgerError as exc:
        raise _fail(exc) from exc
    if not entries:
        err.print(f"no place named {name!r}")
        raise typer.Exit(1)
    table = Table("id", "name", "feature", "country", "admin1", "population", "lat, lon")
    for e in entries:
        table.add_row(e.gazetteer_id, e.name, f"{e.feature_class}.{e.feature_code}",
                      e.country or "", e.admin1 or "", f"{e.population:,}",
                      f"{e.lat:.3f}, {e.lon:.3f}")
    out.print(table)
