"""The codebook as a tree in the browser: child and grandchild codes, drag and drop, the
keyboard "Move to…", criteria and colour, a reason in the history, a name that differs only
in case, and a CSV codebook imported after its preview."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def row(page: Any, name: str) -> Any:
    return page.locator(f"li.code-row[data-code='{name}']")


def panel(page: Any, name: str) -> Any:
    """The Edit panel of a code, opened."""
    details = row(page, name).locator(":scope > details.edit")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    return details


def save(page: Any, form: Any, button: str) -> None:
    with page.expect_navigation():
        form.get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state()


def test_build_a_tree_move_it_edit_it_and_import_into_it(
        server: Any, page: Any, tmp_path: Path, axe: Any, shoot: Any) -> None:
    p = server.project
    p.codebook.add("A-activering", category="Activering", definition="Naar werk of opleiding.")
    p.codebook.add("S-netwerk", category="Sociaal")
    server.enter(page, "/codebook")

    # a child and a grandchild, from the code's Edit panel
    child = panel(page, "A-activering").locator("form[data-action='/api/codebook/add']")
    child.locator("input[name=name]").fill("A-werk")
    save(page, child, "Add child code")
    grandchild = panel(page, "A-werk").locator("form[data-action='/api/codebook/add']")
    grandchild.locator("input[name=name]").fill("A-sollicitatie")
    save(page, grandchild, "Add child code")
    nested = row(page, "A-activering").locator("li.code-row[data-code='A-werk'] "
                                                "li.code-row[data-code='A-sollicitatie']")
    expect(nested).to_have_count(1)
    assert [(n.code.name, n.depth) for n in p.codebook.list()][:3] == [
        ("A-activering", 0), ("A-werk", 1), ("A-sollicitatie", 2)]

    # drag S-netwerk onto A-werk: it becomes A-werk's child, with a reason
    source = row(page, "S-netwerk").locator(":scope > .code-line")
    source.drag_to(row(page, "A-werk").locator(":scope > .code-line"))
    dialog = page.locator("#move-dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Move S-netwerk under A-werk?")
    dialog.locator("input[name=reason]").fill("netwerk via werk")
    with page.expect_navigation():
        dialog.get_by_role("button", name="Move", exact=True).click()
    expect(row(page, "A-werk").locator("li.code-row[data-code='S-netwerk']")).to_have_count(1)
    assert p.codebook.get("S-netwerk").parent == "A-werk"

    # a code cannot be dropped inside itself: the move is not offered
    row(page, "A-activering").locator(":scope > .code-line").drag_to(
        row(page, "A-sollicitatie").locator(":scope > .code-line"))
    expect(dialog).not_to_be_visible()

    # the keyboard alternative: Move to… the top level of Sociaal
    move = panel(page, "S-netwerk").locator("form.move-form")
    move.locator("select[name=target]").select_option("category:Sociaal")
    save(page, move, "Move")
    assert (p.codebook.get("S-netwerk").parent, p.codebook.get("S-netwerk").category) == (
        None, "Sociaal")

    # criteria, example and colour, with a reason that shows in the history
    details = panel(page, "A-werk")
    details.locator("label.reason input").fill("na de pilot van golf 1")
    edit = details.locator("form[data-action='/api/codebook/edit']")
    edit.locator("textarea[name=inclusion]").fill("Betaald werk, ook interim.")
    edit.locator("textarea[name=exclusion]").fill("Vrijwilligerswerk.")
    edit.locator("textarea[name=example]").fill("Ik werk nu in een bakkerij.")
    edit.locator("input[name=colour]").fill("#59a14f")
    save(page, edit, "Save")
    werk = p.codebook.get("A-werk")
    assert (werk.inclusion, werk.exclusion, werk.example, werk.colour) == (
        "Betaald werk, ook interim.", "Vrijwilligerswerk.", "Ik werk nu in een bakkerij.",
        "#59a14f")
    criteria = row(page, "A-werk").locator(":scope > dl.criteria")
    expect(criteria).to_contain_text("Vrijwilligerswerk.")
    first = page.locator(".history-list li").first
    expect(first).to_contain_text("Edited")
    expect(first.locator(".why")).to_contain_text("na de pilot van golf 1")
    expect(page.locator(".history-list")).to_contain_text("netwerk via werk")

    # "werk" next to "A-werk"? fine. "a-werk"? refused with a clear message
    add = page.locator("#add-code")
    add.locator("input[name=name]").fill("a-werk")
    add.get_by_role("button", name="Add code").click()
    expect(add.locator(".form-error")).to_contain_text(
        "A code 'A-werk' already exists; code names may not differ only in upper and lower case")
    assert "a-werk" not in {c.name for c in p.codebook.codes()}

    axe(page)
    page.evaluate("window.scrollTo(0, 0)")
    shoot(page, "codebook")

    # import a CSV codebook: preview first, nothing written, then apply
    csv = tmp_path / "codeboek.csv"
    csv.write_text("category,code,definition,inclusion,exclusion,example,parent\n"
                   "Activering,A-werk,Betaald werk.,,,,A-activering\n"
                   ",A-cv,Een cv maken.,Cv en brief.,,,A-sollicitatie\n"
                   "Taal,T-les,Taallessen.,,,,\n"
                   "Sociaal,s-netwerk,Botst.,,,,\n", encoding="utf-8")
    page.goto(f"{server.url}/codebook#import")
    form = page.locator("#import-form")
    form.locator("input[type=file]").set_input_files(str(csv))
    form.get_by_role("button", name="Preview").click()
    preview = page.locator("#import-preview")
    expect(preview).to_be_visible()
    expect(page.locator("#import-summary")).to_contain_text(
        "2 to add, 1 to change, 0 unchanged, 1 refused")
    refused = preview.locator("tr.status-refused")
    expect(refused).to_contain_text("s-netwerk")
    expect(refused).to_contain_text("upper and lower case")
    expect(preview.locator("tr.status-added")).to_have_count(2)
    assert "A-cv" not in {c.name for c in p.codebook.codes()}
    axe(page)
    with page.expect_navigation():
        page.locator("#import-apply").click()
    expect(row(page, "A-sollicitatie").locator("li.code-row[data-code='A-cv']")).to_have_count(1)
    assert p.codebook.get("A-werk").definition == "Betaald werk."
    expect(page.locator(".history-list li").first).to_contain_text("Imported")
