"""``stemmen settings ...``: the project's settings (which attributes hold role, wave, date...)."""

from __future__ import annotations

import typer

from stemmen.cli.options import JsonOpt, ProjectArg, open_project
from stemmen.cli.output import console, print_json, print_table
from stemmen.i18n import _

NAME = "settings"
app = typer.Typer(help="Project settings: the attributes that hold role, type, date, wave...",
                  no_args_is_help=True)
KeyArg = typer.Argument(..., help="The setting, e.g. attribute.role (see `settings show`).")


@app.command("show")
def show(project: str = ProjectArg, as_json: bool = JsonOpt) -> None:
    """Every setting with its value and default."""
    with open_project(project) as p:
        found = p.settings.list()
    if as_json:
        print_json([s.as_dict() for s in found])
        return
    print_table([_("Setting"), _("Value"), _("Default"), _("What it is")],
                [[s.key, s.value, "" if s.is_default else s.default, _(s.description)]
                 for s in found])


@app.command("set")
def set_(project: str = ProjectArg, key: str = KeyArg,
         value: str = typer.Argument(..., help="Attribute name(s), separated by commas: the "
                                     "first one a document has counts.")) -> None:
    """Give a setting a value, e.g. `settings set study.stemmen attribute.role functie`."""
    with open_project(project) as p:
        setting = p.settings.set(key, value)
    console.print(_("{key} is now {value}.", key=setting.key, value=setting.value))


@app.command("reset")
def reset(project: str = ProjectArg, key: str = KeyArg) -> None:
    """Give a setting its default value again."""
    with open_project(project) as p:
        setting = p.settings.reset(key)
    console.print(_("{key} is now {value}.", key=setting.key, value=setting.value))
