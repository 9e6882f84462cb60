"""The dev server's in-place update reads some folders by the same rules as the whole build, and
re-renders a page only when what it reads changed (headshots.pagekeys). No server, no Pelican."""

import os

import pytest

from headshots.devserver.builds import changed_addresses, fingerprint
from headshots.devserver.watching import describe
from headshots.directory import Directory
from headshots.inputs import gather, ignored_files, photographer_folders
from headshots.pagedata import PageData
from headshots.pagekeys import READS, footer_key, page_keys
from headshots.pagelist import directory_pages
from headshots.reading import load_profiles, read_folders
from headshots.settings import DEFAULTS
from headshots.thumbnails.settings import output_folder

from factories import minimal_profile, write_profile


@pytest.fixture
def root(tmp_path):
    root = tmp_path / "photographers"
    write_profile(root, "ana", minimal_profile(name="Ana Lima"), images=False)
    write_profile(root, "ben", minimal_profile(name="Ben Ode", city="Boston"), images=False)
    write_profile(root, "cy", minimal_profile(name="Cy Moss"), images=False)
    for folder in ("ana", "ben", "cy"):
        (root / folder / "one.jpg").write_bytes(b"")  # validation only checks that the file is there
    return root


def test_some_folders_get_exactly_the_refusals_the_whole_file_list_makes(tmp_path, root):
    (root / "ana" / "notes.txt").write_text("hi")
    (root / "ana" / "extra").mkdir()
    (root / "ana" / "extra" / "two.jpg").write_bytes(b"")
    (root / "ben" / "con.jpg").write_bytes(b"")
    (tmp_path / "elsewhere.jpg").write_bytes(b"")
    os.symlink(tmp_path / "elsewhere.jpg", root / "ben" / "linked.jpg")
    (root / "ana" / ".profile.yaml.swp").write_bytes(b"b0VIM")  # an editor's scratch file: neither
    (tmp_path / "content").mkdir()
    settings = {**DEFAULTS, "PATH": str(tmp_path / "content"), "PHOTOGRAPHERS_PATH": str(root)}
    whole = gather(settings).problems
    ignored = ignored_files(settings)
    assert len(whole) == 4
    assert photographer_folders(root, {"ana", "ben"}, ignored) == whole
    assert photographer_folders(root, {"ana"}, ignored) == [p for p in whole if "/ana/" in p.file]
    assert photographer_folders(root, {"cy", "gone"}, ignored) == []


def test_some_folders_read_as_the_whole_folder_reads_them(root):
    (root / "cy" / "profile.yaml").write_text("name: [unclosed\n")
    (root / "dee").mkdir()  # a folder without a profile
    profiles, problems = load_profiles(root)
    read, found = read_folders(root, {"ben", "cy", "dee", "gone"})
    assert sorted(read) == ["ben"]
    assert read["ben"].data == next(p for p in profiles if p.path.parent.name == "ben").data
    assert found == [p for p in problems if "/cy/" in p.file or "/dee/" in p.file]
    assert len(found) == 2


def directory_of(root):
    profiles, problems = load_profiles(root)
    assert problems == []
    return Directory.build(profiles, {**DEFAULTS, "PHOTOGRAPHERS_PATH": str(root)})


def test_a_page_key_changes_only_with_what_the_page_reads(root):
    directory = directory_of(root)
    pages = directory_pages(directory)
    assert {template for _, template, _ in pages} <= set(READS)  # every directory template says what it reads
    before = page_keys(pages, PageData(directory, {}), {})
    again = directory_of(root)  # the same profiles read again: new objects, the same keys
    assert page_keys(directory_pages(again), PageData(again, {}), {}) == before
    after = page_keys(pages, PageData(directory, {}), {"ben": 1})  # something in ben's folder was saved
    changed = sorted(save_as for save_as in before if before[save_as] != after[save_as])
    assert changed == [
        "cities/boston/index.html",  # ben is its only photographer, and its card photo
        "cities/index.html",  # every city with its first photographer
        "photographers/ana/scan/index.html",  # ben's headshot is in the others' scan grids
        "photographers/ben/index.html",
        "photographers/ben/scan/index.html",
        "photographers/cy/scan/index.html",
        "photographers/index.html",  # the directory's page that lists ben
    ]


def test_a_new_city_changes_the_footer_every_page_shows(root):
    before = footer_key(directory_of(root))
    write_profile(root, "dee", minimal_profile(name="Dee Park", city="Denver"), images=False)
    (root / "dee" / "one.jpg").write_bytes(b"")
    assert footer_key(directory_of(root)) != before


def test_a_page_value_without_a_key_is_named():
    directory = Directory.build([], dict(DEFAULTS))
    with pytest.raises(TypeError) as caught:
        page_keys([("x.html", "city", {"thing": object()})], PageData(directory, {}), {})
    assert str(caught.value) == (
        "a page value of type object has no key: say in headshots.pagekeys what a page shows of it"
    )


def test_a_directory_made_again_with_the_photographers_before_is_the_same_directory(root):
    settings = {**DEFAULTS, "PHOTOGRAPHERS_PATH": str(root)}
    profiles, _ = load_profiles(root)
    before = Directory.build(profiles, settings)
    write_profile(root, "ben", minimal_profile(name="Ben Ode", city="Chicago", travels_to=["Boston"]), images=False)
    read, _ = read_folders(root, {"ben"})
    profiles = [read["ben"] if p.path.parent.name == "ben" else p for p in profiles]
    again = Directory.build(profiles, settings, before.photographers)
    fresh = Directory.build(profiles, settings)
    shape = lambda d: [(c.slug, [p.slug for p in c.based], [p.slug for p in c.visiting]) for c in d.cities]
    assert shape(again) == shape(fresh) == [("boston", [], ["ben"]), ("chicago", ["ana", "ben", "cy"], [])]
    assert again.photographers[0] is before.photographers[0]  # ana's profile did not change: reused
    assert again.photographers[1] is not before.photographers[1]  # ben's was read again


def test_a_rendition_published_since_the_last_build_changes_no_page(tmp_path):
    """After the background caught up (renditions on request), the next whole build finds renditions the last
    one lacked: the log and live reload must not call that a change to every page; a style sheet is one."""
    (tmp_path / "theme" / "css").mkdir(parents=True)
    (tmp_path / "index.html").write_text("home")
    (tmp_path / "theme" / "css" / "site.css").write_text("css")
    skip = {"pagefind", output_folder({"HEADSHOTS_OUTPUT": "/images/"})}  # as pelicanconf may write it
    before = fingerprint(tmp_path, skip)
    (tmp_path / "images" / "maya-okafor").mkdir(parents=True)
    (tmp_path / "images" / "maya-okafor" / "maya-okafor-01-160w-8ba0553acc.jpg").write_bytes(b"jpeg")
    published = fingerprint(tmp_path, skip)
    assert changed_addresses(before, published) == []
    (tmp_path / "theme" / "css" / "site.css").write_text("css, edited")
    restyled = fingerprint(tmp_path, skip)
    assert changed_addresses(before, restyled) == ["*"]
    (tmp_path / "theme" / "css" / "site.css").write_text("css")
    (tmp_path / "photographers" / "maya-okafor").mkdir(parents=True)
    (tmp_path / "photographers" / "maya-okafor" / "index.html").write_text("new")
    edited = fingerprint(tmp_path, skip)
    assert changed_addresses(before, edited) == ["/photographers/maya-okafor/"]


def test_the_log_names_what_the_editor_saved_removed_or_renamed_not_editors_scratch(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "photographers" / "quinn-renamed").mkdir(parents=True)
    (tmp_path / "photographers" / "quinn-renamed" / "profile.yaml").write_text("name: Quinn\n")
    saved = {
        tmp_path / "photographers" / "quinn-renamed" / "profile.yaml",
        tmp_path / "photographers" / "quinn-test",  # renamed away: gone, and named
        tmp_path / "photographers" / "jordan-pierce",  # removed: gone, and named
        tmp_path / "content" / "articles" / "sedmMVNWu",  # sed -i's scratch file
        tmp_path / "photographers" / "quinn-renamed" / "4913",  # Vim's test of the folder
        tmp_path / "photographers" / "quinn-renamed" / ".profile.yaml.swp",
        tmp_path / "photographers" / "quinn-renamed" / "profile.yaml~",
    }
    assert describe({str(p) for p in saved}, limit=5) == (
        "photographers/jordan-pierce, photographers/quinn-renamed/profile.yaml, photographers/quinn-test"
    )
    assert describe({str(tmp_path / "content" / "articles" / "sedmMVNWu")}) == "files that are gone again"
