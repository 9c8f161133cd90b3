"""``stemmen users ...``: the people who may log in to ``stemmen serve``, and their roles."""

from __future__ import annotations

import sys

import typer

from stemmen.cli.options import JsonOpt, ProjectArg, open_project
from stemmen.cli.output import console, print_json, print_table
from stemmen.errors import Invalid
from stemmen.i18n import _

NAME = "users"
app = typer.Typer(help="Users and roles (owner, reviewer, coder, reader): once a project has "
                  "users, `stemmen serve` asks for a login.", no_args_is_help=True)
NameArg = typer.Argument(..., help="The user's name (unique, whatever its case).",
                         metavar="NAME")
RoleHelp = "owner, reviewer, coder or reader."


def _read_password(from_stdin: bool) -> str:
    """The password from standard input (its first line), else asked twice, hidden."""
    if from_stdin:
        line = sys.stdin.readline()
        password = line[:-1] if line.endswith("\n") else line
        password = password[:-1] if password.endswith("\r") else password
        if not password:
            raise Invalid("No password on standard input.")
        return password
    first = typer.prompt(_("Password"), hide_input=True)
    if typer.prompt(_("Password again"), hide_input=True) != first:
        raise Invalid("The two passwords differ.")
    return str(first)


@app.command("add")
def add(project: str = ProjectArg, name: str = NameArg,
        role: str = typer.Option(..., "--role", help=RoleHelp),
        password_stdin: bool = typer.Option(False, "--password-stdin",
                                            help="Read the password from standard input "
                                            "(else it is asked, hidden)."),
        as_json: bool = JsonOpt) -> None:
    """Add a user who can log in to `stemmen serve` with this role."""
    from stemmen.project.users import check_name, check_password, is_weak, parse_role

    check_name(name)  # bad input is refused before a password is asked
    parse_role(role)
    password = check_password(_read_password(password_stdin))
    if is_weak(password):
        _warn_weak()
    with open_project(project) as p:
        user = p.users.add(name, role, password)
    if as_json:
        print_json(user.as_dict())
    else:
        console.print(_("Added user {name} ({role}).", name=user.name, role=_(user.role.value)))


def _warn_weak() -> None:
    from stemmen.project.users import STRONG_PASSWORD

    typer.echo(_("Warning: this password is shorter than {least} characters; choose a longer "
                 "one for a project on a network.", least=STRONG_PASSWORD), err=True)


@app.command("list")
def list_(project: str = ProjectArg, as_json: bool = JsonOpt) -> None:
    """List the users and their roles."""
    with open_project(project) as p:
        found = p.users.list()
    if as_json:
        print_json([u.as_dict() for u in found])
        return
    if not found:
        console.print(_("No users: the project is used solo (no login)."))
        return
    print_table([_("Name"), _("Role"), _("Created")],
                [[u.name, _(u.role.value), u.created.strftime("%Y-%m-%d %H:%M")]
                 for u in found])


@app.command("remove")
def remove(project: str = ProjectArg, name: str = NameArg) -> None:
    """Remove a user; their sessions end at once (their codings stay)."""
    with open_project(project) as p:
        user = p.users.remove(name)
    console.print(_("Removed user {name}.", name=user.name))


@app.command("role")
def role(project: str = ProjectArg, name: str = NameArg,
         new_role: str = typer.Argument(..., help=RoleHelp, metavar="ROLE")) -> None:
    """Give a user another role (it applies from their next request)."""
    with open_project(project) as p:
        user = p.users.role(name, new_role)
    console.print(_("{name} is now {role}.", name=user.name, role=_(user.role.value)))


@app.command("password")
def password(project: str = ProjectArg, name: str = NameArg,
             password_stdin: bool = typer.Option(False, "--password-stdin",
                                                 help="Read the new password from standard "
                                                 "input (else it is asked, hidden).")) -> None:
    """Set a user's password; their sessions end."""
    from stemmen.project.users import check_password, is_weak

    with open_project(project) as p:  # a bad project is refused before a password is asked
        p.users.get(name)
        new = check_password(_read_password(password_stdin))
        if is_weak(new):
            _warn_weak()
        user = p.users.password(name, new)
    console.print(_("New password for {name}; their sessions ended.", name=user.name))
